import ExactArithmetic
import TestSupport
import XCTest

/// The smaller `Interval` API: hull, widening, re-rounding, maximum, and the read-outs.
final class IntervalInspectionTests: XCTestCase {
  private func interval(_ lower: Rational, _ upper: Rational, precision: Int = 53) -> Interval {
    Interval(lower: lower, upper: upper, precision: precision)
  }

  func testHullWidenedAndMaximum() {
    let a = interval(-1, 2)
    let b = interval(Rational(1, 2), 5, precision: 64)
    let hull = Interval.hull(a, b)
    XCTAssertEqual(hull.lowerBound, -1)
    XCTAssertEqual(hull.upperBound, 5)
    XCTAssertEqual(hull.precision, 64)
    XCTAssertTrue(hull.contains(a) && hull.contains(b))

    let widened = a.widened(by: interval(Rational(1, 4), Rational(1, 2)))
    // The radius's upper end is the bound that is certain.
    XCTAssertEqual(widened.lowerBound, Rational(-3, 2))
    XCTAssertEqual(widened.upperBound, Rational(5, 2))

    let maximum = Interval.maximum(interval(-3, 1), interval(-1, 0))
    XCTAssertEqual(maximum.lowerBound, -1)
    XCTAssertEqual(maximum.upperBound, 1)
    forEachSeed(100) { random, seed in
      let p = random.smallRational()
      let q = random.smallRational()
      let r = random.smallRational()
      let s = random.smallRational()
      let x = interval(min(p, q), max(p, q))
      let y = interval(min(r, s), max(r, s))
      // max of any two points lies in the enclosure of the maximum.
      for (u, v) in [(p, r), (p, s), (q, r), (q, s)] {
        XCTAssertTrue(Interval.maximum(x, y).contains(max(u, v)), "\(seed), max(\(u), \(v))")
      }
    }
  }

  func testRoundedToLowerPrecisionStillContains() {
    let third = Interval(Rational(1, 3), precision: 256)
    for precision in [16, 53, 128] {
      let rounded = third.rounded(toPrecision: precision)
      XCTAssertEqual(rounded.precision, precision)
      XCTAssertTrue(rounded.contains(third))
      XCTAssertTrue(rounded.contains(Rational(1, 3)))
      XCTAssertLessThan(rounded.width, third.width + Double(sign: .plus, exponent: 2 - precision, significand: 1))
    }
    // Below the minimum precision the constructor clamps.
    XCTAssertEqual(third.rounded(toPrecision: 2).precision, Interval.minimumPrecision)
  }

  func testLn2Constant() {
    for precision in [53, 128, 256] {
      let constant = Interval.ln2(precision: precision)
      XCTAssertEqual(Interval.compare(constant, Interval.log(Interval(Rational(2), precision: precision))), .undecided)
      XCTAssertTrue(constant.contains(IntervalConstantTests.ln2))
      XCTAssertLessThanOrEqual(constant.width, Double(sign: .plus, exponent: -precision, significand: 1))
    }
  }

  func testWidthAndRelativeWidth() {
    XCTAssertEqual(interval(1, 3).width, 2)
    XCTAssertEqual(interval(-3, -1).width, 2)
    XCTAssertEqual(interval(-3, -1).relativeWidth, 2.0.nextUp, "relative to the smallest magnitude, 1")
    XCTAssertEqual(interval(2, 3).relativeWidth, 0.5.nextUp)
    XCTAssertEqual(interval(-1, 1).relativeWidth, .infinity, "an interval around 0 has no relative accuracy")
    let unbounded = Interval(1) / interval(-1, 1)
    XCTAssertEqual(unbounded.width, .infinity)
    XCTAssertFalse(unbounded.isBounded)
    XCTAssertTrue(interval(-1, 1).isBounded)
    // Width is rounded up: never below the exact width.
    forEachSeed(100, base: 0x31D) { random, seed in
      let p = random.rational()
      let q = random.rational()
      let x = interval(min(p, q), max(p, q), precision: 128)
      let exact = x.upperBound! - x.lowerBound!
      XCTAssertGreaterThanOrEqual(Rational(exactly: x.width)!, exact, seed)
    }
  }

  func testApproximateDoubleLiesInside() {
    forEachSeed(200, base: 0xA9) { random, seed in
      let p = random.smallRational()
      let q = random.smallRational()
      for precision in [16, 53, 200] {
        let x = interval(min(p, q), max(p, q), precision: precision)
        let value = x.approximateDouble
        // Inside, up to the Double rounding of a point narrower than a Double's ulp.
        let tolerance = Rational(exactly: max(abs(value).ulp, Double.leastNormalMagnitude))!
        let approximate = Rational(exactly: value)!
        XCTAssertTrue(
          x.lowerBound! - tolerance <= approximate && approximate <= x.upperBound! + tolerance,
          "\(seed), \(value) vs \(x) at \(precision) bits")
      }
    }
    XCTAssertEqual(interval(1, 3).approximateDouble, 2)
  }

  func testCertainSigns() {
    XCTAssertTrue(interval(Rational(1, 1000), 1).isCertainlyPositive)
    XCTAssertFalse(interval(0, 1).isCertainlyPositive)
    XCTAssertTrue(interval(0, 1).isCertainlyNonNegative)
    XCTAssertFalse(interval(Rational(-1, 1000), 1).isCertainlyNonNegative)
    XCTAssertTrue(interval(-2, Rational(-1, 1000)).isCertainlyNegative)
    XCTAssertFalse(interval(-2, 0).isCertainlyNegative)
    // A positive rational below the smallest 16-bit step stays certainly positive (rounded down, not to 0).
    XCTAssertTrue(Interval(Rational(BigInt(1), BigInt(10).power(50)), precision: 16).isCertainlyPositive)
  }
}
