import SeededRandom
import TrainingResults

/// The small CNN `f`: images → representations in the unit ball, with a
/// hand-written backward pass.
///
/// All weights live in one flat vector, so the optimiser and the checkpoint treat
/// them as a single array: stage `i`'s convolution at `stageOffsets[i]`, followed by
/// its batch-norm `γ, β` when enabled, the head at `headOffset`.
public struct Encoder: Sendable {
  public let configuration: EncoderConfiguration
  /// Every weight and bias, in layer order.
  public var parameters: [Float]
  /// Batch-norm running means and variances, `[mean C_i, variance C_i]` per stage
  /// (empty without batch norm); used instead of batch statistics at inference.
  public var runningStatistics: [Float]

  let stages: [Convolution3x3]
  let head: Linear
  let stageOffsets: [Int]
  let headOffset: Int

  /// How batch norm normalises: by the batch's own statistics, or by the running ones.
  public enum Mode: Sendable { case training, inference }

  /// An encoder with He-normal weights (`N(0, 2/fan_in)`), zero biases and batch-norm
  /// `γ = 1, β = 0`.
  public init(configuration: EncoderConfiguration, using generator: inout SplitMix64) {
    self.init(configuration: configuration, parameters: [])
    for (stage, start) in zip(stages, stageOffsets) {
      let deviation = (2 / Float(stage.fanIn)).squareRoot()
      for index in start..<start + stage.outputChannels * stage.fanIn {
        parameters[index] = deviation * generator.gaussian()
      }
    }
    let deviation = (2 / Float(head.inputs)).squareRoot()
    for index in headOffset..<headOffset + head.outputs * head.inputs {
      parameters[index] = deviation * generator.gaussian()
    }
  }

  /// An encoder with the given weights (all zero when `parameters` is empty, with
  /// batch-norm scales 1) and running statistics (mean 0, variance 1 when empty).
  public init(configuration: EncoderConfiguration, parameters: [Float], runningStatistics: [Float] = []) {
    self.configuration = configuration
    var inputChannels = EncoderConfiguration.inputChannels
    var stages = [Convolution3x3]()
    var offsets = [Int]()
    var offset = 0
    for channels in configuration.channels {
      stages.append(Convolution3x3(inputChannels: inputChannels, outputChannels: channels))
      offsets.append(offset)
      offset += stages.last!.parameterCount + (configuration.batchNorm ? 2 * channels : 0)
      inputChannels = channels
    }
    self.stages = stages
    stageOffsets = offsets
    head = Linear(inputs: configuration.flattenedFeatures, outputs: configuration.embeddingDimension)
    headOffset = offset
    let count = offset + head.parameterCount
    precondition(parameters.isEmpty || parameters.count == count, "parameter count of this architecture")
    self.parameters = parameters.isEmpty ? [Float](repeating: 0, count: count) : parameters
    let freshStatistics =
      configuration.batchNorm
      ? configuration.channels.flatMap { [Float](repeating: 0, count: $0) + [Float](repeating: 1, count: $0) } : []
    precondition(
      runningStatistics.isEmpty || runningStatistics.count == freshStatistics.count, "running statistics count")
    self.runningStatistics = runningStatistics.isEmpty ? freshStatistics : runningStatistics
    if parameters.isEmpty && configuration.batchNorm {
      for (stage, start) in zip(stages, stageOffsets) {
        let gamma = start + stage.parameterCount
        for index in gamma..<gamma + stage.outputChannels { self.parameters[index] = 1 }
      }
    }
  }

  /// Where stage `index`'s batch-norm `γ, β` start in `parameters`.
  func normalizationOffset(_ index: Int) -> Int { stageOffsets[index] + stages[index].parameterCount }

  /// Where stage `index`'s running means start in `runningStatistics`.
  func statisticsOffset(_ index: Int) -> Int { 2 * configuration.channels[..<index].reduce(0, +) }

  /// Number of weights and biases.
  public var parameterCount: Int { parameters.count }

  /// What the backward pass needs from the forward pass.
  public struct Tape {
    var stageInputShapes: [FeatureMapShape] = []
    var images: [Float] = []
    /// Each stage's convolution output, before batch norm.
    var convolutionOutputs: [[Float]] = []
    /// Each stage's output, which is also the next stage's input (see ``stageInput(_:)``).
    var pooled: [[Float]] = []
    var winners: [[UInt8]] = []
    var normalization: [BatchNormalization.BatchStatistics] = []
    var flattened: [Float] = []
    var projected: [Float] = []
    var divisors: [Float] = []

    /// The input of stage `index`: the images, or the previous stage's pooled output.
    func stageInput(_ index: Int) -> [Float] { index == 0 ? images : pooled[index - 1] }
  }

  /// Representations `[batch, d]` of `images` (layout `[3, batch, side, side]`), and
  /// the tape for ``backward(_:tape:)`` (training mode only).
  ///
  /// - Complexity: O(batch · FLOPs per image), about 21 MFLOP per 32×32 image for the default network.
  public func forward(_ images: [Float], batch: Int, mode: Mode = .training) -> (embeddings: [Float], tape: Tape) {
    let side = configuration.imageSide
    var shape = FeatureMapShape(channels: EncoderConfiguration.inputChannels, batch: batch, height: side, width: side)
    precondition(images.count == shape.count, "encoder input shape")
    var tape = Tape()
    var activation = images
    if mode == .training { tape.images = images }
    parameters.withUnsafeBufferPointer { parameters in
      for (index, (stage, offset)) in zip(stages, stageOffsets).enumerated() {
        tape.stageInputShapes.append(shape)
        let output = stage.forward(activation, shape: shape, parameters: parameters.baseAddress! + offset)
        shape.channels = stage.outputChannels
        let affine: ChannelAffine
        if configuration.batchNorm {
          let normalization = parameters.baseAddress! + normalizationOffset(index)
          switch mode {
          case .training:
            let statistics = BatchNormalization.statistics(of: output, shape: shape)
            tape.normalization.append(statistics)
            affine = BatchNormalization.affine(
              mean: statistics.mean, variance: statistics.variance, parameters: normalization)
          case .inference:
            let start = statisticsOffset(index)
            let channels = stage.outputChannels
            affine = BatchNormalization.affine(
              mean: runningStatistics[start..<start + channels],
              variance: runningStatistics[start + channels..<start + 2 * channels], parameters: normalization)
          }
        } else {
          affine = .identity(channels: stage.outputChannels)
        }
        let (pooled, winners) = RectifiedMaxPool.forward(output, shape: shape, affine: affine)
        if mode == .training {
          tape.convolutionOutputs.append(output)
          tape.pooled.append(pooled)
          tape.winners.append(winners)
        }
        activation = pooled
        shape.height /= 2
        shape.width /= 2
      }
      tape.flattened = Self.flatten(activation, shape: shape)
      let raw = head.forward(tape.flattened, batch: batch, parameters: parameters.baseAddress! + headOffset)
      (tape.projected, tape.divisors) = BallProjection.forward(
        raw, dimension: configuration.embeddingDimension, sphere: configuration.sphere)
    }
    return (tape.projected, tape)
  }

  /// Representations only, computed `chunk` images at a time to bound memory.
  ///
  /// - Complexity: O(count · FLOPs per image).
  public func embed(_ images: LabeledImages, assembler: BatchAssembler, chunk: Int = 500) -> [Float] {
    var embeddings = [Float]()
    embeddings.reserveCapacity(images.count * configuration.embeddingDimension)
    var unused = SplitMix64(seed: 0)
    for start in stride(from: 0, to: images.count, by: chunk) {
      let indices = Array(start..<min(start + chunk, images.count))
      let input = assembler.assemble(images, indices: indices, augment: false, using: &unused)
      embeddings += forward(input, batch: indices.count, mode: .inference).embeddings
    }
    return embeddings
  }

  /// The gradient of a loss with respect to `parameters`, given its gradient with
  /// respect to the representations of the forward pass recorded in `tape`.
  ///
  /// - Complexity: about twice the forward pass.
  public func backward(_ embeddingGradient: [Float], tape: Tape) -> [Float] {
    var gradient = [Float](repeating: 0, count: parameters.count)
    let batch = tape.stageInputShapes[0].batch
    parameters.withUnsafeBufferPointer { parameters in
      gradient.withUnsafeMutableBufferPointer { gradient in
        let rawGradient = BallProjection.backward(
          embeddingGradient, projected: tape.projected, divisors: tape.divisors,
          dimension: configuration.embeddingDimension, sphere: configuration.sphere)
        let flatGradient = head.backward(
          outputGradient: rawGradient, input: tape.flattened, batch: batch,
          parameters: parameters.baseAddress! + headOffset, parameterGradient: gradient.baseAddress! + headOffset)
        var last = tape.stageInputShapes.last!
        last.channels = stages.last!.outputChannels
        last.height /= 2
        last.width /= 2
        var activationGradient = Self.unflatten(flatGradient, shape: last)
        for index in stages.indices.reversed() {
          var shape = tape.stageInputShapes[index]
          shape.channels = stages[index].outputChannels
          let convolutionOutput = tape.convolutionOutputs[index]
          var form = RectifiedMaxPool.InputGradientForm(.identity(channels: shape.channels))
          if configuration.batchNorm {
            let statistics = tape.normalization[index]
            let sums = RectifiedMaxPool.routedSums(
              outputGradient: activationGradient, output: tape.pooled[index], winners: tape.winners[index],
              input: convolutionOutput, shape: shape, centers: statistics.mean)
            form = BatchNormalization.inputGradientForm(
              routedSums: sums, statistics: statistics, positions: shape.positions,
              parameters: parameters.baseAddress! + normalizationOffset(index),
              parameterGradient: gradient.baseAddress! + normalizationOffset(index))
          }
          let outputGradient = RectifiedMaxPool.inputGradient(
            outputGradient: activationGradient, output: tape.pooled[index], winners: tape.winners[index],
            input: convolutionOutput, shape: shape, form: form)
          activationGradient =
            stages[index].backward(
              outputGradient: outputGradient, input: tape.stageInput(index), shape: tape.stageInputShapes[index],
              parameters: parameters.baseAddress! + stageOffsets[index],
              parameterGradient: gradient.baseAddress! + stageOffsets[index], needsInputGradient: index > 0) ?? []
        }
      }
    }
    return gradient
  }

  /// Moves the running statistics towards the batch statistics recorded in `tape`
  /// (exponential average with ``BatchNormalization/momentum``).
  ///
  /// - Complexity: O(total channels).
  public mutating func updateRunningStatistics(from tape: Tape) {
    let momentum = BatchNormalization.momentum
    for (index, statistics) in tape.normalization.enumerated() {
      let start = statisticsOffset(index)
      let channels = statistics.mean.count
      for channel in 0..<channels {
        runningStatistics[start + channel] += momentum * (statistics.mean[channel] - runningStatistics[start + channel])
        runningStatistics[start + channels + channel] +=
          momentum * (statistics.variance[channel] - runningStatistics[start + channels + channel])
      }
    }
  }

  /// `[C, B, h, w]` → `[B, C·h·w]`: one feature row per image for the head.
  ///
  /// - Complexity: O(values.count).
  static func flatten(_ values: [Float], shape: FeatureMapShape) -> [Float] {
    let area = shape.height * shape.width
    var rows = [Float](repeating: 0, count: values.count)
    for channel in 0..<shape.channels {
      for image in 0..<shape.batch {
        let source = (channel * shape.batch + image) * area
        let target = (image * shape.channels + channel) * area
        for position in 0..<area { rows[target + position] = values[source + position] }
      }
    }
    return rows
  }

  /// The inverse of ``flatten(_:shape:)``.
  ///
  /// - Complexity: O(rows.count).
  static func unflatten(_ rows: [Float], shape: FeatureMapShape) -> [Float] {
    let area = shape.height * shape.width
    var values = [Float](repeating: 0, count: rows.count)
    for channel in 0..<shape.channels {
      for image in 0..<shape.batch {
        let source = (image * shape.channels + channel) * area
        let target = (channel * shape.batch + image) * area
        for position in 0..<area { values[target + position] = rows[source + position] }
      }
    }
    return values
  }
}
