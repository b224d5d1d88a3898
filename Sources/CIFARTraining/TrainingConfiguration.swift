import Foundation
import TrainingResults

/// Everything that determines a training run's result; two runs with equal
/// configurations on equal data produce bit-identical weights.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
  public var encoder: EncoderConfiguration
  /// Negatives per anchor `k`.
  public var negatives: Int
  /// Scale `s` (inverse temperature) multiplying every inner product.
  public var scale: Float
  public var epochs: Int
  /// Anchors per batch requested; see ``effectiveBatchSize``.
  public var batchSize: Int
  /// Peak Adam step size; it decays to 0 along a cosine over the run.
  public var learningRate: Float
  public var weightDecay: Float
  /// Random crop and flip of every view.
  public var augment: Bool
  public var seed: UInt64

  public init(
    encoder: EncoderConfiguration = EncoderConfiguration(), negatives: Int, scale: Float = 10, epochs: Int = 10,
    batchSize: Int = 256, learningRate: Float = 2e-3, weightDecay: Float = 5e-4, augment: Bool = true, seed: UInt64 = 0
  ) {
    self.encoder = encoder
    self.negatives = negatives
    self.scale = scale
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.augment = augment
    self.seed = seed
  }

  /// Anchors per batch actually used: at least `k + 1`, because each anchor's
  /// negatives are `k` distinct other draws of the batch (see ``LatentClassSampler``).
  public var effectiveBatchSize: Int { max(batchSize, negatives + 1) }

  /// Batches per epoch: enough anchors to visit the training set once on average.
  public func stepsPerEpoch(trainingImages: Int) -> Int {
    max(1, (trainingImages + effectiveBatchSize - 1) / effectiveBatchSize)
  }

  /// The step size of update `step` (0-based) of `totalSteps`: a cosine from
  /// `learningRate` down to 0, which reaches a better optimum in a fixed budget
  /// than a constant rate.
  public func learningRate(atStep step: Int, of totalSteps: Int) -> Float {
    let progress = Double(step) / Double(max(totalSteps, 1))
    return learningRate * Float(0.5 * (1 + Foundation.cos(Double.pi * progress)))
  }
}
