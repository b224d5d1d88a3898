import Foundation
import SeededRandom
import TrainingResults

/// Progress of a running epoch, reported after every step.
public struct StepProgress: Sendable {
  public var epoch: Int
  public var epochs: Int
  public var step: Int
  public var stepsPerEpoch: Int
  /// Mean loss of the steps of this epoch so far.
  public var meanLoss: Float
  /// Images (anchors and positives) encoded per second in this epoch.
  public var imagesPerSecond: Double
  /// Seconds since the epoch started.
  public var elapsedSeconds: Double

  public init(
    epoch: Int, epochs: Int, step: Int, stepsPerEpoch: Int, meanLoss: Float, imagesPerSecond: Double,
    elapsedSeconds: Double
  ) {
    self.epoch = epoch
    self.epochs = epochs
    self.step = step
    self.stepsPerEpoch = stepsPerEpoch
    self.meanLoss = meanLoss
    self.imagesPerSecond = imagesPerSecond
    self.elapsedSeconds = elapsedSeconds
  }
}

/// Trains an ``Encoder`` on latent-class draws with the NCE loss, one epoch at a
/// time, from a ``TrainingState`` that can be checkpointed between epochs.
public struct ContrastiveTrainer {
  public let configuration: TrainingConfiguration
  let images: LabeledImages
  let assembler: BatchAssembler
  let sampler: LatentClassSampler
  /// The state after the last completed epoch.
  public private(set) var state: TrainingState

  /// A fresh run: the encoder's initial weights are the first draws of the seeded stream.
  public init(configuration: TrainingConfiguration, images: LabeledImages, normalization: ChannelNormalization) {
    var generator = SplitMix64(seed: configuration.seed)
    let encoder = Encoder(configuration: configuration.encoder, using: &generator)
    self.init(
      configuration: configuration, images: images, normalization: normalization,
      state: TrainingState(
        fingerprint: Self.fingerprint(configuration, images: images), epochsCompleted: 0,
        parameters: encoder.parameters, runningStatistics: encoder.runningStatistics,
        optimizer: AdamOptimizer(parameterCount: encoder.parameterCount, weightDecay: configuration.weightDecay),
        generator: generator, epochLosses: [], trainingSeconds: 0))
  }

  /// A run continuing from a checkpointed `state`.
  ///
  /// - Throws: ``TrainingError/checkpointMismatch`` when the state belongs to another
  ///   configuration, data set or thread count.
  public init(
    configuration: TrainingConfiguration, images: LabeledImages, normalization: ChannelNormalization,
    resumingFrom state: TrainingState
  ) throws {
    guard state.fingerprint == Self.fingerprint(configuration, images: images) else {
      throw TrainingError.checkpointMismatch
    }
    self.init(configuration: configuration, images: images, normalization: normalization, state: state)
  }

  private init(
    configuration: TrainingConfiguration, images: LabeledImages, normalization: ChannelNormalization,
    state: TrainingState
  ) {
    self.configuration = configuration
    self.images = images
    assembler = BatchAssembler(normalization: normalization)
    sampler = LatentClassSampler(images: images)
    self.state = state
  }

  /// Identifies the configuration and the training data (size, label checksum).
  static func fingerprint(_ configuration: TrainingConfiguration, images: LabeledImages) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = (try? encoder.encode(configuration)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    let labelSum = images.labels.enumerated().reduce(0) { $0 &+ ($1.offset &+ 1) &* ($1.element &+ 7) }
    // The thread count changes the order of partial sums, so a run resumed with another
    // count would not be bit-identical to an uninterrupted one.
    return "\(json) images=\(images.count) labels=\(labelSum) threads=\(TrainingRuntime.threads)"
  }

  /// The encoder with the current weights.
  public var encoder: Encoder {
    Encoder(
      configuration: configuration.encoder, parameters: state.parameters, runningStatistics: state.runningStatistics)
  }

  /// Appends the evaluation of the epoch just completed to the state, so the next
  /// checkpoint carries it.
  public mutating func record(_ evaluation: EpochEvaluation) {
    precondition(evaluation.epoch == state.epochsCompleted, "evaluations belong to the last completed epoch")
    state.epochEvaluations.append(evaluation)
  }

  /// Whether every epoch is done.
  public var isFinished: Bool { state.epochsCompleted >= configuration.epochs }

  /// Trains one epoch. `state` only changes when the epoch completes, so an epoch
  /// abandoned by `shouldStop` (or by a thrown error) leaves the last epoch's state intact.
  ///
  /// - Returns: `false` if `shouldStop` ended the epoch early.
  /// - Throws: ``TrainingError/diverged(message:)`` when a batch's loss is not finite.
  /// - Complexity: O(training images · FLOPs per image).
  public mutating func trainEpoch(
    progress: (StepProgress) -> Void = { _ in }, shouldStop: (_ step: Int) -> Bool = { _ in false }
  ) throws -> Bool {
    var next = state
    var encoder = self.encoder
    let batchSize = configuration.effectiveBatchSize
    let steps = configuration.stepsPerEpoch(trainingImages: images.count)
    let totalSteps = steps * configuration.epochs
    let started = Date()
    var lossSum: Float = 0
    for step in 0..<steps {
      if shouldStop(step) { return false }
      let batch = sampler.draw(anchors: batchSize, negatives: configuration.negatives, using: &next.generator)
      let input = assembler.assemble(
        images, indices: batch.imageIndices, augment: configuration.augment, using: &next.generator)
      let (embeddings, tape) = encoder.forward(input, batch: batch.imageIndices.count)
      let (loss, embeddingGradient) = ContrastiveObjective.lossAndGradient(
        embeddings: embeddings, dimension: configuration.encoder.embeddingDimension, batch: batch,
        scale: configuration.scale)
      guard loss.isFinite else {
        throw TrainingError.diverged(
          message: "training diverged: loss \(loss) at epoch \(next.epochsCompleted + 1) step \(step + 1); "
            + "the last checkpoint (epoch \(state.epochsCompleted)) is kept")
      }
      let gradient = encoder.backward(embeddingGradient, tape: tape)
      encoder.updateRunningStatistics(from: tape)
      next.optimizer.update(
        &encoder.parameters, gradient: gradient,
        learningRate: configuration.learningRate(atStep: next.optimizer.step, of: totalSteps))
      lossSum += loss
      let elapsed = max(Date().timeIntervalSince(started), 1e-9)
      progress(
        StepProgress(
          epoch: next.epochsCompleted + 1, epochs: configuration.epochs, step: step + 1, stepsPerEpoch: steps,
          meanLoss: lossSum / Float(step + 1),
          imagesPerSecond: Double((step + 1) * batch.imageIndices.count) / elapsed, elapsedSeconds: elapsed))
    }
    next.parameters = encoder.parameters
    next.runningStatistics = encoder.runningStatistics
    next.epochsCompleted += 1
    next.epochLosses.append(lossSum / Float(steps))
    next.trainingSeconds += Date().timeIntervalSince(started)
    state = next
    return true
  }
}
