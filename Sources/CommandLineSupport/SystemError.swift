import Foundation

/// The system's own words for a failed call, in place of Foundation's
/// "The operation could not be completed".
public enum SystemError {
  /// `strerror(code)`, e.g. `No such file or directory`.
  public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
