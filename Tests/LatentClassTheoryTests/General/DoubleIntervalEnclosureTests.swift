import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The certificate's Laplace enclosure in ``DoubleInterval`` against the same quadrature in 160-bit
/// ``Interval``: both contain the exact values, so they must overlap, and the fast one may be only
/// modestly wider.
final class DoubleIntervalEnclosureTests: XCTestCase {
  func testDoubleIntervalEnclosureAgreesWithTheMPFROne() throws {
    try forEachSeed(4) { random, seed in
      let model = try RandomModels.model(classes: 3, points: 3 + Int(random.next() % 2), using: &random)
      let problem = ContrastiveProblem(model: model, negatives: 1 + Int(random.next() % 60), scale: 2)
      let gram = RandomModels.gram(rows: model.pointCount, using: &random)
      let engine = LaplaceEngine(tolerance: 1e-10)
      let accurate = engine.enclose(
        problem, gram: (0..<gram.rows).map { i in (0..<gram.columns).map { Interval(gram[i, $0], precision: 160) } },
        precision: 160)
      let fast = engine.enclose(
        problem, gram: (0..<gram.rows).map { i in (0..<gram.columns).map { DoubleInterval(gram[i, $0]) } },
        precision: 53)
      func check(_ fast: DoubleInterval, _ accurate: Interval, _ what: String) {
        let converted = Interval(fast, precision: 160)
        XCTAssertTrue(converted.overlaps(accurate), "\(what), seed \(seed)")
        XCTAssertLessThan(fast.width, 4 * accurate.width + 1e-13 * max(1, abs(fast.midpoint)), "\(what), seed \(seed)")
      }
      check(fast.loss, accurate.loss, "loss")
      for (i, (f, a)) in zip(fast.gradient.joined(), accurate.gradient.joined()).enumerated() {
        check(f, a, "gradient \(i)")
      }
    }
  }
}
