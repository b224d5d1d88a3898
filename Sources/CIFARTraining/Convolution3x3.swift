/// A 3×3 convolution with stride 1 and zero padding 1 (the output keeps the input's
/// height and width), computed by im2col and `sgemm`.
///
/// The batch is split between threads, and each thread's share is processed in
/// chunks of ``chunkImages`` images: each chunk's im2col
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

  /// `images` in chunks of ``chunkImages``, in order.
  private func chunks(_ images: Range<Int>) -> [Range<Int>] {
    stride(from: images.lowerBound, to: images.upperBound, by: Self.chunkImages).map {
      $0..<min($0 + Self.chunkImages, images.upperBound)
    }
  }

  /// The convolution of `input` (shape `[C_in, B, H, W]`), shape `[C_out, B, H, W]`,
  /// the batch split between ``TrainingRuntime/threads`` threads.
  ///
  /// - Complexity: O(9 · C_in · C_out · B·H·W).
  func forward(_ input: [Float], shape: FeatureMapShape, parameters: UnsafePointer<Float>) -> [Float] {
    precondition(shape.channels == inputChannels && input.count == shape.count, "convolution input shape")
    let (positions, area) = (shape.positions, shape.height * shape.width)
    let bias = parameters + outputChannels * fanIn
    return [Float](unsafeUninitializedCapacity: outputChannels * positions) { output, count in
      input.withUnsafeBufferPointer { input in
        Parallel.forEachPart(of: shape.batch) { _, images in
          let columns = UnsafeMutablePointer<Float>.allocate(capacity: fanIn * Self.chunkImages * area)
          defer { columns.deallocate() }
          for chunk in chunks(images) {
            let block = output.baseAddress! + chunk.lowerBound * area
            for channel in 0..<outputChannels {
              (block + channel * positions).initialize(repeating: bias[channel], count: chunk.count * area)
            }
            self.columns(of: input.baseAddress!, shape: shape, images: chunk, into: columns)
            multiply(
              parameters, transposed: false, columns, transposed: false, into: block,
              m: outputChannels, n: chunk.count * area, k: fanIn, beta: 1, strideC: positions)
          }
        }
      }
      count = outputChannels * positions
    }
  }

  /// Accumulates `∂L/∂weights` and `∂L/∂bias` into `parameterGradient` and returns
  /// `∂L/∂input` when asked for (the first layer does not need it).
  ///
  /// Each thread sums its part of the batch into its own partial gradient; the
  /// partials are then added in part order, so the result does not depend on timing.
  ///
  /// - Complexity: O(9 · C_in · C_out · B·H·W).
  func backward(
    outputGradient: [Float], input: [Float], shape: FeatureMapShape,
    parameters: UnsafePointer<Float>, parameterGradient: UnsafeMutablePointer<Float>, needsInputGradient: Bool
  ) -> [Float]? {
    let (positions, area) = (shape.positions, shape.height * shape.width)
    let parts = Parallel.partCount(for: shape.batch)
    var partials = [Float](repeating: 0, count: parts * parameterCount)
    let inputGradient = [Float](unsafeUninitializedCapacity: needsInputGradient ? shape.count : 0) {
      inputGradient, count in
      outputGradient.withUnsafeBufferPointer { outputGradient in
        input.withUnsafeBufferPointer { input in
          partials.withUnsafeMutableBufferPointer { partials in
            Parallel.forEachPart(of: shape.batch) { part, images in
              let partial = partials.baseAddress! + part * parameterCount
              for channel in 0..<outputChannels {
                let row = outputGradient.baseAddress! + channel * positions + images.lowerBound * area
                partial[outputChannels * fanIn + channel] = Float(RowReduction.sum(row, count: images.count * area))
              }
              let columns = UnsafeMutablePointer<Float>.allocate(capacity: fanIn * Self.chunkImages * area)
              let columnGradient = UnsafeMutablePointer<Float>.allocate(
                capacity: needsInputGradient ? fanIn * Self.chunkImages * area : 0)
              defer {
                columns.deallocate()
                columnGradient.deallocate()
              }
              if needsInputGradient {
                for channel in 0..<inputChannels {
                  (inputGradient.baseAddress! + (channel * shape.batch + images.lowerBound) * area)
                    .initialize(repeating: 0, count: images.count * area)
                }
              }
              for chunk in chunks(images) {
                let chunkGradient = outputGradient.baseAddress! + chunk.lowerBound * area
                let width = chunk.count * area
                self.columns(of: input.baseAddress!, shape: shape, images: chunk, into: columns)
                multiply(
                  chunkGradient, transposed: false, columns, transposed: true,
                  into: partial, m: outputChannels, n: fanIn, k: width, beta: 1, strideA: positions)
                guard needsInputGradient else { continue }
                multiply(
                  parameters, transposed: true, chunkGradient, transposed: false,
                  into: columnGradient, m: fanIn, n: width, k: outputChannels, strideB: positions)
                accumulate(
                  columnGradient: columnGradient, into: inputGradient.baseAddress!, shape: shape, images: chunk)
              }
            }
          }
        }
      }
      count = needsInputGradient ? shape.count : 0
    }
    for part in 0..<parts {
      for index in 0..<parameterCount { parameterGradient[index] += partials[part * parameterCount + index] }
    }
    return needsInputGradient ? inputGradient : nil
  }
}
