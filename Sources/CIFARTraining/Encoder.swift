/// The small CNN `f`: images → representations in the unit ball, with a
/// hand-written backward pass.
///
/// All weights live in one flat vector, so the optimiser and the checkpoint treat
/// them as a single array: stage `i`'s convolution at `stageOffsets[i]`, the head at
/// `headOffset`.
public struct Encoder: Sendable {
  public let configuration: EncoderConfiguration
  /// Every weight and bias, in layer order.
  public var parameters: [Float]
  let stages: [Convolution3x3]
  let head: Linear
  let stageOffsets: [Int]
  let headOffset: Int

  /// An encoder with He-normal weights (`N(0, 2/fan_in)`) and zero biases.
  public init(configuration: EncoderConfiguration, using generator: inout SplitMix64) {
    self.init(configuration: configuration, parameters: [])
    for (stage, start) in zip(stages, stageOffsets) {
      let deviation = (2 / Float(stage.fanIn)).squareRoot()
      for index in start ..< start + stage.outputChannels * stage.fanIn { parameters[index] = deviation * generator.gaussian() }
    }
    let deviation = (2 / Float(head.inputs)).squareRoot()
    for index in headOffset ..< headOffset + head.outputs * head.inputs { parameters[index] = deviation * generator.gaussian() }
  }

  /// An encoder with the given weights (all zero when `parameters` is empty).
  public init(configuration: EncoderConfiguration, parameters: [Float]) {
    self.configuration = configuration
    var inputChannels = EncoderConfiguration.inputChannels
    var stages = [Convolution3x3](), offsets = [Int](), offset = 0
    for channels in configuration.channels {
      stages.append(Convolution3x3(inputChannels: inputChannels, outputChannels: channels))
      offsets.append(offset)
      offset += stages.last!.parameterCount
      inputChannels = channels
    }
    self.stages = stages
    stageOffsets = offsets
    head = Linear(inputs: configuration.flattenedFeatures, outputs: configuration.embeddingDimension)
    headOffset = offset
    let count = offset + head.parameterCount
    precondition(parameters.isEmpty || parameters.count == count, "parameter count of this architecture")
    self.parameters = parameters.isEmpty ? [Float](repeating: 0, count: count) : parameters
  }

  /// Number of weights and biases.
  public var parameterCount: Int { parameters.count }

  /// What the backward pass needs from the forward pass.
  public struct Tape {
    var stageInputShapes: [FeatureMapShape] = []
    var columns: [[Float]] = []
    var rectified: [[Float]] = []
    var winners: [[UInt8]] = []
    var flattened: [Float] = []
    var projected: [Float] = []
    var divisors: [Float] = []
  }

  /// Representations `[batch, d]` of `images` (layout `[3, batch, side, side]`), and
  /// the tape for ``backward(_:tape:)``.
  ///
  /// - Complexity: O(batch · FLOPs per image), about 21 MFLOP per 32×32 image for the default network.
  public func forward(_ images: [Float], batch: Int) -> (embeddings: [Float], tape: Tape) {
    let side = configuration.imageSide
    var shape = FeatureMapShape(channels: EncoderConfiguration.inputChannels, batch: batch, height: side, width: side)
    precondition(images.count == shape.count, "encoder input shape")
    var tape = Tape()
    var activation = images
    parameters.withUnsafeBufferPointer { parameters in
      for (stage, offset) in zip(stages, stageOffsets) {
        tape.stageInputShapes.append(shape)
        var (output, columns) = stage.forward(activation, shape: shape, parameters: parameters.baseAddress! + offset)
        ReLU.apply(&output)
        shape.channels = stage.outputChannels
        let (pooled, winners) = MaxPool2x2.forward(output, shape: shape)
        tape.columns.append(columns)
        tape.rectified.append(output)
        tape.winners.append(winners)
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
      let indices = Array(start ..< min(start + chunk, images.count))
      let input = assembler.assemble(images, indices: indices, augment: false, using: &unused)
      embeddings += forward(input, batch: indices.count).embeddings
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
          var rectifiedGradient = MaxPool2x2.backward(activationGradient, winners: tape.winners[index], shape: shape)
          ReLU.backward(&rectifiedGradient, output: tape.rectified[index])
          activationGradient = stages[index].backward(
            outputGradient: rectifiedGradient, columns: tape.columns[index], shape: tape.stageInputShapes[index],
            parameters: parameters.baseAddress! + stageOffsets[index],
            parameterGradient: gradient.baseAddress! + stageOffsets[index], needsInputGradient: index > 0) ?? []
        }
      }
    }
    return gradient
  }

  /// `[C, B, h, w]` → `[B, C·h·w]`: one feature row per image for the head.
  ///
  /// - Complexity: O(values.count).
  static func flatten(_ values: [Float], shape: FeatureMapShape) -> [Float] {
    let area = shape.height * shape.width
    var rows = [Float](repeating: 0, count: values.count)
    for channel in 0 ..< shape.channels {
      for image in 0 ..< shape.batch {
        let source = (channel * shape.batch + image) * area
        let target = (image * shape.channels + channel) * area
        for position in 0 ..< area { rows[target + position] = values[source + position] }
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
    for channel in 0 ..< shape.channels {
      for image in 0 ..< shape.batch {
        let source = (image * shape.channels + channel) * area
        let target = (channel * shape.batch + image) * area
        for position in 0 ..< area { values[target + position] = rows[source + position] }
      }
    }
    return values
  }
}
