/// A reason a command stops early: one line for stderr and the exit status it maps to.
///
/// Exit statuses follow `sysexits.h` where one fits: 64 (`EX_USAGE`) for anything wrong
/// on the command line, including an input file named there that cannot be read or parsed.
public struct CommandError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The message, without the program name and without a trailing newline.
  public let description: String
  public let exitCode: Int32

  /// `EX_USAGE` from `sysexits.h`.
  public static let usageExitCode: Int32 = 64

  public init(_ description: String, exitCode: Int32) {
    self.description = description
    self.exitCode = exitCode
  }

  /// A command-line mistake (exit 64); `message` should start with the flag or file it is about.
  public static func usage(_ message: String) -> CommandError { CommandError(message, exitCode: usageExitCode) }
}
