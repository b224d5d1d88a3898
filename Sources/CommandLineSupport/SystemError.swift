import Foundation

/// The system's own words for a failed call, in place of Foundation's
/// "The operation could not be completed".
public enum SystemError {
  /// `strerror(code)`, e.g. `No such file or directory`.
  public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// The errno text inside a Foundation file error; "unreadable" when it carries none.
  public static func reason(of error: Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return reason(Int32(underlying.code))
    }
    if error.domain == NSPOSIXErrorDomain { return reason(Int32(error.code)) }
    switch error.code {
    case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return reason(ENOENT)
    case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return reason(EACCES)
    case NSFileWriteOutOfSpaceError: return reason(ENOSPC)
    case NSFileWriteVolumeReadOnlyError: return reason(EROFS)
    default: return "unreadable"
    }
  }
}
