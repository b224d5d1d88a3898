/// Everything that stops a training run, each with a one-line message that names
/// the flag or file at fault and the process exit code it maps to.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// A bad command-line value; `flag` is the option as typed (`--k`).
  case usage(flag: String, message: String)
  /// A data or output file that is missing, unreadable or malformed.
  case file(path: String, message: String)
  /// The loss became NaN or infinite; the last good checkpoint is kept.
  case diverged(message: String)

  /// `sysexits.h`: 64 (`EX_USAGE`) for bad input on the command line, 1 otherwise.
  public var exitCode: Int32 {
    switch self {
    case .usage: 64
    case .file, .diverged: 1
    }
  }

  public var description: String {
    switch self {
    case .usage(let flag, let message): "\(flag): \(message)"
    case .file(let path, let message): "\(path): \(message)"
    case .diverged(let message): message
    }
  }
}
