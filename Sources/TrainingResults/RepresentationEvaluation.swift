/// Test-set quality of one trained representation (the `evaluation` object of the results JSON).
///
/// JSON fields:
/// - `meanClassifierAccuracy`: test accuracy of the mean classifier with training-set class means (§4), ties are errors.
/// - `meanClassifierLoss`: `L_sup^μ` at scale `s` via `MeanClassifierLoss`: each class's mean test loss,
///   weighted by ρ = the training class frequencies (docs/theory.md §4; matters with `--imbalance`).
/// - `balancedMeanClassifierLoss`: the same with uniform class weights.
/// - `linearProbeAccuracy`: test accuracy of multinomial logistic regression fitted on the frozen training representations.
/// - `nceTestLoss`: ``NCETestEstimate`` (`negatives`, `draws`, `mean`, `lower95`, `upper95`) on the test set.
/// - `geometry`: ``RepresentationGeometry``.
public struct RepresentationEvaluation: Codable, Equatable, Sendable {
  public var meanClassifierAccuracy: Double
  public var meanClassifierLoss: Double
  public var balancedMeanClassifierLoss: Double
  public var linearProbeAccuracy: Double
  public var nceTestLoss: NCETestEstimate
  public var geometry: RepresentationGeometry

  public init(
    meanClassifierAccuracy: Double, meanClassifierLoss: Double, balancedMeanClassifierLoss: Double,
    linearProbeAccuracy: Double, nceTestLoss: NCETestEstimate, geometry: RepresentationGeometry
  ) {
    self.meanClassifierAccuracy = meanClassifierAccuracy
    self.meanClassifierLoss = meanClassifierLoss
    self.balancedMeanClassifierLoss = balancedMeanClassifierLoss
    self.linearProbeAccuracy = linearProbeAccuracy
    self.nceTestLoss = nceTestLoss
    self.geometry = geometry
  }
}
