/// A 3×3 convolution with stride 1 and zero padding 1 (the output keeps the input's
/// height and width), computed by im2col and one `sgemm` per batch.
///
/// Parameters are read from a slice of the encoder's flat parameter vector: the
/// weights `[C_out, C_in, 3, 3]` followed by the biases `[C_out]`.
public struct Convolution3x3: Sendable {
  public let inputChannels: Int
  public let outputChannels: Int

  public init(inputChannels: Int, outputChannels: Int) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
  }

  /// Rows of the im2col matrix, `9 C_in` (also the fan-in of one output).
  public var fanIn: Int { inputChannels * 9 }
  /// Number of weights and biases.
  public var parameterCount: Int { outputChannels * fanIn + outputChannels }

  /// The im2col matrix `[9 C_in, B·H·W]`: row `(c, dy, dx)`, column `(b, y, x)` holds
  /// `input[c, b, y + dy − 1, x + dx − 1]`, or 0 outside the image.
  ///
  /// - Complexity: O(9 · input.count).
  func columns(of input: UnsafePointer<Float>, shape: FeatureMapShape) -> [Float] {
    let (height, width, positions) = (shape.height, shape.width, shape.positions)
    var columns = [Float](repeating: 0, count: fanIn * positions)
    columns.withUnsafeMutableBufferPointer { columns in
      for channel in 0 ..< inputChannels {
        for dy in 0 ..< 3 {
          for dx in 0 ..< 3 {
            let row = columns.baseAddress! + ((channel * 3 + dy) * 3 + dx) * positions
            let (xStart, xEnd) = (max(0, 1 - dx), min(width, width + 1 - dx))
            for image in 0 ..< shape.batch {
              let source = input + (channel * shape.batch + image) * height * width
              for y in max(0, 1 - dy) ..< min(height, height + 1 - dy) {
                let sourceRow = source + (y + dy - 1) * width + dx - 1
                let targetRow = row + (image * height + y) * width
                for x in xStart ..< xEnd { targetRow[x] = sourceRow[x] }
              }
            }
          }
        }
      }
    }
    return columns
  }

  /// Adds the im2col gradient back onto the input positions it was copied from
  /// (the adjoint of ``columns(of:shape:)``).
  ///
  /// - Complexity: O(9 · shape.count).
  func accumulate(columnGradient: UnsafePointer<Float>, into input: UnsafeMutablePointer<Float>, shape: FeatureMapShape) {
    let (height, width, positions) = (shape.height, shape.width, shape.positions)
    for channel in 0 ..< inputChannels {
      for dy in 0 ..< 3 {
        for dx in 0 ..< 3 {
          let row = columnGradient + ((channel * 3 + dy) * 3 + dx) * positions
          let (xStart, xEnd) = (max(0, 1 - dx), min(width, width + 1 - dx))
          for image in 0 ..< shape.batch {
            let target = input + (channel * shape.batch + image) * height * width
            for y in max(0, 1 - dy) ..< min(height, height + 1 - dy) {
              let targetRow = target + (y + dy - 1) * width + dx - 1
              let sourceRow = row + (image * height + y) * width
              for x in xStart ..< xEnd { targetRow[x] += sourceRow[x] }
            }
          }
        }
      }
    }
  }

  /// The convolution of `input` (shape `[C_in, B, H, W]`) and the im2col matrix the
  /// backward pass needs.
  ///
  /// - Complexity: O(9 · C_in · C_out · B·H·W).
  func forward(
    _ input: [Float], shape: FeatureMapShape, parameters: UnsafePointer<Float>
  ) -> (output: [Float], columns: [Float]) {
    precondition(shape.channels == inputChannels && input.count == shape.count, "convolution input shape")
    let positions = shape.positions
    let columns = input.withUnsafeBufferPointer { self.columns(of: $0.baseAddress!, shape: shape) }
    var output = [Float](repeating: 0, count: outputChannels * positions)
    output.withUnsafeMutableBufferPointer { output in
      let bias = parameters + outputChannels * fanIn
      for channel in 0 ..< outputChannels {
        let row = output.baseAddress! + channel * positions
        for position in 0 ..< positions { row[position] = bias[channel] }
      }
      columns.withUnsafeBufferPointer { columns in
        multiply(parameters, transposed: false, columns.baseAddress!, transposed: false,
                 into: output.baseAddress!, m: outputChannels, n: positions, k: fanIn, beta: 1)
      }
    }
    return (output, columns)
  }

  /// Accumulates `∂L/∂weights` and `∂L/∂bias` into `parameterGradient` and returns
  /// `∂L/∂input` when asked for (the first layer does not need it).
  ///
  /// - Complexity: O(9 · C_in · C_out · B·H·W).
  func backward(
    outputGradient: [Float], columns: [Float], shape: FeatureMapShape,
    parameters: UnsafePointer<Float>, parameterGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool
  ) -> [Float]? {
    let positions = shape.positions
    return outputGradient.withUnsafeBufferPointer { outputGradient -> [Float]? in
      let gradient = outputGradient.baseAddress!
      columns.withUnsafeBufferPointer { columns in
        multiply(gradient, transposed: false, columns.baseAddress!, transposed: true,
                 into: parameterGradient, m: outputChannels, n: fanIn, k: positions, beta: 1)
      }
      let biasGradient = parameterGradient + outputChannels * fanIn
      for channel in 0 ..< outputChannels {
        let row = gradient + channel * positions
        var sum: Float = 0
        for position in 0 ..< positions { sum += row[position] }
        biasGradient[channel] += sum
      }
      guard needsInputGradient else { return nil }
      var columnGradient = [Float](repeating: 0, count: fanIn * positions)
      columnGradient.withUnsafeMutableBufferPointer { columnGradient in
        multiply(parameters, transposed: true, gradient, transposed: false,
                 into: columnGradient.baseAddress!, m: fanIn, n: positions, k: outputChannels)
      }
      var inputGradient = [Float](repeating: 0, count: shape.count)
      columnGradient.withUnsafeBufferPointer { columnGradient in
        inputGradient.withUnsafeMutableBufferPointer { inputGradient in
          accumulate(columnGradient: columnGradient.baseAddress!, into: inputGradient.baseAddress!, shape: shape)
        }
      }
      return inputGradient
    }
  }
}
