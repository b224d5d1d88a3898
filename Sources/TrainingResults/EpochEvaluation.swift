/// The mean classifier's test quality after one epoch (an element of a run's
/// `epochEvaluations`), so a report can plot accuracy against epoch.
///
/// JSON fields: `epoch` (1-based, the epochs completed), `meanClassifierAccuracy` and
/// `meanClassifierLoss` as in ``RepresentationEvaluation``, except that the class means
/// come from a fixed per-class subset of the training images (``EpochEvaluator``);
/// `trainGeometry` and `testGeometry` (schema version 3; absent before) are the
/// ``NeuralCollapseMeasures`` of that training subset and of the test set, each with its
/// own class means.
public struct EpochEvaluation: Codable, Equatable, Sendable {
  public var epoch: Int
  public var meanClassifierAccuracy: Double
  /// `L_sup^μ` at scale `s`, class losses weighted by the full training set's class frequencies ρ.
  public var meanClassifierLoss: Double
  /// The geometry of the training subset's representations; `nil` in older results.
  public var trainGeometry: NeuralCollapseMeasures? = nil
  /// The geometry of the test representations; `nil` in older results.
  public var testGeometry: NeuralCollapseMeasures? = nil

  public init(
    epoch: Int, meanClassifierAccuracy: Double, meanClassifierLoss: Double,
    trainGeometry: NeuralCollapseMeasures? = nil, testGeometry: NeuralCollapseMeasures? = nil
  ) {
    self.epoch = epoch
    self.meanClassifierAccuracy = meanClassifierAccuracy
    self.meanClassifierLoss = meanClassifierLoss
    self.trainGeometry = trainGeometry
    self.testGeometry = testGeometry
  }
}
