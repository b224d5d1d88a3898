import CArb
import ExactArithmetic
import XCTest

/// `Interval` enclosures of e, ln 2 and ln 10 against 100-digit decimal constants,
/// which are themselves checked against Arb at 400 bits.
final class IntervalConstantTests: XCTestCase {
  /// The first 100 decimals of each constant, truncated (so the true value lies in
  /// `[c, c + 10⁻¹⁰⁰)`), typed in from the well-known expansions.
  static let e = Rational(
    "2.7182818284590452353602874713526624977572470936999595749669676277240766303535475945713821785251664274")!
  static let ln2 = Rational(
    "0.6931471805599453094172321214581765680755001343602552541206800094933936219696947156058633269964186875")!
  static let ln10 = Rational(
    "2.3025850929940456840179914546843642076011014886287729760333279009675726096773524802359972050895982983")!
  static let truncationError = Rational(BigInt(1), BigInt(10).power(100))

  static let precisions = [53, 128, 256]

  /// The typed-in digits are right: Arb's 400-bit ball lies within `[c, c + 10⁻¹⁰⁰]`.
  func testDecimalConstantsAgreeWithArb() {
    let oracles: [(String, Rational, (lower: Rational, upper: Rational))] = [
      ("e", Self.e, ArbOracle.enclosure(precision: 400) { arb_const_e($0, $1) }),
      ("ln 2", Self.ln2, ArbOracle.enclosure(precision: 400) { arb_const_log2($0, $1) }),
      ("ln 10", Self.ln10, ArbOracle.enclosure(precision: 400) { arb_const_log10($0, $1) }),
    ]
    for (name, constant, ball) in oracles {
      XCTAssertLessThanOrEqual(constant, ball.lower, name)
      XCTAssertLessThanOrEqual(ball.upper, constant + Self.truncationError, name)
      // A 400-bit ball is far narrower than the decimal's 10⁻¹⁰⁰.
      XCTAssertLessThan(ball.upper - ball.lower, Self.truncationError, name)
    }
  }

  func testExpOfOneEnclosesE() {
    let arb = ArbOracle.enclosure(precision: 400) { arb_const_e($0, $1) }
    for precision in Self.precisions {
      let one = Interval(Rational(1), precision: precision)
      check(Interval.exp(one), encloses: Self.e, arb: arb, precision: precision, "exp(1)")
    }
  }

  func testLogOfTwoEnclosesLn2() {
    let arb = ArbOracle.enclosure(precision: 400) { arb_const_log2($0, $1) }
    for precision in Self.precisions {
      let two = Interval(Rational(2), precision: precision)
      check(Interval.log(two), encloses: Self.ln2, arb: arb, precision: precision, "log(2)")
      check(Interval.ln2(precision: precision), encloses: Self.ln2, arb: arb, precision: precision, "ln2()")
      check(
        Interval.log1p(Interval(Rational(1), precision: precision)), encloses: Self.ln2, arb: arb,
        precision: precision, "log1p(1)")
    }
  }

  func testLogOfTenEnclosesLn10() {
    let arb = ArbOracle.enclosure(precision: 400) { arb_log_ui($0, 10, $1) }
    for precision in Self.precisions {
      let ten = Interval(Rational(10), precision: precision)
      check(Interval.log(ten), encloses: Self.ln10, arb: arb, precision: precision, "log(10)")
    }
  }

  /// `enclosure` contains the decimal constant, overlaps (here: contains) Arb's ball,
  /// and is as tight as `precision` promises (a few ulps, relative).
  private func check(
    _ enclosure: Interval, encloses constant: Rational, arb: (lower: Rational, upper: Rational),
    precision: Int, _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let label = "\(name) at \(precision) bits: \(enclosure)"
    XCTAssertEqual(enclosure.precision, precision, label, file: file, line: line)
    XCTAssertTrue(enclosure.contains(constant), label, file: file, line: line)
    let arbBall = Interval(lower: arb.lower, upper: arb.upper, precision: 400)
    XCTAssertTrue(enclosure.overlaps(arbBall), label, file: file, line: line)
    XCTAssertTrue(enclosure.contains(arb.lower) && enclosure.contains(arb.upper), label, file: file, line: line)
    guard let lower = enclosure.lowerBound, let upper = enclosure.upperBound else {
      return XCTFail("unbounded: \(label)", file: file, line: line)
    }
    // Two correctly rounded endpoints of a monotone function: width ≤ 2 ulps ≤ 2^(3 − p) · |value|.
    let bound = Rational(BigInt(1), BigInt(2).power(precision - 3)) * constant
    XCTAssertLessThanOrEqual(upper - lower, bound, label, file: file, line: line)
  }
}
