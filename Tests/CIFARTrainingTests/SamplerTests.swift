import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// The random stream and the latent-class draws of docs/theory.md §1.
final class SamplerTests: XCTestCase {
  func testIndexBelowIsUniform() {
    var generator = SplitMix64(seed: 31)
    var counts = [Int](repeating: 0, count: 10)
    for _ in 0..<20_000 { counts[generator.index(below: 10)] += 1 }
    // Expected 2000 each; a binomial standard deviation is about 42.
    for count in counts { XCTAssertEqual(count, 2000, accuracy: 200) }
  }

  func testGeneratorIsReproducibleFromItsState() {
    var first = SplitMix64(seed: 32)
    _ = first.next()
    var copy = SplitMix64(seed: 0)
    copy.state = first.state
    XCTAssertEqual((0..<5).map { _ in first.next() }, (0..<5).map { _ in copy.next() })
  }

  /// Class 0 holds 80% of the images, so negatives must collide with it 80% of the time.
  func testBatchFollowsTheLatentClassModel() {
    let labels = (0..<100).map { $0 < 80 ? 0 : 1 + $0 % 2 }
    let images = LabeledImages(
      pixels: [UInt8](repeating: 0, count: labels.count * CIFARDataset.pixelsPerImage), labels: labels, classCount: 3)
    var generator = SplitMix64(seed: 33)
    let sampler = LatentClassSampler(images: images)
    var negativeClassCounts = [Int](repeating: 0, count: 3)
    var positiveRows = 0
    var negatives = 0
    for _ in 0..<50 {
      let batch = sampler.draw(anchors: 20, negatives: 7, using: &generator)
      XCTAssertEqual(batch.imageIndices.count, 40)
      for anchor in 0..<20 {
        XCTAssertEqual(
          labels[batch.imageIndices[anchor]], labels[batch.imageIndices[20 + anchor]], "positive shares the class")
        let rows = batch.negativeRows[anchor * 7..<(anchor + 1) * 7]
        let pairs = rows.map { $0 % 20 }
        XCTAssertFalse(pairs.contains(anchor), "a negative from the anchor's own pair would not be independent")
        XCTAssertEqual(Set(pairs).count, 7, "negatives come from distinct pairs")
        for row in rows {
          negativeClassCounts[labels[batch.imageIndices[row]]] += 1
          if row >= 20 { positiveRows += 1 }
          negatives += 1
        }
      }
    }
    XCTAssertEqual(Double(negativeClassCounts[0]) / Double(negatives), 0.8, accuracy: 0.03)
    XCTAssertEqual(Double(positiveRows) / Double(negatives), 0.5, accuracy: 0.03, "anchors and positives used alike")
  }
}
