import SeededRandom
/// Test-set quality of one trained representation (the `evaluation` object of the results JSON).
///
/// JSON fields:
/// - `meanClassifierAccuracy`: test accuracy of the mean classifier with training-set class means (§4), ties are errors.
/// - `meanClassifierLoss`: `L_sup^μ` at scale `s` via `MeanClassifierLoss`: each class's mean test loss,
///   weighted by ρ = the training class frequencies (theory.md §4; matters with `--imbalance`).
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

  /// Evaluates representations `[n, d]` of the training and test images.
  ///
  /// - Complexity: O(probe epochs · n · N · d + draws · k · d).
  public init(
    trainFeatures: [Float], trainLabels: [Int], testFeatures: [Float], testLabels: [Int],
    classCount: Int, dimension: Int, scale: Float, negatives: Int, nceDraws: Int = 10_000, seed: UInt64
  ) {
    var generator = SplitMix64(seed: seed)
    let classifier = MeanClassifier(
      features: trainFeatures, labels: trainLabels, classCount: classCount, dimension: dimension)
    let downstream = classifier.evaluate(
      features: testFeatures, labels: testLabels, scale: scale,
      classWeights: MeanClassifier.classFrequencies(labels: trainLabels, classCount: classCount))
    meanClassifierAccuracy = downstream.accuracy
    meanClassifierLoss = downstream.loss
    balancedMeanClassifierLoss = downstream.balancedLoss
    let probe = LinearProbe(
      features: trainFeatures, labels: trainLabels, classCount: classCount, dimension: dimension, using: &generator)
    linearProbeAccuracy = probe.accuracy(features: testFeatures, labels: testLabels)
    nceTestLoss = NCETestEstimate(
      features: testFeatures, labels: testLabels, dimension: dimension, negatives: negatives, scale: scale,
      draws: nceDraws, using: &generator)
    geometry = RepresentationGeometry(classifier: classifier, testFeatures: testFeatures, testLabels: testLabels)
  }
}
