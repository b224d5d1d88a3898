import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// Interpolation in k against direct evaluation: the enclosures of one true value must
/// overlap, stay tight, and the remainder bound must refuse when there are too few anchors.
final class InterpolationInNegativesTests: XCTestCase {
  func testInterpolatedRowsAgreeWithTheBinomialSum() {
    forEachSeed(3) { random, seed in
      let classes = Int.random(in: 2...40, using: &random)
      let scale = [Rational(1, 3), Rational(1), Rational(5, 2)][Int.random(in: 0...2, using: &random)]
      let model = UniformModel(classes: classes, scale: scale, precision: 64)
      let ks = Array(256...511)
      let sweep = model.sweepEvaluations(negatives: ks, logarithms: LogarithmTable(count: 512, precision: 84))
      let interpolated = zip(ks, sweep).filter { $0.1.method == .interpolation }
      XCTAssertGreaterThan(interpolated.count, 150, "\(seed): most of a dense block is interpolated")
      for _ in 0..<4 {
        let (k, value) = interpolated[Int.random(in: 0..<interpolated.count, using: &random)]
        let direct = model.simplexEvaluation(negatives: k, method: .binomialSum)
        let label = "\(seed): N=\(classes) s=\(scale) k=\(k)"
        XCTAssertTrue(value.loss.overlaps(direct.loss), "\(label): loss \(value.loss) vs \(direct.loss)")
        XCTAssertTrue(value.multiplier.overlaps(direct.multiplier), "\(label): u")
        XCTAssertTrue(value.collisionTerm.overlaps(direct.collisionTerm), "\(label): col")
        for enclosure in [value.loss, value.multiplier, value.collisionTerm] {
          XCTAssertLessThan(enclosure.relativeWidth, 1e-15, "\(label): \(enclosure) too wide")
        }
      }
    }
  }

  /// At the default 128 bits, rows of a block narrower than a whole dyadic block (like the last
  /// one of `verify --classes 10 --k 1...10000`), which takes fewer anchors, that are not anchors.
  func testDefaultPrecisionBlockIsTight() {
    let model = UniformModel(classes: 10, scale: 1, precision: 128)
    let count = model.anchorCount(from: 2048, to: 2400)
    XCTAssertLessThan(count, model.anchorsPerBlock / 2, "a block of 353 values from 2048 gains 4.5 bits per anchor")
    XCTAssertEqual(model.anchorCount(from: 2048, to: 4095), model.anchorsPerBlock, "a whole dyadic block")
    let ks = Array(2048...2400)
    let sweep = model.sweepEvaluations(negatives: ks, logarithms: LogarithmTable(count: 2401, precision: 148))
    let anchors = Set(InterpolationBlock.nodes(from: 2048, to: 2400, count: count))
    XCTAssertEqual(
      sweep.filter { $0.method == .interpolation }.count, ks.count - anchors.count,
      "every k but the anchors is interpolated: the remainder is negligible across the block")
    for k in [2063, 2222, 2385] {
      XCTAssertFalse(anchors.contains(k), "k = \(k) must be interpolated, not an anchor")
      let value = sweep[k - 2048]
      XCTAssertEqual(value.method, .interpolation, "k = \(k)")
      let direct = model.simplexEvaluation(negatives: k)
      XCTAssertTrue(value.loss.overlaps(direct.loss), "k = \(k)")
      XCTAssertTrue(value.multiplier.overlaps(direct.multiplier), "k = \(k)")
      XCTAssertTrue(value.collisionTerm.overlaps(direct.collisionTerm), "k = \(k)")
      XCTAssertLessThan(value.loss.width, 1e-33, "k = \(k)")
    }
  }

  /// Ten anchors over [300, 600] leave a remainder of order 4^−10: the block must refuse
  /// rather than return a loose or wrong enclosure.
  func testTooFewAnchorsAreRefused() {
    let model = UniformModel(classes: 10, scale: 1, precision: 128)
    let nodes = InterpolationBlock.nodes(from: 300, to: 600, count: 10)
    let block = InterpolationBlock(
      model: model, nodes: nodes, anchors: nodes.map { model.simplexEvaluation(negatives: $0) }, span: 300...600)
    let reciprocals = (0...300).map {
      $0 == 0 ? Interval(0) : Interval(1, precision: 152) / Interval($0, precision: 152)
    }
    XCTAssertNil(block.evaluation(negatives: 451, reciprocals: reciprocals))
    XCTAssertNotNil(block.evaluation(negatives: nodes[3], reciprocals: reciprocals), "an anchor is returned as is")
  }
}
