import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// Every layer's backward pass against central finite differences of a random
/// linear functional of its output.
final class LayerGradientTests: XCTestCase {
  func testConvolutionGradientsMatchFiniteDifferences() {
    var generator = SplitMix64(seed: 11)
    let layer = Convolution3x3(inputChannels: 2, outputChannels: 3)
    // 19 images: a full chunk of 16 and a partial one.
    let shape = FeatureMapShape(channels: 2, batch: 19, height: 4, width: 4)
    let input = FiniteDifferences.gaussians(shape.count, &generator)
    let parameters = FiniteDifferences.gaussians(layer.parameterCount, &generator)
    let weights = FiniteDifferences.gaussians(3 * shape.positions, &generator)
    func loss(input: [Float], parameters: [Float]) -> Double {
      let output = parameters.withUnsafeBufferPointer {
        layer.forward(input, shape: shape, parameters: $0.baseAddress!)
      }
      return FiniteDifferences.weightedSum(output, weights)
    }
    var parameterGradient = [Float](repeating: 0, count: layer.parameterCount)
    let inputGradient = parameters.withUnsafeBufferPointer { parameters in
      parameterGradient.withUnsafeMutableBufferPointer { gradient in
        layer.backward(
          outputGradient: weights, input: input, shape: shape, parameters: parameters.baseAddress!,
          parameterGradient: gradient.baseAddress!, needsInputGradient: true)!
      }
    }
    FiniteDifferences.assertGradient(inputGradient, of: { loss(input: $0, parameters: parameters) }, at: input)
    FiniteDifferences.assertGradient(parameterGradient, of: { loss(input: input, parameters: $0) }, at: parameters)
  }

  func testConvolutionMatchesDirectSumAtTheBorder() {
    // One channel, weights all 1: each output is the sum of its 3×3 neighbourhood (zero padded).
    let layer = Convolution3x3(inputChannels: 1, outputChannels: 1)
    let shape = FeatureMapShape(channels: 1, batch: 1, height: 3, width: 3)
    let input: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    let parameters: [Float] = Array(repeating: 1, count: 9) + [0.5]
    let output = parameters.withUnsafeBufferPointer { layer.forward(input, shape: shape, parameters: $0.baseAddress!) }
    XCTAssertEqual(output, [12, 21, 16, 27, 45, 33, 24, 39, 28].map { $0 + 0.5 })
  }

  func testLinearGradientsMatchFiniteDifferences() {
    var generator = SplitMix64(seed: 13)
    let layer = Linear(inputs: 5, outputs: 3)
    let input = FiniteDifferences.gaussians(4 * 5, &generator)
    let parameters = FiniteDifferences.gaussians(layer.parameterCount, &generator)
    let weights = FiniteDifferences.gaussians(4 * 3, &generator)
    func loss(input: [Float], parameters: [Float]) -> Double {
      FiniteDifferences.weightedSum(
        parameters.withUnsafeBufferPointer { layer.forward(input, batch: 4, parameters: $0.baseAddress!) }, weights)
    }
    var parameterGradient = [Float](repeating: 0, count: layer.parameterCount)
    let inputGradient = parameters.withUnsafeBufferPointer { parameters in
      parameterGradient.withUnsafeMutableBufferPointer { gradient in
        layer.backward(
          outputGradient: weights, input: input, batch: 4, parameters: parameters.baseAddress!,
          parameterGradient: gradient.baseAddress!)
      }
    }
    FiniteDifferences.assertGradient(inputGradient, of: { loss(input: $0, parameters: parameters) }, at: input)
    FiniteDifferences.assertGradient(parameterGradient, of: { loss(input: input, parameters: $0) }, at: parameters)
  }

  func testBallProjectionGradientInsideOutsideAndOnSphere() {
    var generator = SplitMix64(seed: 14)
    // Row 0 lies inside the ball (norm 0.5), row 1 outside (norm 3).
    let inside: [Float] = [0.3, -0.4, 0, 0]
    let outside: [Float] = [1, 2, -2, 0]
    let values = inside + outside
    let weights = FiniteDifferences.gaussians(8, &generator)
    for sphere in [false, true] {
      let (projected, divisors) = BallProjection.forward(values, dimension: 4, sphere: sphere)
      XCTAssertEqual(divisors, sphere ? [0.5, 3] : [1, 3])
      let gradient = BallProjection.backward(
        weights, projected: projected, divisors: divisors, dimension: 4, sphere: sphere)
      FiniteDifferences.assertGradient(
        gradient,
        of: {
          FiniteDifferences.weightedSum(BallProjection.forward($0, dimension: 4, sphere: sphere).projected, weights)
        },
        at: values, step: 1e-3, tolerance: 3e-3)
    }
  }

  func testContrastiveObjectiveGradientMatchesFiniteDifferences() {
    var generator = SplitMix64(seed: 15)
    let labels = [0, 0, 1, 1, 2, 2, 0, 1]
    let images = LabeledImages(
      pixels: [UInt8](repeating: 0, count: labels.count * CIFARDataset.pixelsPerImage), labels: labels, classCount: 3)
    let batch = LatentClassSampler(images: images).draw(anchors: 5, negatives: 3, using: &generator)
    let embeddings = FiniteDifferences.gaussians(10 * 4, &generator).map { $0 * 0.4 }
    let scale: Float = 2.5
    let gradient = ContrastiveObjective.lossAndGradient(
      embeddings: embeddings, dimension: 4, batch: batch, scale: scale
    ).gradient
    FiniteDifferences.assertGradient(
      gradient,
      of: {
        Double(ContrastiveObjective.lossAndGradient(embeddings: $0, dimension: 4, batch: batch, scale: scale).loss)
      },
      at: embeddings, step: 1e-2, tolerance: 3e-3)
  }
}
