import TrainingResults

/// Evaluates the mean classifier between epochs (`--eval-every`, `--eval-train-subset`).
///
/// Embedding all training images after every epoch would cost about a fifth of a full
/// CIFAR-10 epoch's training (forward only, against forward and backward of two views),
/// so the class means come from the first `trainPerClass` training images of every
/// class (file order: deterministic and independent of the seed, so resumed and
/// uninterrupted runs see the same subset). The test set is used
/// in full, and the loss is weighted by the class frequencies ρ of the *full* training
/// set, as in the final ``RepresentationEvaluation``; a subset capped per class would
/// otherwise flatten ρ on a long-tailed run. Nothing here draws from the training
/// stream, so evaluating does not change the trained weights.
public struct EpochEvaluator: Sendable {
  /// Evaluate after every `every`-th epoch (and after the last); 0 never.
  public let every: Int
  let classMeanImages: LabeledImages
  let test: LabeledImages
  let classWeights: [Double]
  let assembler: BatchAssembler

  public init(
    every: Int, trainPerClass: Int, train: LabeledImages, test: LabeledImages, normalization: ChannelNormalization
  ) {
    self.every = every
    classMeanImages = train.limited(perClass: trainPerClass)
    self.test = test
    classWeights = MeanClassifier.classFrequencies(labels: train.labels, classCount: train.classCount)
    assembler = BatchAssembler(normalization: normalization)
  }

  /// Whether to evaluate after `epoch` of `epochs`: every `every`-th epoch and the
  /// last one, so each curve ends at the trained encoder whatever `every` divides.
  public func isDue(epoch: Int, of epochs: Int) -> Bool {
    every > 0 && (epoch % every == 0 || epoch == epochs)
  }

  /// The mean classifier of `encoder` after `epoch`, and the geometry of the training
  /// subset's and the test set's representations.
  ///
  /// - Complexity: O((subset + test images) · (FLOPs per image + N · d)).
  public func evaluate(_ encoder: Encoder, epoch: Int, scale: Float) -> EpochEvaluation {
    let dimension = encoder.configuration.embeddingDimension
    let trainFeatures = encoder.embed(classMeanImages, assembler: assembler)
    let testFeatures = encoder.embed(test, assembler: assembler)
    let classifier = MeanClassifier(
      features: trainFeatures, labels: classMeanImages.labels, classCount: classMeanImages.classCount,
      dimension: dimension)
    let result = classifier.evaluate(
      features: testFeatures, labels: test.labels, scale: scale, classWeights: classWeights)
    return EpochEvaluation(
      epoch: epoch, meanClassifierAccuracy: result.accuracy, meanClassifierLoss: result.loss,
      trainGeometry: NeuralCollapseMeasures(
        features: trainFeatures, labels: classMeanImages.labels, classCount: classMeanImages.classCount,
        dimension: dimension),
      testGeometry: NeuralCollapseMeasures(
        features: testFeatures, labels: test.labels, classCount: test.classCount, dimension: dimension))
  }
}
