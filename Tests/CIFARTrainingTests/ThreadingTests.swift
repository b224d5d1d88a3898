import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// Splitting the batch between threads changes only the order of partial sums.
final class ThreadingTests: XCTestCase {
  override func tearDown() {
    TrainingRuntime.configure(threads: 1)
  }

  /// Embeddings and parameter gradient of a 40-image batch (split 20 + 20 on two
  /// threads, so the im2col chunks fall differently than on one).
  func embeddingsAndGradient(threads: Int) -> (embeddings: [Float], gradient: [Float]) {
    TrainingRuntime.configure(threads: threads)
    var generator = SplitMix64(seed: 31)
    let encoder = Encoder(
      configuration: EncoderConfiguration(imageSide: 16, channels: [4, 8], embeddingDimension: 6), using: &generator)
    let input = FiniteDifferences.gaussians(3 * 40 * 16 * 16, &generator)
    let outputGradient = FiniteDifferences.gaussians(40 * 6, &generator)
    let (embeddings, tape) = encoder.forward(input, batch: 40)
    return (embeddings, encoder.backward(outputGradient, tape: tape))
  }

  func testTwoThreadsAgreeWithOneAndRepeatExactly() {
    let single = embeddingsAndGradient(threads: 1)
    let first = embeddingsAndGradient(threads: 2)
    let second = embeddingsAndGradient(threads: 2)
    XCTAssertEqual(first.embeddings, second.embeddings, "two-thread runs are reproducible bit for bit")
    XCTAssertEqual(first.gradient, second.gradient, "two-thread runs are reproducible bit for bit")
    for (a, b) in zip(single.embeddings, first.embeddings) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    let scale = single.gradient.map { abs($0) }.max()!
    XCTAssertGreaterThan(scale, 1e-3)
    for (a, b) in zip(single.gradient, first.gradient) { XCTAssertEqual(a, b, accuracy: 1e-4 * scale) }
  }
}
