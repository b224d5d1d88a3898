import ExactArithmetic
import TestSupport
import XCTest

/// Exact parsing and printing of `Rational`, and exact conversion from `Int` and `Double`.
final class RationalParsingTests: XCTestCase {
  func testDescriptionRoundTrips() {
    forEachSeed(400) { random, seed in
      let value = random.rational()
      let text = String(describing: value)
      XCTAssertEqual(Rational(text), value, "\(seed): \(text)")
    }
  }

  func testDescriptionFormat() {
    XCTAssertEqual(Rational(-3, 7).description, "-3/7")
    XCTAssertEqual(Rational(12, 4).description, "3")
    XCTAssertEqual(Rational(-12, 4).description, "-3")
    XCTAssertEqual(Rational.zero.description, "0")
  }

  func testExactDecimalParsing() {
    let cases: [(String, Rational)] = [
      ("0.25", Rational(1, 4)),
      ("1e-3", Rational(1, 1000)),
      ("-2.5E+2", Rational(-250)),
      ("-2.5E+4", Rational(-25_000)),
      (".5", Rational(1, 2)),
      ("5.", Rational(5)),
      ("3/7", Rational(3, 7)),
      ("-3/7", Rational(-3, 7)),
      ("6/14", Rational(3, 7)),
      ("12", Rational(12)),
      ("+12", Rational(12)),
      ("-0", Rational.zero),
      ("0.1", Rational(1, 10)),
      ("1.5e1", Rational(15)),
      ("-.125", Rational(-1, 8)),
      ("2E0", Rational(2)),
      ("000.0100", Rational(1, 100)),
    ]
    for (text, expected) in cases {
      XCTAssertEqual(Rational(text), expected, "\"\(text)\"")
    }
    // Many digits stay exact: no detour through Double.
    let digits = "0.1234567890123456789012345678901234567890"
    XCTAssertEqual(
      Rational(digits),
      Rational(BigInt("1234567890123456789012345678901234567890")!, BigInt(10).power(40)))
    XCTAssertEqual(Rational("1e-30"), Rational(BigInt(1), BigInt(10).power(30)))
    XCTAssertEqual(Rational("7e25"), Rational(BigInt(7) * BigInt(10).power(25)))
  }

  func testRejectsMalformedText() {
    let malformed = [
      "", "3/0", "1.2.3", "abc", "1/2/3", " 1", "1 ", "1e", "e5", "--1", ".", "-", "+", "/", "1/", "/2",
      "-.e1", "1e1.5", "0x10", "1,5", "inf", "nan", "1/2e3", "½", "١",
    ]
    for text in malformed {
      XCTAssertNil(Rational(text), "\"\(text)\" should not parse")
    }
  }

  /// Every finite Double is a dyadic rational; conversion must keep all its bits.
  func testExactConversionFromDouble() {
    XCTAssertEqual(
      Rational(exactly: 0.1),
      Rational(BigInt("3602879701896397")!, BigInt("36028797018963968")!))
    XCTAssertNotEqual(Rational(exactly: 0.1), Rational(1, 10))
    XCTAssertEqual(Rational(exactly: 0.5), Rational(1, 2))
    XCTAssertEqual(Rational(exactly: -0.0), .zero)
    XCTAssertEqual(Rational(exactly: Double.leastNonzeroMagnitude), Rational(BigInt(1), BigInt(2).power(1074)))
    XCTAssertEqual(
      Rational(exactly: Double.greatestFiniteMagnitude),
      Rational((BigInt(2).power(53) - BigInt(1)) * BigInt(2).power(971)))
    XCTAssertNil(Rational(exactly: .nan))
    XCTAssertNil(Rational(exactly: .infinity))
    XCTAssertNil(Rational(exactly: -.infinity))
    forEachSeed(300) { random, seed in
      let value = Double(bitPattern: random.next())
      guard value.isFinite else { return }
      XCTAssertEqual(Rational(exactly: value), Self.dyadic(value), "\(seed): \(value)")
    }
  }

  func testExactConversionFromInt() {
    XCTAssertEqual(Rational(Int.min).description, "-9223372036854775808")
    XCTAssertEqual(Rational(Int.max).description, "9223372036854775807")
    XCTAssertEqual(Rational(Int.min), Rational("-9223372036854775808"))
    XCTAssertEqual(Rational(Int.max) + 1, Rational("9223372036854775808"))
    XCTAssertEqual(Rational(Int.min, -1).description, "9223372036854775808")
    XCTAssertEqual(Rational(1, Int.min).description, "-1/9223372036854775808")
    XCTAssertEqual(Rational(Int.min).numerator.exactInt, Int.min)
    XCTAssertEqual(Rational(Int.max).denominator.exactInt, 1)
  }

  /// `value` rebuilt from its bit fields (sign, exponent, significand), independently of GMP.
  private static func dyadic(_ value: Double) -> Rational {
    let bias = 1023
    let fractionBits = 52
    let exponentField = Int(value.exponentBitPattern)
    let fraction = Int(value.significandBitPattern)
    // Subnormals have no implicit leading bit and the minimum exponent.
    let significand = exponentField == 0 ? fraction : fraction | (1 << fractionBits)
    let exponent = (exponentField == 0 ? 1 : exponentField) - bias - fractionBits
    let magnitude =
      exponent >= 0
      ? Rational(BigInt(significand) * BigInt(2).power(exponent))
      : Rational(BigInt(significand), BigInt(2).power(-exponent))
    return value.sign == .minus ? -magnitude : magnitude
  }
}
