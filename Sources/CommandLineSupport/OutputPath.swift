import Foundation

/// Checks on a path an output file will be written to, made before any long computation.
public enum OutputPath {
  /// The folder that will hold `path`: everything before the last `/` (`/` itself for
  /// `/x`), or `.` when there is none. Unlike `NSString.deletingLastPathComponent`, it
  /// handles one-character names such as `a`, `-`, `.`, `~` or `é`.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = path[..<slash]
    return folder.isEmpty ? "/" : String(folder)
  }

  /// The last component of `path`.
  public static func name(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Proves that `path` can be created by creating (and removing) a temporary file beside it.
  ///
  /// - Throws: ``CommandError`` with exit status `exitCode`: `--flag: cannot write 'path': reason`,
  ///   the reason being the system's (errno) text or that the path is a folder.
  public static func checkWritable(_ path: String, flag: String, exitCode: Int32 = 1) throws {
    func failure(_ reason: String) -> CommandError {
      CommandError("\(flag): cannot write \(EchoedValue.quoted(path)): \(reason)", exitCode: exitCode)
    }
    guard !path.isEmpty else { throw failure("empty path") }
    var isDirectory: ObjCBool = false
    if path.hasSuffix("/")
      || FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        && isDirectory.boolValue
    {
      throw failure("it is a folder")
    }
    let folder = folder(of: path)
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw failure("folder \(EchoedValue.quoted(folder)) does not exist")
    }
    let probe = temporaryName(for: path)
    let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw failure(SystemError.reason(errno)) }
    close(descriptor)
    unlink(probe)
  }

  /// The temporary sibling a file is written to before it is renamed into place.
  static func temporaryName(for path: String) -> String {
    let folder = path.contains("/") ? folder(of: path) + "/" : ""
    return folder + "." + name(of: path) + ".partial-\(getpid())"
  }
}
