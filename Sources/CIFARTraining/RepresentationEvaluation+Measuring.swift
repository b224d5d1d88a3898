import SeededRandom
import TrainingResults

extension RepresentationEvaluation {
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
    let probe = LinearProbe(
      features: trainFeatures, labels: trainLabels, classCount: classCount, dimension: dimension, using: &generator)
    let nceTestLoss = NCETestEstimate(
      features: testFeatures, labels: testLabels, dimension: dimension, negatives: negatives, scale: scale,
      draws: nceDraws, using: &generator)
    self.init(
      meanClassifierAccuracy: downstream.accuracy, meanClassifierLoss: downstream.loss,
      balancedMeanClassifierLoss: downstream.balancedLoss,
      linearProbeAccuracy: probe.accuracy(features: testFeatures, labels: testLabels), nceTestLoss: nceTestLoss,
      geometry: RepresentationGeometry(classifier: classifier, testFeatures: testFeatures, testLabels: testLabels))
  }
}
