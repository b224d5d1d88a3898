import Foundation

/// Writes several output files all-or-nothing: every file is first written to a
/// temporary sibling, and only when all have been written are they renamed into
/// place, so a failure never leaves a partial or truncated output behind.
public struct AtomicOutput {
  /// A failure to write, naming the flag that chose the path.
  public struct WriteError: Error, CustomStringConvertible {
    public let description: String
  }

  private var pending: [(flag: String, path: String, contents: String)] = []

  public init() {}

  /// Checks that `path` can be created, before any long computation starts.
  public static func checkWritable(_ path: String, flag: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let folder = directory.isEmpty ? "." : directory
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw WriteError(description: "\(flag): cannot write '\(path)': folder '\(folder)' does not exist")
    }
    guard FileManager.default.isWritableFile(atPath: folder) else {
      throw WriteError(description: "\(flag): cannot write '\(path)': folder '\(folder)' is not writable")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw WriteError(description: "\(flag): cannot write '\(path)': it is a folder")
    }
  }

  public mutating func add(_ contents: String, to path: String, flag: String) {
    pending.append((flag, path, contents))
  }

  /// Writes every added file, or none of them.
  public func commit() throws {
    var written: [(temporary: String, path: String)] = []
    do {
      for file in pending {
        let temporary = file.path + ".partial-\(getpid())"
        do {
          try Data(file.contents.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
          throw WriteError(description: "\(file.flag): cannot write '\(file.path)': \(error.localizedDescription)")
        }
        written.append((temporary, file.path))
      }
      for file in written where rename(file.temporary, file.path) != 0 {
        throw WriteError(description: "cannot write '\(file.path)': \(String(cString: strerror(errno)))")
      }
    } catch {
      for file in written { unlink(file.temporary) }
      throw error
    }
  }
}
