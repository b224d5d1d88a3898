/// A session stopped by Ctrl-C: which run was in progress and what of it is kept.
public struct Interruption: Error, Equatable {
  /// `k=64` or `k=64 seed=1`.
  public let run: String
  /// Epochs of that run saved in its checkpoint (0: its first epoch was not finished).
  public let epochsKept: Int
  /// The checkpoint holding them, `nil` when nothing of the run is kept.
  public let checkpoint: String?
  /// Runs of the sweep finished before it, in `results.json`.
  public let finishedRuns: Int

  /// What was kept, in one sentence.
  public var kept: String {
    let runs = "\(finishedRuns) finished run\(finishedRuns == 1 ? "" : "s") in results.json"
    guard let checkpoint else { return "\(runs); \(run) had not finished its first epoch, nothing of it is kept" }
    return "\(runs); \(run) after epoch \(epochsKept) in \(checkpoint) (the unfinished epoch is dropped)"
  }
}
