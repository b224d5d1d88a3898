/// A 3×3 convolution with stride 1 and zero padding 1 (the output keeps the input's
/// height and width), computed by im2col and `sgemm`.
///
/// The batch is processed in chunks of ``chunkImages`` images: each chunk's im2col
/// matrix (9× the chunk's input) stays in cache and is reused for the next chunk
/// instead of materialising one for the whole batch, and the backward pass rebuilds
/// it from the input rather than keeping it, which costs one more copy but saves
/// allocating (and page-faulting) hundreds of megabytes per step.
///
/// Parameters are read from a slice of the encoder's flat parameter vector: the
/// weights `[C_out, C_in, 3, 3]` followed by the biases `[C_out]`.
public struct Convolution3x3: Sendable {
  public let inputChannels: Int
  public let outputChannels: Int
  /// Images per im2col chunk.
  static let chunkImages = 16

  public init(inputChannels: Int, outputChannels: Int) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
  }

  /// Rows of the im2col matrix, `9 C_in` (also the fan-in of one output).
  public var fanIn: Int { inputChannels * 9 }
  /// Number of weights and biases.
  public var parameterCount: Int { outputChannels * fanIn + outputChannels }

  /// Writes the im2col matrix of `images` into `columns` (`[9 C_in, images.count·H·W]`):
  /// row `(c, dy, dx)`, column `(b − images.lowerBound, y, x)` holds
  /// `input[c, b, y + dy − 1, x + dx − 1]`, or 0 outside the image.
  ///
  /// - Complexity: O(9 · C_in · images.count · H · W).
  func columns(
    of input: UnsafePointer<Float>, shape: FeatureMapShape, images: Range<Int>,
    into columns: UnsafeMutablePointer<Float>
  ) {
    let (height, width, area) = (shape.height, shape.width, shape.height * shape.width)
    let chunkPositions = images.count * area
    for channel in 0..<inputChannels {
      for dy in 0..<3 {
        for dx in 0..<3 {
          let row = columns + ((channel * 3 + dy) * 3 + dx) * chunkPositions
          // Columns x with 0 ≤ x + dx − 1 < width read the input; the one left over
          // at either end (dx = 0 or 2) is padding, as are whole rows off the image.
          let (xStart, xEnd) = (max(0, 1 - dx), min(width, width + 1 - dx))
          for image in images {
            let source = input + (channel * shape.batch + image) * area
            let target = row + (image - images.lowerBound) * area
            for y in 0..<height {
              let targetRow = target + y * width
              let sourceY = y + dy - 1
              guard 0 <= sourceY && sourceY < height else {
                targetRow.update(repeating: 0, count: width)
                continue
              }
              targetRow.update(repeating: 0, count: xStart)
              (targetRow + xStart).update(from: source + sourceY * width + xStart + dx - 1, count: xEnd - xStart)
              (targetRow + xEnd).update(repeating: 0, count: width - xEnd)
            }
          }
        }
      }
    }
  }

  /// Adds an im2col gradient for `images` back onto the input positions it was
  /// copied from (the adjoint of ``columns(of:shape:images:into:)``).
  ///
  /// - Complexity: O(9 · C_in · images.count · H · W).
  func accumulate(
    columnGradient: UnsafePointer<Float>, into input: UnsafeMutablePointer<Float>, shape: FeatureMapShape,
    images: Range<Int>
  ) {
    let (height, width) = (shape.height, shape.width)
    let chunkPositions = images.count * height * width
    for channel in 0..<inputChannels {
      for dy in 0..<3 {
        for dx in 0..<3 {
          let row = columnGradient + ((channel * 3 + dy) * 3 + dx) * chunkPositions
          let (xStart, xEnd) = (max(0, 1 - dx), min(width, width + 1 - dx))
          for image in images {
            let target = input + (channel * shape.batch + image) * height * width
            let source = row + (image - images.lowerBound) * height * width
            for y in max(0, 1 - dy)..<min(height, height + 1 - dy) {
              let targetRow = target + (y + dy - 1) * width + dx - 1
              let sourceRow = source + y * width
              for x in xStart..<xEnd { targetRow[x] += sourceRow[x] }
            }
          }
        }
      }
    }
  }

  /// The chunks of the batch, in order.
  private func chunks(_ shape: FeatureMapShape) -> [Range<Int>] {
    stride(from: 0, to: shape.batch, by: Self.chunkImages).map { $0..<min($0 + Self.chunkImages, shape.batch) }
  }

  /// The convolution of `input` (shape `[C_in, B, H, W]`), shape `[C_out, B, H, W]`.
  ///
  /// - Complexity: O(9 · C_in · C_out · B·H·W).
  func forward(_ input: [Float], shape: FeatureMapShape, parameters: UnsafePointer<Float>) -> [Float] {
    precondition(shape.channels == inputChannels && input.count == shape.count, "convolution input shape")
    let (positions, area) = (shape.positions, shape.height * shape.width)
    var output = [Float](unsafeUninitializedCapacity: outputChannels * positions) { buffer, count in
      let bias = parameters + outputChannels * fanIn
      for channel in 0..<outputChannels {
        (buffer.baseAddress! + channel * positions).initialize(repeating: bias[channel], count: positions)
      }
      count = outputChannels * positions
    }
    var columns = [Float](repeating: 0, count: fanIn * min(shape.batch, Self.chunkImages) * area)
    input.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { output in
        columns.withUnsafeMutableBufferPointer { columns in
          for images in chunks(shape) {
            self.columns(of: input.baseAddress!, shape: shape, images: images, into: columns.baseAddress!)
            multiply(
              parameters, transposed: false, columns.baseAddress!, transposed: false,
              into: output.baseAddress! + images.lowerBound * area,
              m: outputChannels, n: images.count * area, k: fanIn, beta: 1, strideC: positions)
          }
        }
      }
    }
    return output
  }

  /// Accumulates `∂L/∂weights` and `∂L/∂bias` into `parameterGradient` and returns
  /// `∂L/∂input` when asked for (the first layer does not need it).
  ///
  /// - Complexity: O(9 · C_in · C_out · B·H·W).
  func backward(
    outputGradient: [Float], input: [Float], shape: FeatureMapShape,
    parameters: UnsafePointer<Float>, parameterGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool
  ) -> [Float]? {
    let (positions, area) = (shape.positions, shape.height * shape.width)
    let chunkPositions = min(shape.batch, Self.chunkImages) * area
    var columns = [Float](repeating: 0, count: fanIn * chunkPositions)
    var columnGradient = [Float](repeating: 0, count: needsInputGradient ? fanIn * chunkPositions : 0)
    var inputGradient = [Float](repeating: 0, count: needsInputGradient ? shape.count : 0)
    outputGradient.withUnsafeBufferPointer { outputGradient in
      let gradient = outputGradient.baseAddress!
      let biasGradient = parameterGradient + outputChannels * fanIn
      for channel in 0..<outputChannels {
        let row = gradient + channel * positions
        biasGradient[channel] += Float(RowReduction.sum(row, count: positions))
      }
      input.withUnsafeBufferPointer { input in
        columns.withUnsafeMutableBufferPointer { columns in
          columnGradient.withUnsafeMutableBufferPointer { columnGradient in
            inputGradient.withUnsafeMutableBufferPointer { inputGradient in
              for images in chunks(shape) {
                let chunkGradient = gradient + images.lowerBound * area
                let width = images.count * area
                self.columns(of: input.baseAddress!, shape: shape, images: images, into: columns.baseAddress!)
                multiply(
                  chunkGradient, transposed: false, columns.baseAddress!, transposed: true,
                  into: parameterGradient, m: outputChannels, n: fanIn, k: width, beta: 1, strideA: positions)
                guard needsInputGradient else { continue }
                multiply(
                  parameters, transposed: true, chunkGradient, transposed: false,
                  into: columnGradient.baseAddress!, m: fanIn, n: width, k: outputChannels, strideB: positions)
                accumulate(
                  columnGradient: columnGradient.baseAddress!, into: inputGradient.baseAddress!,
                  shape: shape, images: images)
              }
            }
          }
        }
      }
    }
    return needsInputGradient ? inputGradient : nil
  }
}
