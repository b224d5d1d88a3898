import SeededRandom
import TrainingResults

/// The complete state of a run between two epochs: resuming from it reproduces the
/// uninterrupted run bit for bit.
public struct TrainingState: Sendable, Equatable {
  /// A fingerprint of the configuration and data; a checkpoint only resumes a run with the same one.
  public var fingerprint: String
  public var epochsCompleted: Int
  public var parameters: [Float]
  /// The encoder's batch-norm running statistics (``Encoder/runningStatistics``).
  public var runningStatistics: [Float]
  public var optimizer: AdamOptimizer
  /// The random stream, positioned at the start of the next epoch.
  public var generator: SplitMix64
  /// Mean training loss of every completed epoch.
  public var epochLosses: [Float]
  /// Wall-clock seconds spent training so far (informational; not part of the result's identity).
  public var trainingSeconds: Double
  /// The per-epoch evaluations so far (``EpochEvaluator``), kept here rather than only in
  /// the results so a resumed run ends with the same history as an uninterrupted one.
  public var epochEvaluations: [EpochEvaluation] = []
}
