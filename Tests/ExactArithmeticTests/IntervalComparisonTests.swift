import ExactArithmetic
import TestSupport
import XCTest

/// `Interval.compare` decides only disjoint enclosures; `contains` and `overlaps` agree with the endpoints.
final class IntervalComparisonTests: XCTestCase {
  func testFixedCases() {
    func interval(_ lower: Int, _ upper: Int) -> Interval {
      Interval(lower: Rational(lower), upper: Rational(upper), precision: 53)
    }
    XCTAssertEqual(Interval.compare(interval(0, 1), interval(2, 3)), .less)
    XCTAssertEqual(Interval.compare(interval(2, 3), interval(0, 1)), .greater)
    XCTAssertEqual(Interval.compare(interval(0, 2), interval(1, 3)), .undecided)
    XCTAssertEqual(Interval.compare(interval(0, 3), interval(1, 2)), .undecided)
    // Touching enclosures share a point, so neither order is certain.
    XCTAssertEqual(Interval.compare(interval(0, 1), interval(1, 2)), .undecided)
    XCTAssertEqual(Interval.compare(interval(1, 1), interval(1, 1)), .undecided)
    let entire = Interval(1) / interval(-1, 1)
    XCTAssertEqual(Interval.compare(entire, interval(5, 6)), .undecided)
    XCTAssertTrue(interval(1, 2).isCertainlyPositive)
    XCTAssertFalse(interval(0, 2).isCertainlyPositive)
    XCTAssertTrue(interval(0, 2).isCertainlyNonNegative)
    XCTAssertTrue(interval(-2, -1).isCertainlyNegative)
    XCTAssertFalse(interval(-2, 0).isCertainlyNegative)
  }

  /// Dyadic endpoints are represented exactly, so the expected answer follows from the rationals.
  func testAgreesWithExactEndpoints() {
    forEachSeed(500) { random, seed in
      let (a0, a1) = random.dyadicBounds(numeratorBound: 40, maxShift: 3)
      let (b0, b1) = random.dyadicBounds(numeratorBound: 40, maxShift: 3)
      let a = Interval(lower: a0, upper: a1, precision: 24)
      let b = Interval(lower: b0, upper: b1, precision: 53)
      let expected: CertifiedOrder = a1 < b0 ? .less : (a0 > b1 ? .greater : .undecided)
      let label = "\(seed), [\(a0), \(a1)] vs [\(b0), \(b1)]"
      XCTAssertEqual(Interval.compare(a, b), expected, label)
      // Swapping the operands swaps the answer.
      let swapped: CertifiedOrder = expected == .less ? .greater : (expected == .greater ? .less : .undecided)
      XCTAssertEqual(Interval.compare(b, a), swapped, label)
      XCTAssertEqual(a.overlaps(b), expected == .undecided, label)
      XCTAssertEqual(a.contains(b), a0 <= b0 && b1 <= a1, label)
      let point = random.dyadic(numeratorBound: 40, maxShift: 3)
      XCTAssertEqual(a.contains(point), a0 <= point && point <= a1, "\(label), point \(point)")
    }
  }

  /// Two enclosures of one value computed two ways always overlap, and are undecided.
  func testEnclosuresOfTheSameValueAreUndecided() {
    forEachSeed(100, base: 0xC0) { random, seed in
      let x = Rational(Int.random(in: 1...10_000, using: &random), Int.random(in: 1...997, using: &random))
      let precision = [24, 53, 128].randomElement(using: &random)!
      let direct = Interval.log(Interval(x, precision: precision))
      let viaInverse = -Interval.log(Interval(x.reciprocal, precision: precision))
      XCTAssertTrue(direct.overlaps(viaInverse), "\(seed), log(\(x))")
      XCTAssertEqual(Interval.compare(direct, viaInverse), .undecided, "\(seed), log(\(x))")
      // And a value 2^-(p-8) away (relatively) is separated in the right direction.
      let gap =
        Interval(Rational(BigInt(1), BigInt(2).power(precision - 8)), precision: precision)
        * (Interval.maximum(direct, -direct) + Interval(1))
      XCTAssertEqual(Interval.compare(direct, direct + gap), .less, "\(seed), log(\(x))")
      XCTAssertEqual(Interval.compare(direct + gap, direct), .greater, "\(seed), log(\(x))")
    }
  }
}
