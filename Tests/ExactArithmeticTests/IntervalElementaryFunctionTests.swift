import CArb
import ExactArithmetic
import Foundation
import TestSupport
import XCTest

/// `exp`, `log`, `log1p`, `expm1` and `sqrt` on intervals: inverse identities,
/// tightening with precision, agreement with Arb, and the domain edges.
final class IntervalElementaryFunctionTests: XCTestCase {
  static let precisions = [53, 128, 256]

  /// `x` with `|x| ≤ 20`: every function below stays finite and well scaled.
  private static func moderate(_ random: inout SplitMix64) -> Rational {
    Rational(Int.random(in: -2000...2000, using: &random), Int.random(in: 100...200, using: &random))
  }

  func testInverseIdentitiesContainTheArgument() {
    forEachSeed(40) { random, seed in
      let x = Self.moderate(&random)
      for precision in Self.precisions {
        let point = Interval(x, precision: precision)
        let label = "\(seed), x = \(x), \(precision) bits"
        XCTAssertTrue(Interval.log(Interval.exp(point)).contains(x), label)
        XCTAssertTrue(Interval.log1p(Interval.expm1(point)).contains(x), label)
        let positive = x.magnitude + Rational(1, 1000)
        let positivePoint = Interval(positive, precision: precision)
        XCTAssertTrue(Interval.exp(Interval.log(positivePoint)).contains(positive), label)
        XCTAssertTrue(Interval.sqrt(Interval(x.magnitude, precision: precision)).power(2).contains(x.magnitude), label)
      }
    }
  }

  /// Arguments up to |x| = 10⁶, where e^x spans ±1.4 million binary orders of magnitude.
  func testInverseIdentitiesOnLargeArguments() {
    forEachSeed(20, base: 0x1A26E) { random, seed in
      let x = Rational(Int.random(in: -1_000_000...1_000_000, using: &random), Int.random(in: 1...100, using: &random))
      for precision in Self.precisions {
        let point = Interval(x, precision: precision)
        XCTAssertTrue(Interval.log(Interval.exp(point)).contains(x), "\(seed), x = \(x), \(precision) bits")
        if x.signum > 0 {
          XCTAssertTrue(Interval.exp(Interval.log(point)).contains(x), "\(seed), x = \(x), \(precision) bits")
        }
      }
    }
  }

  /// More bits give a strictly narrower enclosure whenever the result is not exact.
  func testWidthsShrinkAsPrecisionGrows() {
    let functions: [(String, (Interval) -> Interval)] = [
      ("log∘exp", { Interval.log(Interval.exp($0)) }),
      ("log1p∘expm1", { Interval.log1p(Interval.expm1($0)) }),
      ("exp∘log", { Interval.exp(Interval.log($0)) }),
      ("sqrt²", { Interval.sqrt($0).power(2) }),
      ("exp", { Interval.exp($0) }),
      ("log", { Interval.log($0) }),
    ]
    forEachSeed(30, base: 0x3D7) { random, seed in
      // In (0, 20], so that every function applies, with a 3 in the reduced denominator:
      // x is not a dyadic, nor are exp(x), log(x), sqrt(x), so no result below is exact.
      let x = Rational(3 * Int.random(in: 0...1999, using: &random) + 1, 300)
      for (name, function) in functions {
        let widths = Self.precisions.map { function(Interval(x, precision: $0)).width }
        let label = "\(seed), \(name)(\(x)), widths \(widths)"
        XCTAssertTrue(widths.allSatisfy { $0.isFinite }, label)
        XCTAssertGreaterThan(widths[1], 0, label)
        XCTAssertLessThan(widths[2], widths[1], label)
        XCTAssertLessThan(widths[1], widths[0], label)
        // And by roughly the 128 extra bits, not just a little.
        XCTAssertLessThan(widths[2], widths[1] * 0x1p-100, label)
      }
    }
  }

  /// Each function at 53/128/256 bits overlaps Arb's 400-bit ball and is a few ulps wide.
  func testAgreesWithArb() {
    typealias ArbFunction = (UnsafeMutablePointer<arb_struct>, UnsafePointer<arb_struct>, Int) -> Void
    // Name, our function, Arb's, the domain tested, and the condition number |x f'(x) / f(x)|.
    let functions: [(String, (Interval) -> Interval, ArbFunction, (Rational) -> Bool, (Double) -> Double)] = [
      ("exp", Interval.exp, { arb_exp($0, $1, $2) }, { _ in true }, { abs($0) }),
      (
        "expm1", Interval.expm1, { arb_expm1($0, $1, $2) }, { $0.signum != 0 },
        { abs($0 * Foundation.exp($0) / Foundation.expm1($0)) }
      ),
      ("log", Interval.log, { arb_log($0, $1, $2) }, { $0.signum > 0 && $0 != 1 }, { 1 / abs(Foundation.log($0)) }),
      (
        "log1p", Interval.log1p, { arb_log1p($0, $1, $2) }, { $0 > -1 && $0.signum != 0 },
        { abs($0 / ((1 + $0) * Foundation.log1p($0))) }
      ),
      ("sqrt", Interval.sqrt, { arb_sqrt($0, $1, $2) }, { $0.signum > 0 }, { _ in 0.5 }),
    ]
    forEachSeed(25, base: 0xA4B) { random, seed in
      // Small magnitudes too, where expm1 and log1p must not lose relative accuracy.
      let x =
        Bool.random(using: &random)
        ? Self.moderate(&random) : Rational(Int.random(in: -999...999, using: &random), 1_000_000_007)
      for (name, function, arbFunction, inDomain, condition) in functions {
        let argument = name == "log" || name == "sqrt" ? x.magnitude : x
        guard inDomain(argument) else { continue }
        let arb = ArbOracle.apply(arbFunction, to: argument, precision: 400)
        let arbBall = Interval(lower: arb.lower, upper: arb.upper, precision: 400)
        for precision in Self.precisions {
          let result = function(Interval(argument, precision: precision))
          let label = "\(seed), \(name)(\(argument)) at \(precision) bits = \(result)"
          XCTAssertTrue(result.overlaps(arbBall), label)
          // The argument's rounding (≤ 2^(1−p) relative), amplified by the condition number, plus
          // one rounding per endpoint (2^(1−p) each), with a factor 2 of slack.
          let ulp = Double(sign: .plus, exponent: 1 - precision, significand: 1)
          let bound = 2 * ulp * (condition(argument.approximateDouble) + 2)
          XCTAssertLessThan(result.relativeWidth, bound, label)
        }
      }
    }
  }

  /// A wider operand: `f(I)` contains `f` at every point of `I` (monotonicity with outward rounding).
  func testEnclosesEveryPointOfTheOperand() {
    forEachSeed(40, base: 0x90) { random, seed in
      let a = Self.moderate(&random)
      let b = Self.moderate(&random)
      let lower = min(a, b)
      let upper = max(a, b)
      let t = Rational(Int.random(in: 0...4, using: &random), 4)
      let point = lower + (upper - lower) * t
      let precision = Self.precisions.randomElement(using: &random)!
      let operand = Interval(lower: lower, upper: upper, precision: precision)
      let label = "\(seed), \(point) in [\(lower), \(upper)] at \(precision) bits"
      let arbExp = ArbOracle.apply({ arb_exp($0, $1, $2) }, to: point, precision: 300)
      XCTAssertTrue(Interval.exp(operand).contains(arbExp.lower) || Interval.exp(operand).contains(arbExp.upper), label)
      XCTAssertTrue(Interval.exp(operand).contains(Interval.exp(Interval(point, precision: precision))), label)
      let shifted = operand + Interval(Rational(21), precision: precision)
      XCTAssertTrue(Interval.log(shifted).contains(Interval.log(Interval(point + 21, precision: precision))), label)
      XCTAssertTrue(Interval.sqrt(shifted).contains(Interval.sqrt(Interval(point + 21, precision: precision))), label)
    }
  }

  /// Operands reaching below the domain keep only the admissible part; entirely outside gives the whole line.
  func testDomainEdges() {
    let precision = 64
    func interval(_ lower: Int, _ upper: Int) -> Interval {
      Interval(lower: Rational(lower), upper: Rational(upper), precision: precision)
    }
    let logStraddling = Interval.log(interval(-1, 4))
    XCTAssertNil(logStraddling.lowerBound, "log of [-1, 4] reaches −∞")
    XCTAssertTrue(logStraddling.contains(Interval.log(interval(4, 4))))
    XCTAssertFalse(Interval.log(interval(-2, -1)).isBounded)
    XCTAssertNil(Interval.log(interval(-2, -1)).upperBound)

    let sqrtStraddling = Interval.sqrt(interval(-1, 4))
    XCTAssertEqual(sqrtStraddling.lowerBound, 0)
    XCTAssertEqual(sqrtStraddling.upperBound, 2)
    XCTAssertFalse(Interval.sqrt(interval(-9, -4)).isBounded)

    let log1pStraddling = Interval.log1p(interval(-3, 0))
    XCTAssertNil(log1pStraddling.lowerBound)
    XCTAssertEqual(log1pStraddling.upperBound, 0)

    // Exact cases: MPFR returns exact results exactly.
    XCTAssertEqual(Interval.exp(interval(0, 0)).lowerBound, 1)
    XCTAssertEqual(Interval.exp(interval(0, 0)).upperBound, 1)
    XCTAssertEqual(Interval.log(interval(1, 1)).upperBound, 0)
    XCTAssertEqual(Interval.sqrt(interval(9, 16)).lowerBound, 3)
    XCTAssertEqual(Interval.sqrt(interval(9, 16)).upperBound, 4)
  }
}
