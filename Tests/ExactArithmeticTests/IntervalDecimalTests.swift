import ExactArithmetic
import TestSupport
import XCTest

/// `decimalBounds` must keep the enclosure: the printed lower bound is ≤ the interval,
/// the printed upper bound ≥ it, both readable back exactly by `Rational`.
final class IntervalDecimalTests: XCTestCase {
  /// The significant digits of a positional or scientific decimal string: no sign, point,
  /// exponent, leading zeros, or trailing zeros (which only place the point in "3770000").
  private static func significantDigits(_ text: String) -> [Character] {
    let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" }).first ?? ""
    let digits = mantissa.filter(\.isNumber).drop(while: { $0 == "0" })
    return Array(digits.reversed().drop(while: { $0 == "0" }).reversed())
  }

  func testLogTwoAt128Bits() {
    let ln2 = IntervalConstantTests.ln2
    let bounds = Interval.log(Interval(Rational(2), precision: 128)).decimalBounds()
    guard let lower = Rational(bounds.lower), let upper = Rational(bounds.upper) else {
      return XCTFail("unparsable bounds \(bounds)")
    }
    // ln 2 ∈ [c, c + 10⁻¹⁰⁰] for the 100-digit truncation c.
    XCTAssertLessThanOrEqual(lower, ln2, "\(bounds)")
    XCTAssertLessThanOrEqual(ln2 + IntervalConstantTests.truncationError, upper, "\(bounds)")
    let lowerDigits = Self.significantDigits(bounds.lower)
    let upperDigits = Self.significantDigits(bounds.upper)
    let common = zip(lowerDigits, upperDigits).prefix(while: { $0 == $1 }).count
    XCTAssertGreaterThanOrEqual(common, 25, "\(bounds)")
    XCTAssertTrue(bounds.lower.hasPrefix("0.6931471805599453094172321"), bounds.lower)
  }

  /// Random intervals, both signs and magnitudes from 10⁻³⁰ to 10³⁰ (positional and scientific output).
  func testBoundsBracketTheInterval() {
    forEachSeed(300) { random, seed in
      let magnitude = Rational(10).power(Int.random(in: -30...30, using: &random))
      let a = random.smallRational(bound: 100_000) * magnitude
      let b = random.smallRational(bound: 100_000) * magnitude
      let precision = [16, 53, 128].randomElement(using: &random)!
      let interval = Interval(lower: min(a, b), upper: max(a, b), precision: precision)
      let digits = Int.random(in: 1...40, using: &random)
      let bounds = interval.decimalBounds(significantDigits: digits)
      let label = "\(seed), \(digits) digits of [\(min(a, b)), \(max(a, b))]: \(bounds)"
      guard let lower = Rational(bounds.lower), let upper = Rational(bounds.upper) else {
        return XCTFail("unparsable: \(label)")
      }
      XCTAssertLessThanOrEqual(lower, interval.lowerBound!, label)
      XCTAssertGreaterThanOrEqual(upper, interval.upperBound!, label)
      XCTAssertLessThanOrEqual(Self.significantDigits(bounds.lower).count, digits, label)
      XCTAssertLessThanOrEqual(Self.significantDigits(bounds.upper).count, digits, label)
      // Rounded to `digits` significant digits: off by less than one unit in the last place.
      for (printed, exact) in [(lower, interval.lowerBound!), (upper, interval.upperBound!)] where exact.signum != 0 {
        XCTAssertLessThanOrEqual((printed - exact).magnitude, exact.magnitude * Rational(10).power(1 - digits), label)
      }
    }
  }

  func testFormatting() {
    func bounds(_ value: Rational, digits: Int = 30) -> (lower: String, upper: String) {
      Interval(value, precision: 128).decimalBounds(significantDigits: digits)
    }
    // Exactly representable values print exactly, with trailing zeros dropped.
    XCTAssertTrue(bounds(Rational(-12345, 10)) == ("-1234.5", "-1234.5"))
    XCTAssertTrue(bounds(Rational(3, 8)) == ("0.375", "0.375"))
    XCTAssertTrue(bounds(Rational(1000)) == ("1000", "1000"))
    XCTAssertTrue(bounds(.zero) == ("0", "0"))
    XCTAssertTrue(
      bounds(Rational(BigInt(2).power(80))) == ("1.208925819614629174706176e24", "1.208925819614629174706176e24"))
    XCTAssertTrue(
      bounds(Rational(BigInt(1), BigInt(2).power(30))) == ("9.31322574615478515625e-10", "9.31322574615478515625e-10"))
    // Non-representable values round outward in the last digit.
    XCTAssertTrue(bounds(Rational(1, 3), digits: 5) == ("0.33333", "0.33334"))
    XCTAssertTrue(bounds(Rational(-1, 3), digits: 5) == ("-0.33334", "-0.33333"))
    XCTAssertTrue(bounds(Rational(2, 3), digits: 5) == ("0.66666", "0.66667"))
    XCTAssertTrue(bounds(Rational(1, 30_000_000), digits: 3) == ("3.33e-8", "3.34e-8"))
    let unbounded = Interval(1) / Interval(lower: -1, upper: 1, precision: 53)
    XCTAssertTrue(unbounded.decimalBounds() == ("-inf", "inf"))
    XCTAssertEqual(Interval(lower: Rational(1, 4), upper: Rational(1, 2), precision: 53).description, "[0.25, 0.5]")
  }
}
