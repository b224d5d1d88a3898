/// `max(0, y)` followed by non-overlapping 2×2 max pooling (stride 2), where
/// `y = scale_c · x + shift_c` is a per-channel ``ChannelAffine`` of the
/// convolution's output `x` (`[C, B, H, W]`, `H` and `W` even): batch norm, ReLU and
/// pooling in one pass.
///
/// Fusing them means the full-resolution activation is read once in each direction
/// instead of being rewritten by three layers: the forward pass reads `x` and writes
/// only the pooled quarter, and because at most one value of each window receives a
/// gradient, the backward pass needs that quarter's gradients plus one affine pass
/// over `x` (batch norm's mean and projection terms).
public enum RectifiedMaxPool {
  /// `∂L/∂x = constant_c + slope_c · x + routedScale_c · g`, where `g` is the
  /// gradient routed back from the pooled output (zero off the window maxima).
  struct InputGradientForm {
    var constant: [Float]
    var slope: [Float]
    var routedScale: [Float]

    /// All coefficients zero (set them channel by channel).
    init(channels: Int) {
      constant = [Float](repeating: 0, count: channels)
      slope = constant
      routedScale = constant
    }

    /// The form of a fixed affine map `y = scale_c · x + shift_c`: `∂L/∂x = scale_c · g`.
    init(_ affine: ChannelAffine) {
      self.init(channels: affine.scale.count)
      routedScale = affine.scale
    }
  }

  /// The pooled output `max(0, max over the window of y)` and, per output, which of
  /// the window's four values is its maximum (0…3 row-major; the first on ties).
  ///
  /// - Complexity: O(input.count).
  static func forward(_ input: [Float], shape: FeatureMapShape, affine: ChannelAffine) -> (
    output: [Float], winners: [UInt8]
  ) {
    precondition(shape.height % 2 == 0 && shape.width % 2 == 0, "max pooling needs even sides")
    precondition(input.count == shape.count && affine.scale.count == shape.channels, "pooling input shape")
    let (width, outHeight, outWidth) = (shape.width, shape.height / 2, shape.width / 2)
    let outputCount = shape.count / 4
    var winners = [UInt8](repeating: 0, count: outputCount)
    let output = [Float](unsafeUninitializedCapacity: outputCount) { output, count in
      input.withUnsafeBufferPointer { input in
        winners.withUnsafeMutableBufferPointer { winners in
          Parallel.forEachPart(of: shape.channels) { _, channels in
            for plane in channels.lowerBound * shape.batch..<channels.upperBound * shape.batch {
              let channel = plane / shape.batch
              let (scale, shift) = (affine.scale[channel], affine.shift[channel])
              for outY in 0..<outHeight {
                let top = UnsafeRawPointer(input.baseAddress! + (plane * shape.height + 2 * outY) * width)
                let bottom = top + width * MemoryLayout<Float>.stride
                let row = (plane * outHeight + outY) * outWidth
                let (target, targetWinners) = (output.baseAddress! + row, winners.baseAddress! + row)
                // Sixteen inputs of each row give eight windows; an 8-wide map's two rows are
                // adjacent, so one 16-value load gives its four windows.
                if width % 16 == 0 {
                  for start in stride(from: 0, to: width, by: 16) {
                    let upper = scale * top.loadUnaligned(fromByteOffset: start * 4, as: SIMD16<Float>.self) + shift
                    let lower = scale * bottom.loadUnaligned(fromByteOffset: start * 4, as: SIMD16<Float>.self) + shift
                    store(
                      windowMaxima(upper.evenHalf, upper.oddHalf, lower.evenHalf, lower.oddHalf),
                      into: target + start / 2, winners: targetWinners + start / 2)
                  }
                } else if width == 8 && outHeight % 2 == 0 {
                  // Two output rows at a time: their four input rows are adjacent.
                  guard outY % 2 == 0 else { continue }
                  let pair = (
                    scale * top.loadUnaligned(as: SIMD16<Float>.self) + shift,
                    scale * top.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self) + shift
                  )
                  let even = (pair.0.evenHalf, pair.1.evenHalf)
                  let odd = (pair.0.oddHalf, pair.1.oddHalf)
                  store(
                    windowMaxima(
                      SIMD8(lowHalf: even.0.lowHalf, highHalf: even.1.lowHalf),
                      SIMD8(lowHalf: odd.0.lowHalf, highHalf: odd.1.lowHalf),
                      SIMD8(lowHalf: even.0.highHalf, highHalf: even.1.highHalf),
                      SIMD8(lowHalf: odd.0.highHalf, highHalf: odd.1.highHalf)),
                    into: target, winners: targetWinners)
                } else {
                  let (upper, lower) = (
                    top.assumingMemoryBound(to: Float.self), bottom.assumingMemoryBound(to: Float.self)
                  )
                  for outX in 0..<outWidth {
                    // Other widths (the tests' small maps) one window at a time, in lane 0.
                    let window = windowMaxima(
                      SIMD8(repeating: scale * upper[2 * outX] + shift),
                      SIMD8(repeating: scale * upper[2 * outX + 1] + shift),
                      SIMD8(repeating: scale * lower[2 * outX] + shift),
                      SIMD8(repeating: scale * lower[2 * outX + 1] + shift))
                    target[outX] = max(window.maxima[0], 0)
                    targetWinners[outX] = UInt8(window.winners[0])
                  }
                }
              }
            }
          }
        }
      }
      count = outputCount
    }
    return (output, winners)
  }

  /// Lane by lane, the largest of the window values `top left, top right, bottom
  /// left, bottom right` and its index 0…3 (the first on ties).
  ///
  /// Lane-wise selects instead of branches: which value wins is data-dependent, and
  /// a branch on it mispredicts about half the time.
  @inline(__always)
  private static func windowMaxima(
    _ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>, _ d: SIMD8<Float>
  ) -> (maxima: SIMD8<Float>, winners: SIMD8<Int32>) {
    var (best, winner) = (a, SIMD8<Int32>())
    let bBeatsA = b .> best
    winner.replace(with: 1, where: bBeatsA)
    best.replace(with: b, where: bBeatsA)
    let cBeatsBoth = c .> best
    winner.replace(with: 2, where: cBeatsBoth)
    best.replace(with: c, where: cBeatsBoth)
    let dBeatsAll = d .> best
    winner.replace(with: 3, where: dBeatsAll)
    best.replace(with: d, where: dBeatsAll)
    return (best, winner)
  }

  /// Writes the rectified maxima and their winners' indices.
  @inline(__always)
  private static func store(
    _ window: (maxima: SIMD8<Float>, winners: SIMD8<Int32>), into output: UnsafeMutablePointer<Float>,
    winners: UnsafeMutablePointer<UInt8>
  ) {
    let rectified = window.maxima.replacing(with: 0, where: window.maxima .< 0)
    UnsafeMutableRawPointer(output).storeBytes(of: rectified, as: SIMD8<Float>.self)
    for lane in 0..<8 { winners[lane] = UInt8(truncatingIfNeeded: window.winners[lane]) }
  }

  /// Per channel, `Σ g` and `Σ g · (x − centers_c)` over the values that receive a
  /// gradient `g` from `outputGradient` (the window maxima whose pooled output is positive).
  ///
  /// - Complexity: O(input.count / 4).
  static func routedSums(
    outputGradient: [Float], output: [Float], winners: [UInt8], input: [Float], shape: FeatureMapShape,
    centers: [Float]
  ) -> (sum: [Double], centeredMoment: [Double]) {
    var sums = [Double](repeating: 0, count: shape.channels)
    var moments = sums
    input.withUnsafeBufferPointer { input in
      sums.withUnsafeMutableBufferPointer { sums in
        moments.withUnsafeMutableBufferPointer { moments in
          Parallel.forEachPart(of: shape.channels) { _, channels in
            for channel in channels {
              var (sum, moment): (Double, Double) = (0, 0)
              forEachRoute(
                outputGradient: outputGradient, output: output, winners: winners, shape: shape, channel: channel
              ) { gradient, position in
                sum += Double(gradient)
                moment += Double(gradient * (input[position] - centers[channel]))
              }
              (sums[channel], moments[channel]) = (sum, moment)
            }
          }
        }
      }
    }
    return (sums, moments)
  }

  /// `∂L/∂x` given `∂L/∂output`, in the form `form` (see ``InputGradientForm``).
  ///
  /// - Complexity: O(input.count).
  static func inputGradient(
    outputGradient: [Float], output: [Float], winners: [UInt8], input: [Float], shape: FeatureMapShape,
    form: InputGradientForm
  ) -> [Float] {
    let positions = shape.positions
    return [Float](unsafeUninitializedCapacity: shape.count) { gradient, count in
      input.withUnsafeBufferPointer { input in
        Parallel.forEachPart(of: shape.channels) { _, channels in
          for channel in channels {
            let (constant, slope) = (form.constant[channel], form.slope[channel])
            let source = input.baseAddress! + channel * positions
            let target = gradient.baseAddress! + channel * positions
            if constant == 0 && slope == 0 {
              target.initialize(repeating: 0, count: positions)
            } else {
              for position in 0..<positions { target[position] = constant + slope * source[position] }
            }
            let routedScale = form.routedScale[channel]
            forEachRoute(
              outputGradient: outputGradient, output: output, winners: winners, shape: shape, channel: channel
            ) { routed, position in
              gradient[position] += routedScale * routed
            }
          }
        }
      }
      count = shape.count
    }
  }

  /// Calls `body(gradient, inputPosition)` for every pooled output of `channel` that
  /// passes a gradient back (positive output, so the rectifier was on), with the
  /// input position of its window's maximum.
  @inline(__always)
  private static func forEachRoute(
    outputGradient: [Float], output: [Float], winners: [UInt8], shape: FeatureMapShape, channel: Int,
    _ body: (Float, Int) -> Void
  ) {
    let (width, outHeight, outWidth) = (shape.width, shape.height / 2, shape.width / 2)
    precondition(outputGradient.count == shape.count / 4, "pooled gradient shape")
    outputGradient.withUnsafeBufferPointer { outputGradient in
      output.withUnsafeBufferPointer { output in
        winners.withUnsafeBufferPointer { winners in
          for plane in channel * shape.batch..<(channel + 1) * shape.batch {
            for outY in 0..<outHeight {
              let row = (plane * outHeight + outY) * outWidth
              let top = (plane * shape.height + 2 * outY) * width
              for outX in 0..<outWidth where output[row + outX] > 0 {
                let winner = Int(winners[row + outX])
                body(outputGradient[row + outX], top + (winner >> 1) * width + 2 * outX + (winner & 1))
              }
            }
          }
        }
      }
    }
  }
}
