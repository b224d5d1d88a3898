import SeededRandom
import XCTest

@testable import CIFARTraining

/// The fused batch norm → ReLU → 2×2 max pool layer: its vectorised paths against a
/// plain per-window reference, and its gradients against finite differences.
final class RectifiedMaxPoolTests: XCTestCase {
  /// `max(0, max_window(scale_c x + shift_c))` and the first argmax, one window at a time.
  func reference(_ input: [Float], shape: FeatureMapShape, affine: ChannelAffine) -> ([Float], [UInt8]) {
    var output = [Float]()
    var winners = [UInt8]()
    for channel in 0..<shape.channels {
      for image in 0..<shape.batch {
        for outY in 0..<shape.height / 2 {
          for outX in 0..<shape.width / 2 {
            let values = [(0, 0), (0, 1), (1, 0), (1, 1)].map { dy, dx in
              let index = ((channel * shape.batch + image) * shape.height + 2 * outY + dy) * shape.width + 2 * outX + dx
              return affine.scale[channel] * input[index] + affine.shift[channel]
            }
            let best = values.max()!
            output.append(max(best, 0))
            winners.append(UInt8(values.firstIndex(of: best)!))
          }
        }
      }
    }
    return (output, winners)
  }

  func testEveryWidthPathMatchesThePerWindowReference() {
    var generator = SplitMix64(seed: 21)
    // 32 and 16 take the 16-wide path, 8 the paired-rows path (unless there is an odd
    // number of output rows), 6 and 4 the fallback.
    for (height, width) in [(8, 32), (8, 16), (8, 8), (6, 8), (8, 6), (8, 4)] {
      let shape = FeatureMapShape(channels: 3, batch: 2, height: height, width: width)
      // Rounded values make ties likely, so the first-maximum rule is exercised.
      let input = FiniteDifferences.gaussians(shape.count, &generator).map { ($0 * 2).rounded() / 2 }
      let affine = ChannelAffine(scale: [1, -0.5, 2], shift: [0.25, 0, -1])
      let (output, winners) = RectifiedMaxPool.forward(input, shape: shape, affine: affine)
      let (expectedOutput, expectedWinners) = reference(input, shape: shape, affine: affine)
      XCTAssertEqual(output, expectedOutput, "\(height)×\(width)")
      XCTAssertEqual(winners, expectedWinners, "\(height)×\(width)")
    }
  }

  /// `Σ weights · pooled` after batch norm with parameters `γ, β` (training mode).
  func normalizedPoolLoss(_ input: [Float], parameters: [Float], shape: FeatureMapShape, weights: [Float]) -> Double {
    let statistics = BatchNormalization.statistics(of: input, shape: shape)
    let affine = parameters.withUnsafeBufferPointer {
      BatchNormalization.affine(mean: statistics.mean, variance: statistics.variance, parameters: $0.baseAddress!)
    }
    return FiniteDifferences.weightedSum(RectifiedMaxPool.forward(input, shape: shape, affine: affine).output, weights)
  }

  func testBatchNormalizedPoolGradientsMatchFiniteDifferences() {
    var generator = SplitMix64(seed: 16)
    for width in [16, 4] {
      let shape = FeatureMapShape(channels: 2, batch: 3, height: 2, width: width)
      let input = FiniteDifferences.gaussians(shape.count, &generator).map { 2 * $0 + 1 }
      let parameters = FiniteDifferences.gaussians(2, &generator) + [0.3, -0.2]
      let weights = FiniteDifferences.gaussians(shape.count / 4, &generator)
      let statistics = BatchNormalization.statistics(of: input, shape: shape)
      let affine = parameters.withUnsafeBufferPointer {
        BatchNormalization.affine(mean: statistics.mean, variance: statistics.variance, parameters: $0.baseAddress!)
      }
      let (output, winners) = RectifiedMaxPool.forward(input, shape: shape, affine: affine)
      XCTAssertGreaterThan(output.filter { $0 > 0 }.count, 2, "some windows pass a gradient")
      let sums = RectifiedMaxPool.routedSums(
        outputGradient: weights, output: output, winners: winners, input: input, shape: shape,
        centers: statistics.mean)
      var parameterGradient = [Float](repeating: 0, count: 4)
      let form = parameters.withUnsafeBufferPointer { parameters in
        parameterGradient.withUnsafeMutableBufferPointer { gradient in
          BatchNormalization.inputGradientForm(
            routedSums: sums, statistics: statistics, positions: shape.positions, parameters: parameters.baseAddress!,
            parameterGradient: gradient.baseAddress!)
        }
      }
      let inputGradient = RectifiedMaxPool.inputGradient(
        outputGradient: weights, output: output, winners: winners, input: input, shape: shape, form: form)
      FiniteDifferences.assertGradient(
        inputGradient, of: { normalizedPoolLoss($0, parameters: parameters, shape: shape, weights: weights) },
        at: input, step: 1e-3, tolerance: 5e-3)
      FiniteDifferences.assertGradient(
        parameterGradient, of: { normalizedPoolLoss(input, parameters: $0, shape: shape, weights: weights) },
        at: parameters, step: 1e-3, tolerance: 5e-3)
    }
  }

  func testPlainPoolRoutesTheGradientToThePositiveMaximum() {
    var generator = SplitMix64(seed: 12)
    let shape = FeatureMapShape(channels: 2, batch: 3, height: 4, width: 8)
    let input = FiniteDifferences.gaussians(shape.count, &generator)
    let weights = FiniteDifferences.gaussians(shape.count / 4, &generator)
    let identity = ChannelAffine.identity(channels: 2)
    let (output, winners) = RectifiedMaxPool.forward(input, shape: shape, affine: identity)
    XCTAssertEqual(output[0], max(0, [input[0], input[1], input[8], input[9]].max()!))
    let gradient = RectifiedMaxPool.inputGradient(
      outputGradient: weights, output: output, winners: winners, input: input, shape: shape,
      form: RectifiedMaxPool.InputGradientForm(identity))
    XCTAssertEqual(gradient.filter { $0 != 0 }.count, output.filter { $0 > 0 }.count)
    FiniteDifferences.assertGradient(
      gradient,
      of: {
        FiniteDifferences.weightedSum(RectifiedMaxPool.forward($0, shape: shape, affine: identity).output, weights)
      }, at: input, step: 1e-3)
  }

  func testRowReductionsStayWithinTheirErrorBound() {
    var generator = SplitMix64(seed: 23)
    for count in [0, 1, 17, 4096 + 33, 20_000] {
      let row = FiniteDifferences.gaussians(count, &generator).map { $0 + 3 }
      let exactSum = row.reduce(0) { $0 + Double($1) }
      let absoluteSum = row.reduce(0) { $0 + abs(Double($1)) }
      let bound = 272 * pow(2, -24) * absoluteSum
      let sum = row.withUnsafeBufferPointer { RowReduction.sum($0.baseAddress!, count: count) }
      XCTAssertEqual(sum, exactSum, accuracy: bound, "sum of \(count)")
      let center: Float = 3
      let exactSquares = row.reduce(0) { $0 + (Double($1) - 3) * (Double($1) - 3) }
      let squares = row.withUnsafeBufferPointer {
        RowReduction.sumOfSquaredDeviations($0.baseAddress!, count: count, from: center)
      }
      XCTAssertEqual(squares, exactSquares, accuracy: 272 * pow(2, -24) * exactSquares + 1e-6, "squares of \(count)")
    }
  }
}
