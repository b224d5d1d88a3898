import Foundation

/// Writes all output files of one command all-or-nothing: each file goes to a hidden
/// temporary sibling (written and `fsync`ed), and only when every one of them was
/// produced are they renamed into place. A failure before the renames removes the
/// temporaries and leaves no output at all; `rename(2)` replaces an old file atomically.
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
      for file in written where rename(file.temporary, file.path) != 0 {
        throw Self.failure(file.flag, file.path, SystemError.reason(errno))
      }
    } catch {
      for file in written { unlink(file.temporary) }
      throw error
    }
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
