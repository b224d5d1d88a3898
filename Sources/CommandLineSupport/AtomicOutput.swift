import Foundation

/// Writes all output files of one command all-or-nothing: each file goes to a hidden
/// temporary sibling (written and `fsync`ed), and only when every one of them was
/// produced are they renamed into place. A failure before the renames removes the
/// temporaries and leaves no output at all; `rename(2)` replaces an old file atomically.
/// A rename that fails after others succeeded puts the earlier ones back (each replaced
/// file is kept as a hard link until all renames are done), so the folder holds either
/// every new file or what it held before; only a crash between two renames can mix them.
public struct AtomicOutput {
  private var pending: [(flag: String, path: String, contents: [UInt8])] = []

  /// Output failures exit with this status (1), apart from usage errors.
  public static let exitCode: Int32 = 1

  public init() {}

  /// Queues `contents` for `path`, chosen by `flag` (named in any error).
  public mutating func add(_ contents: String, to path: String, flag: String) {
    pending.append((flag, path, Array(contents.utf8)))
  }

  /// Queues raw bytes for `path`.
  public mutating func add(bytes: [UInt8], to path: String, flag: String) {
    pending.append((flag, path, bytes))
  }

  /// Writes every queued file, or none of them.
  ///
  /// - Throws: ``CommandError`` (exit 1) `--flag: cannot write 'path': reason`.
  public func commit() throws {
    var written: [(temporary: String, path: String, flag: String)] = []
    do {
      for file in pending {
        let temporary = OutputPath.temporaryName(for: file.path)
        written.append((temporary, file.path, file.flag))
        try Self.writeSynchronously(file.contents, to: temporary, reportedAs: file.path, flag: file.flag)
      }
      try Self.publish(written)
    } catch {
      for file in written { unlink(file.temporary) }
      throw error
    }
  }

  /// Renames every temporary onto its path; if one rename fails, undoes the earlier ones.
  private static func publish(_ files: [(temporary: String, path: String, flag: String)]) throws {
    var published: [(path: String, previous: String?)] = []
    for file in files {
      let previous = OutputPath.temporaryName(for: file.path) + "-previous"
      let kept = link(file.path, previous) == 0
      guard rename(file.temporary, file.path) == 0 else {
        let reason = SystemError.reason(errno)
        if kept { unlink(previous) }
        for earlier in published.reversed() {
          if let previous = earlier.previous { rename(previous, earlier.path) } else { unlink(earlier.path) }
        }
        throw failure(file.flag, file.path, reason)
      }
      published.append((file.path, kept ? previous : nil))
    }
    for file in published { if let previous = file.previous { unlink(previous) } }
  }

  /// Writes `bytes` to `path` (created or truncated) and flushes them to the disk.
  static func writeSynchronously(_ bytes: [UInt8], to path: String, reportedAs target: String, flag: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw failure(flag, target, SystemError.reason(errno)) }
    defer { close(descriptor) }
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      guard count > 0 else { throw failure(flag, target, SystemError.reason(errno)) }
      offset += count
    }
    guard fsync(descriptor) == 0 else { throw failure(flag, target, SystemError.reason(errno)) }
  }

  private static func failure(_ flag: String, _ path: String, _ reason: String) -> CommandError {
    CommandError("\(flag): cannot write \(EchoedValue.quoted(path)): \(reason)", exitCode: exitCode)
  }
}
