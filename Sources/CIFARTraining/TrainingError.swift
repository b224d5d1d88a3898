/// Everything that stops a training run. Engine errors say what went wrong in the
/// engine's terms; the command maps each case to the flag at fault and an exit status.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// The CIFAR data directory does not exist or holds no data set of the requested kind.
  case missingData(directory: String, reason: String)
  /// A checkpoint belongs to another configuration or data set than the run resuming it.
  case checkpointMismatch
  /// A data or output file that is missing, unreadable or malformed.
  case file(path: String, message: String)
  /// The loss became NaN or infinite; the last good checkpoint is kept.
  case diverged(message: String)

  public var description: String {
    switch self {
    case .missingData(let directory, let reason): "\(directory): \(reason)"
    case .checkpointMismatch: "the checkpoint was written with different settings or data"
    case .file(let path, let message): "\(path): \(message)"
    case .diverged(let message): message
    }
  }
}
