import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The certificates' enclosures in ``DoubleInterval`` against the same sums in MPFR ``Interval``:
/// both contain the exact values, so they must overlap, and the fast one may be only modestly wider.
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

  /// An unrefined multinomial certificate (``PopulationLoss/enclose(gram:precision:accurate:)`` at 128 bits)
  /// is enclosed in `DoubleInterval`: it must meet the 128-bit MPFR enclosure of the same sum and be
  /// about thirteen digits wide, not more.
  func testUnrefinedMultinomialEnclosureAgreesWithTheMPFROne() throws {
    try forEachSeed(4) { random, seed in
      let model = try RandomModels.model(classes: 3, points: 3 + Int(random.next() % 2), using: &random)
      let problem = ContrastiveProblem(model: model, negatives: 1 + Int(random.next() % 12), scale: 2)
      let loss = PopulationLoss(problem: problem, engine: .multinomial)
      let gram = RandomModels.gram(rows: model.pointCount, using: &random)
      let fast = loss.enclose(gram: gram, precision: 128)
      let accurate = loss.enclose(gram: gram, precision: 128, accurate: true)
      func check(_ fast: Interval, _ accurate: Interval, _ what: String) {
        XCTAssertTrue(fast.overlaps(accurate), "\(what), seed \(seed)")
        XCTAssertLessThan(accurate.width, 1e-30, "\(what), seed \(seed)")
        let magnitude = max(1, abs(fast.approximateDouble))
        XCTAssertLessThan(fast.width, 1e-12 * magnitude, "\(what), seed \(seed)")
        XCTAssertGreaterThan(
          fast.width, accurate.width, "\(what): the fast enclosure has Double endpoints, seed \(seed)")
      }
      check(fast.loss, accurate.loss, "loss")
      for (i, (f, a)) in zip(fast.gradient.joined(), accurate.gradient.joined()).enumerated() {
        check(f, a, "gradient \(i)")
      }
    }
  }
}
