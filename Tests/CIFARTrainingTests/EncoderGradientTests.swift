import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// The whole network's backward pass (convolutions, ReLU, pooling, head, ball
/// projection, NCE objective) against finite differences of the batch loss.
final class EncoderGradientTests: XCTestCase {
  /// A tiny encoder on 8×8 inputs with a fixed contrastive batch.
  struct Fixture {
    var encoder: Encoder
    let input: [Float]
    let batch: ContrastiveBatch
    let scale: Float = 3

    init(sphere: Bool, batchNorm: Bool = true) {
      var generator = SplitMix64(seed: 21)
      encoder = Encoder(
        configuration: EncoderConfiguration(
          imageSide: 8, channels: [3, 4], embeddingDimension: 5, sphere: sphere, batchNorm: batchNorm),
        using: &generator)
      let labels = [0, 1, 2, 0, 1, 2]
      let images = LabeledImages(
        pixels: [UInt8](repeating: 0, count: labels.count * CIFARDataset.pixelsPerImage), labels: labels, classCount: 3)
      batch = LatentClassSampler(images: images).draw(anchors: 4, negatives: 2, using: &generator)
      input = FiniteDifferences.gaussians(3 * 8 * 8 * 8, &generator)  // 8 rows (4 anchors + 4 positives) of 3×8×8
    }

    func loss(_ parameters: [Float]) -> Double {
      var encoder = encoder
      encoder.parameters = parameters
      let embeddings = encoder.forward(input, batch: 8).embeddings
      return Double(
        ContrastiveObjective.lossAndGradient(
          embeddings: embeddings, dimension: 5, batch: batch, scale: scale
        ).loss)
    }

    var gradient: [Float] {
      let (embeddings, tape) = encoder.forward(input, batch: 8)
      let objective = ContrastiveObjective.lossAndGradient(
        embeddings: embeddings, dimension: 5, batch: batch, scale: scale)
      return encoder.backward(objective.gradient, tape: tape)
    }
  }

  func testDirectionalDerivativesMatchFiniteDifferences() {
    for (sphere, batchNorm) in [(false, true), (true, true), (false, false)] {
      let fixture = Fixture(sphere: sphere, batchNorm: batchNorm)
      let gradient = fixture.gradient
      XCTAssertGreaterThan(gradient.map { abs($0) }.max()!, 1e-3, "a vanishing gradient would make this test vacuous")
      var generator = SplitMix64(seed: 22)
      for _ in 0..<4 {
        // A unit direction and a small step: batch norm puts many pre-activations near
        // ReLU's kink, and a longer step would cross some of them.
        let draws = FiniteDifferences.gaussians(gradient.count, &generator)
        let length = draws.map { $0 * $0 }.reduce(0, +).squareRoot()
        let direction = draws.map { $0 / length }
        let analytic = FiniteDifferences.weightedSum(gradient, direction)
        let numeric = FiniteDifferences.directional(
          fixture.loss, at: fixture.encoder.parameters, direction: direction, step: 3e-4)
        XCTAssertEqual(
          analytic, numeric, accuracy: 0.02 * abs(numeric) + 5e-4, "sphere \(sphere), batch norm \(batchNorm)")
      }
    }
  }

  func testInferenceWithBatchStatisticsEqualsTraining() {
    var fixture = Fixture(sphere: false)
    let (training, tape) = fixture.encoder.forward(fixture.input, batch: 8)
    // Momentum 0.1 from (0, 1): after many updates the running statistics equal this batch's.
    for _ in 0..<400 { fixture.encoder.updateRunningStatistics(from: tape) }
    let inference = fixture.encoder.forward(fixture.input, batch: 8, mode: .inference).embeddings
    for (a, b) in zip(training, inference) { XCTAssertEqual(a, b, accuracy: 1e-4) }
  }

  func testEveryLayersParametersMatchFiniteDifferences() {
    let fixture = Fixture(sphere: false)
    let gradient = fixture.gradient
    // A coordinate sample covering every layer's weights and biases.
    let encoder = fixture.encoder
    var indices = [Int]()
    for (index, (stage, offset)) in zip(encoder.stages, encoder.stageOffsets).enumerated() {
      let normalization = encoder.normalizationOffset(index)
      indices += [offset, offset + stage.parameterCount / 2, normalization, normalization + stage.outputChannels]
    }
    indices += [encoder.headOffset, encoder.headOffset + 17, encoder.parameterCount - 1]
    for index in indices {
      let numeric = FiniteDifferences.partial(fixture.loss, at: encoder.parameters, index: index, step: 1e-3)
      XCTAssertEqual(Double(gradient[index]), numeric, accuracy: 0.02 * abs(numeric) + 2e-3, "parameter \(index)")
    }
  }
}
