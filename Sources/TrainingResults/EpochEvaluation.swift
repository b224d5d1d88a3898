/// The mean classifier's test quality after one epoch (an element of a run's
/// `epochEvaluations`), so a report can plot accuracy against epoch.
///
/// JSON fields: `epoch` (1-based, the epochs completed), `meanClassifierAccuracy` and
/// `meanClassifierLoss` as in ``RepresentationEvaluation``, except that the class means
/// come from a fixed per-class subset of the training images (``EpochEvaluator``).
public struct EpochEvaluation: Codable, Equatable, Sendable {
  public var epoch: Int
  public var meanClassifierAccuracy: Double
  /// `L_sup^μ` at scale `s`, class losses weighted by the full training set's class frequencies ρ.
  public var meanClassifierLoss: Double

  public init(epoch: Int, meanClassifierAccuracy: Double, meanClassifierLoss: Double) {
    self.epoch = epoch
    self.meanClassifierAccuracy = meanClassifierAccuracy
    self.meanClassifierLoss = meanClassifierLoss
  }
}
