import ExactArithmetic
import Foundation
import TestSupport
import XCTest

/// ``DoubleInterval`` against MPFR: every result must contain the 200-bit ``Interval`` image of the
/// same operands (which contains the exact image), and stay within the documented distance of it.
final class DoubleIntervalTests: XCTestCase {
  /// A random interval: a point, a few ulps wide, or wide; magnitudes from 2^−`spread` to 2^`spread`.
  private static func operand(_ random: inout SplitMix64, spread: Int = 40, signed: Bool = true) -> DoubleInterval {
    func value() -> Double {
      let magnitude =
        Double.random(in: 1..<2, using: &random) * pow(2, Double(Int.random(in: -spread...spread, using: &random)))
      return signed && Bool.random(using: &random) ? -magnitude : magnitude
    }
    let a = value()
    switch Int.random(in: 0..<3, using: &random) {
    case 0: return DoubleInterval(exactly: a)
    case 1: return DoubleInterval.hull(DoubleInterval(exactly: a), DoubleInterval(exactly: a.nextUp.nextUp.nextUp))
    default: return DoubleInterval.hull(DoubleInterval(exactly: a), DoubleInterval(exactly: value()))
    }
  }

  private static func precise(_ x: DoubleInterval) -> Interval { Interval(x, precision: 200) }

  /// `fast` contains `oracle`, and each endpoint is at most `ulps` units beyond `oracle`'s rounded outward.
  private func assertEncloses(
    _ fast: DoubleInterval, _ oracle: Interval, ulps: Int, _ label: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertTrue(Self.precise(fast).contains(oracle), "\(label): \(fast) misses \(oracle)", file: file, line: line)
    guard ulps < 1000 else { return }
    var (low, high) = (DoubleInterval(enclosing: oracle).lower, DoubleInterval(enclosing: oracle).upper)
    for _ in 0..<ulps {
      low = low.nextDown
      high = high.nextUp
    }
    XCTAssertGreaterThanOrEqual(fast.lower, low, "\(label): lower end too far out", file: file, line: line)
    XCTAssertLessThanOrEqual(fast.upper, high, "\(label): upper end too far out", file: file, line: line)
  }

  func testArithmeticEnclosesTheExactImageWithinOneUlp() {
    forEachSeed(400) { random, seed in
      let a = Self.operand(&random)
      let b = Self.operand(&random)
      let (x, y) = (Self.precise(a), Self.precise(b))
      assertEncloses(a + b, x + y, ulps: 1, "\(seed) +")
      assertEncloses(a - b, x - y, ulps: 1, "\(seed) −")
      assertEncloses(a * b, x * y, ulps: 1, "\(seed) ×")
      assertEncloses(a.squared, x.power(2), ulps: 1, "\(seed) square of a")
      if b.lower > 0 || b.upper < 0 { assertEncloses(a / b, x / y, ulps: 1, "\(seed) ÷") }
      XCTAssertEqual(-(-a), a, seed)
    }
  }

  /// Infinite endpoints stand for unbounded sets: a product with an exact 0 is 0, and a division by an
  /// interval holding 0 decides nothing.
  func testUnboundedOperands() {
    let unbounded = DoubleInterval.hull(DoubleInterval(exactly: 3), DoubleInterval(exactly: 4)) + .entire
    let zero = DoubleInterval(0) * unbounded
    XCTAssertTrue(zero.contains(0) && zero.width <= 4 * Double.leastNonzeroMagnitude, "\(zero)")
    XCTAssertEqual(DoubleInterval(1) / DoubleInterval.hull(DoubleInterval(-1), DoubleInterval(1)), .entire)
    XCTAssertEqual(DoubleInterval.exp(.entire).lower, 0)
    XCTAssertEqual(DoubleInterval.exp(.entire).upper, .infinity)
    XCTAssertEqual(DoubleInterval.log(DoubleInterval(-2)), .entire)
    XCTAssertEqual(DoubleInterval.log1p(DoubleInterval.hull(DoubleInterval(-3), DoubleInterval(1))).lower, -.infinity)
  }

  func testExpAndExpm1EncloseTheMPFRImage() {
    forEachSeed(300, base: 0xE4E) { random, seed in
      let x = Self.operand(&random, spread: 10)
      // Beyond −708 and 709 the enclosures are fixed bounds: contained, but not within 40 ulps.
      let ulps = x.lower > -708 && x.upper < 709 ? 40 : Int.max / 2
      assertEncloses(DoubleInterval.exp(x), Interval.exp(Self.precise(x)), ulps: ulps, "\(seed) exp \(x)")
      assertEncloses(DoubleInterval.expm1(x), Interval.expm1(Self.precise(x)), ulps: ulps, "\(seed) expm1 \(x)")
    }
  }

  /// Near 0 `expm1` keeps its relative accuracy (`exp(x) − 1` would lose it).
  func testExpm1IsRelativelyAccurateNearZero() {
    forEachSeed(100, base: 0xE41) { random, seed in
      let x = DoubleInterval(exactly: Double.random(in: -0.35...0.35, using: &random) * 0x1p-30)
      assertEncloses(DoubleInterval.expm1(x), Interval.expm1(Self.precise(x)), ulps: 40, "\(seed) expm1 \(x)")
    }
  }

  /// The ends of the range reduction: below −708 and above 709 the result is a fixed enclosure that must
  /// still hold the true value.
  func testExpAtTheEdgesOfTheRange() {
    for point in [-1e4, -745.5, -708.5, -708, -707.9, -700, 700, 708.9, 709, 709.7, 709.8, 1e4] {
      let x = DoubleInterval(exactly: point)
      XCTAssertTrue(Self.precise(DoubleInterval.exp(x)).contains(Interval.exp(Self.precise(x))), "exp(\(point))")
    }
  }

  func testLogAndLog1pEncloseTheMPFRImage() {
    forEachSeed(300, base: 0x106) { random, seed in
      let x = Self.operand(&random, spread: 900, signed: false)
      assertEncloses(DoubleInterval.log(x), Interval.log(Self.precise(x)), ulps: 40, "\(seed) log \(x)")
      let y = Self.operand(&random, spread: 8)
      if y.lower > -1 {
        assertEncloses(DoubleInterval.log1p(y), Interval.log1p(Self.precise(y)), ulps: 40, "\(seed) log1p \(y)")
      }
      assertEncloses(DoubleInterval.log1p(x), Interval.log1p(Self.precise(x)), ulps: 40, "\(seed) log1p \(x)")
    }
  }

  func testLogOfSubnormalsAndSqrt() {
    for point in [
      Double.leastNonzeroMagnitude, 0x1p-1060, Double.leastNormalMagnitude, 1, 2, Double.greatestFiniteMagnitude,
    ] {
      let x = DoubleInterval(exactly: point)
      assertEncloses(DoubleInterval.log(x), Interval.log(Self.precise(x)), ulps: 40, "log \(point)")
      // At the largest Double, 1 + x rounded up overflows: the bound must stay valid.
      XCTAssertTrue(Self.precise(DoubleInterval.log1p(x)).contains(Interval.log1p(Self.precise(x))), "log1p \(point)")
      assertEncloses(DoubleInterval.sqrt(x), Interval.sqrt(Self.precise(x)), ulps: 1, "sqrt \(point)")
    }
  }

  func testConversionsAreExactOrOutward() {
    forEachSeed(100, base: 0xC0) { random, seed in
      let r = random.rational()
      let enclosure = DoubleInterval(r)
      XCTAssertTrue(Self.precise(enclosure).contains(r), seed)
      XCTAssertLessThanOrEqual(enclosure.upper, enclosure.lower.nextUp, seed)
    }
    XCTAssertEqual(DoubleInterval(1 << 53).lower, 0x1p53)
    // The shortcut for non-dyadic rationals gives the bits of MPFR's directed roundings, for dyadic
    // and non-dyadic values, both signs, and magnitudes from subnormal to beyond Double's range.
    forEachSeed(400, base: 0xC1) { random, seed in
      var r = random.rational()
      let scale = Rational(2).power(Int.random(in: -1100...1100, using: &random))
      r = Bool.random(using: &random) ? r * scale : r / Rational(3).power(Int.random(in: 0...40, using: &random))
      if Bool.random(using: &random) { r = Rational(exactly: r.approximateDouble) ?? r }
      let fast = DoubleInterval(r)
      let reference = DoubleInterval(enclosing: Interval(r, precision: 53))
      XCTAssertEqual(fast.lower.bitPattern, reference.lower.bitPattern, "\(seed) \(r)")
      XCTAssertEqual(fast.upper.bitPattern, reference.upper.bitPattern, "\(seed) \(r)")
    }
    let large = DoubleInterval((1 << 53) + 1)
    XCTAssertTrue(large.lower < 0x1p53 + 1 && large.upper > 0x1p53 + 1)
  }
}
