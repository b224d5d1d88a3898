import ExactArithmetic
import TestSupport
import XCTest

/// Outward-rounded `+ − × ÷` and `power`: containment of every exact point result,
/// exact endpoints where nothing needs rounding, and the unbounded cases.
final class IntervalArithmeticTests: XCTestCase {
  /// A random rational interval `[lower, upper]`, half of the time straddling 0.
  private static func endpoints(_ random: inout SplitMix64) -> (Rational, Rational) {
    let a = random.smallRational(bound: 10_000)
    let b = random.smallRational(bound: 10_000)
    return (min(a, b), max(a, b))
  }

  /// A point of `[lower, upper]`: an endpoint a third of the time (where rounding bites), else inside.
  private static func point(in bounds: (Rational, Rational), _ random: inout SplitMix64) -> Rational {
    switch Int.random(in: 0..<6, using: &random) {
    case 0: return bounds.0
    case 1: return bounds.1
    default:
      let t = Rational(Int.random(in: 0...1000, using: &random), 1000)
      return bounds.0 + (bounds.1 - bounds.0) * t
    }
  }

  /// Down to the minimum precision, where every operation rounds.
  private static let precisions = [16, 24, 53, 128]

  func testArithmeticContainsEveryPointResult() {
    forEachSeed(400) { random, seed in
      let boundsA = Self.endpoints(&random)
      let boundsB = Self.endpoints(&random)
      let precisionA = Self.precisions.randomElement(using: &random)!
      let precisionB = Self.precisions.randomElement(using: &random)!
      let a = Interval(lower: boundsA.0, upper: boundsA.1, precision: precisionA)
      let b = Interval(lower: boundsB.0, upper: boundsB.1, precision: precisionB)
      let label = "\(seed), [\(boundsA.0), \(boundsA.1)] ∘ [\(boundsB.0), \(boundsB.1)]"
      for _ in 0..<4 {
        let x = Self.point(in: boundsA, &random)
        let y = Self.point(in: boundsB, &random)
        XCTAssertTrue((a + b).contains(x + y), "\(label): \(x) + \(y)")
        XCTAssertTrue((a - b).contains(x - y), "\(label): \(x) - \(y)")
        XCTAssertTrue((a * b).contains(x * y), "\(label): \(x) * \(y)")
        XCTAssertTrue((-a).contains(-x), "\(label): -\(x)")
        if y.signum != 0 && (b.isCertainlyPositive || b.isCertainlyNegative) {
          XCTAssertTrue((a / b).contains(x / y), "\(label): \(x) / \(y)")
        }
        var sum = a
        sum += b
        XCTAssertTrue(sum.contains(x + y), "\(label): \(x) += \(y)")
      }
      XCTAssertEqual((a + b).precision, max(precisionA, precisionB), label)
      // Results stay bounded and within a few ulps of the exact hull (not just "contains").
      let exact = [boundsA.0 * boundsB.0, boundsA.0 * boundsB.1, boundsA.1 * boundsB.0, boundsA.1 * boundsB.1]
      let scale = Self.largestMagnitude(exact + [boundsA.0, boundsA.1, boundsB.0, boundsB.1])
      Self.assertTight(
        a * b, hull: (exact.min()!, exact.max()!), scale: scale, inputs: [a, b], label: "\(label): a * b")
      Self.assertTight(
        a + b, hull: (boundsA.0 + boundsB.0, boundsA.1 + boundsB.1), scale: scale, inputs: [a, b],
        label: "\(label): a + b")
      Self.assertTight(
        a - b, hull: (boundsA.0 - boundsB.1, boundsA.1 - boundsB.0), scale: scale, inputs: [a, b],
        label: "\(label): a - b")
    }
  }

  /// `result` contains the exact `hull` and exceeds it by no more than the rounding of
  /// the operands (1 ulp at the lowest input precision `p`) and of the result explain:
  /// `scale · 2^(3 − p)`, where `scale` bounds every operand and every endpoint product.
  private static func assertTight(
    _ result: Interval, hull: (Rational, Rational), scale: Rational, inputs: [Interval], label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let lower = result.lowerBound, let upper = result.upperBound else {
      return XCTFail("unbounded: \(label)", file: file, line: line)
    }
    XCTAssertTrue(lower <= hull.0 && hull.1 <= upper, label, file: file, line: line)
    let precision = inputs.map(\.precision).min()!
    let slack = max(scale, 1) * Rational(2).power(3 - precision)
    XCTAssertLessThanOrEqual(hull.0 - lower, slack, label, file: file, line: line)
    XCTAssertLessThanOrEqual(upper - hull.1, slack, label, file: file, line: line)
  }

  private static func largestMagnitude(_ values: [Rational]) -> Rational {
    values.map(\.magnitude).max()!
  }

  /// Point operands exactly representable at 16 bits whose results need more bits: the
  /// only rounding is the operation's own, so each endpoint's direction is observable.
  func testEachOperationRoundsOutward() {
    forEachSeed(300, base: 0x16B) { random, seed in
      func operand() -> Rational {
        // An odd 16-bit significand, scaled by a power of two, with a random sign.
        let significand = 2 * Int.random(in: (1 << 13)..<(1 << 14), using: &random) + 1
        let scaled = Rational(significand, 1 << Int.random(in: 0...20, using: &random))
        return Bool.random(using: &random) ? scaled : -scaled
      }
      let x = operand()
      let y = operand()
      let a = Interval(x, precision: 16)
      let b = Interval(y, precision: 16)
      let label = "\(seed), x = \(x), y = \(y)"
      XCTAssertEqual(a.lowerBound, a.upperBound, "\(label): operand must be exact")
      for (name, result, exact) in [("+", a + b, x + y), ("-", a - b, x - y), ("*", a * b, x * y), ("/", a / b, x / y)]
      {
        XCTAssertTrue(result.contains(exact), "\(label): x \(name) y = \(exact) not in \(result)")
        // At most one ulp apart (relative 2^-15), and apart whenever the exact result is not representable.
        let lower = result.lowerBound!
        let upper = result.upperBound!
        XCTAssertLessThanOrEqual(upper - lower, exact.magnitude * Rational(1, 1 << 15), "\(label): x \(name) y")
        if lower == upper { XCTAssertEqual(lower, exact, "\(label): x \(name) y") }
      }
    }
  }

  /// With small dyadic endpoints at 128 bits nothing rounds, so `+ − ×` must give the exact hull.
  func testExactEndpointsOnDyadics() {
    forEachSeed(300, base: 0xD1AD) { random, seed in
      let (a0, a1) = random.dyadicBounds(numeratorBound: 1000, maxShift: 10)
      let (b0, b1) = random.dyadicBounds(numeratorBound: 1000, maxShift: 10)
      let a = Interval(lower: a0, upper: a1, precision: 128)
      let b = Interval(lower: b0, upper: b1, precision: 128)
      let label = "\(seed), [\(a0), \(a1)] ∘ [\(b0), \(b1)]"
      XCTAssertEqual(a.lowerBound, a0, label)
      XCTAssertEqual(a.upperBound, a1, label)
      XCTAssertEqual((a + b).lowerBound, a0 + b0, label)
      XCTAssertEqual((a + b).upperBound, a1 + b1, label)
      XCTAssertEqual((a - b).lowerBound, a0 - b1, label)
      XCTAssertEqual((a - b).upperBound, a1 - b0, label)
      XCTAssertEqual((-a).lowerBound, -a1, label)
      XCTAssertEqual((-a).upperBound, -a0, label)
      let products = [a0 * b0, a0 * b1, a1 * b0, a1 * b1]
      XCTAssertEqual((a * b).lowerBound, products.min(), label)
      XCTAssertEqual((a * b).upperBound, products.max(), label)
      if b0.signum > 0 || b1.signum < 0 {
        // Quotients of dyadics need not be dyadic: contain the exact hull, within a few ulps of it.
        let quotients = [a0 / b0, a0 / b1, a1 / b0, a1 / b1]
        Self.assertTight(
          a / b, hull: (quotients.min()!, quotients.max()!), scale: Self.largestMagnitude(quotients), inputs: [a, b],
          label: "\(label): a / b")
      }
      for exponent in 1...5 {
        let result = a.power(exponent)
        let values = [a0.power(exponent), a1.power(exponent)]
        // Even powers of an interval around 0 reach down to 0 exactly; otherwise the extremes are at the ends.
        let expectedLower = exponent % 2 == 0 && a0.signum <= 0 && a1.signum >= 0 ? Rational.zero : values.min()!
        XCTAssertEqual(result.lowerBound, expectedLower, "\(label): a^\(exponent)")
        XCTAssertEqual(result.upperBound, values.max(), "\(label): a^\(exponent)")
      }
    }
  }

  func testPowerContainsEveryPointPower() {
    forEachSeed(200, base: 0x90E) { random, seed in
      let bounds = (
        Rational(Int.random(in: -300...0, using: &random), 100), Rational(Int.random(in: 0...300, using: &random), 100)
      )
      let precision = Self.precisions.randomElement(using: &random)!
      // Half the cases move the interval off zero so that negative exponents apply.
      let shift = Bool.random(using: &random) ? Rational(4) : .zero
      let lower = bounds.0 + shift
      let upper = bounds.1 + shift
      let a = Interval(lower: lower, upper: upper, precision: precision)
      let x = Self.point(in: (lower, upper), &random)
      for exponent in -4...7 where exponent >= 0 || lower.signum > 0 {
        XCTAssertTrue(
          a.power(exponent).contains(x.power(exponent)), "\(seed), \(x)^\(exponent) in [\(lower), \(upper)]^\(exponent)"
        )
      }
    }
  }

  /// `power` is a unary operation: like `exp` or `sqrt` it keeps the operand's precision.
  func testPowerKeepsThePrecision() {
    for precision in [16, 53, 128, 256] {
      let third = Interval(Rational(1, 3), precision: precision)
      for exponent in -3...3 {
        XCTAssertEqual(third.power(exponent).precision, precision, "(1/3)^\(exponent) at \(precision) bits")
        XCTAssertTrue(third.power(exponent).contains(Rational(1, 3).power(exponent)))
      }
    }
  }

  func testEvenPowerOfIntervalAroundZero() {
    let a = Interval(lower: -1, upper: 2, precision: 53)
    XCTAssertEqual(a.power(2).lowerBound, 0)
    XCTAssertEqual(a.power(2).upperBound, 4)
    XCTAssertEqual(a.power(4).lowerBound, 0)
    XCTAssertEqual(a.power(4).upperBound, 16)
    XCTAssertEqual(a.power(3).lowerBound, -1)
    XCTAssertEqual(a.power(3).upperBound, 8)
    let negative = Interval(lower: -3, upper: -2, precision: 53)
    XCTAssertEqual(negative.power(2).lowerBound, 4)
    XCTAssertEqual(negative.power(2).upperBound, 9)
    XCTAssertEqual(negative.power(-1).lowerBound, Rational(-1, 2))
    // −1/3 is not a dyadic: the upper end is rounded up, by less than 2⁻⁵⁰.
    let inverseUpper = negative.power(-1).upperBound!
    XCTAssertGreaterThan(inverseUpper, Rational(-1, 3))
    XCTAssertLessThan(inverseUpper - Rational(-1, 3), Rational(BigInt(1), BigInt(2).power(50)))
    XCTAssertEqual(a.power(0).lowerBound, 1)
    XCTAssertEqual(a.power(0).upperBound, 1)
    // The wider lower end dominates an even power too.
    XCTAssertEqual(Interval(lower: -5, upper: 2, precision: 53).power(2).upperBound, 25)
  }

  /// Division by an interval containing 0 cannot be bounded.
  func testDivisionByIntervalContainingZeroIsUnbounded() {
    let numerator = Interval(lower: 1, upper: 2, precision: 64)
    for (lower, upper) in [(-1, 1), (0, 1), (-1, 0), (0, 0)] {
      let quotient = numerator / Interval(lower: Rational(lower), upper: Rational(upper), precision: 64)
      XCTAssertFalse(quotient.isBounded, "[1, 2] / [\(lower), \(upper)]")
      XCTAssertNil(quotient.lowerBound, "[1, 2] / [\(lower), \(upper)]")
      XCTAssertNil(quotient.upperBound, "[1, 2] / [\(lower), \(upper)]")
      XCTAssertTrue(quotient.contains(Rational(10).power(100)))
    }
    // An unbounded operand propagates without NaN, and 0 · ∞ does not poison the result.
    let whole = numerator / Interval(lower: -1, upper: 1, precision: 64)
    XCTAssertFalse((whole + numerator).isBounded)
    XCTAssertTrue((whole * Interval(0)).contains(Rational.zero))
    XCTAssertTrue((whole - whole).contains(Rational(12345)))
  }

  /// An infinite endpoint keeps the sign information that is certain.
  func testDivisionWithAnUnboundedOperand() {
    // log([0, 1]) = [−∞, 0].
    let nonPositive = Interval.log(Interval(lower: 0, upper: 1, precision: 53))
    XCTAssertNil(nonPositive.lowerBound)
    XCTAssertEqual(nonPositive.upperBound, 0)
    let byNegative = nonPositive / Interval(lower: -2, upper: -1, precision: 53)
    XCTAssertEqual(byNegative.lowerBound, 0)
    XCTAssertNil(byNegative.upperBound)
    let byPositive = nonPositive / Interval(lower: 1, upper: 2, precision: 53)
    XCTAssertNil(byPositive.lowerBound)
    XCTAssertEqual(byPositive.upperBound, 0)
    let entire = Interval(1) / Interval(lower: -1, upper: 1, precision: 53)
    XCTAssertFalse((entire / Interval(lower: -2, upper: -1, precision: 53)).isBounded)
    XCTAssertNil((entire / Interval(lower: -2, upper: -1, precision: 53)).upperBound)
  }

  /// Every sign combination of a division, against the hand-computed exact quotient hull.
  func testQuotientSignCases() {
    let cases: [((Int, Int), (Int, Int), (Rational, Rational))] = [
      ((1, 2), (4, 8), (Rational(1, 8), Rational(1, 2))),
      ((-2, -1), (4, 8), (Rational(-1, 2), Rational(-1, 8))),
      ((-1, 2), (4, 8), (Rational(-1, 4), Rational(1, 2))),
      ((1, 2), (-8, -4), (Rational(-1, 2), Rational(-1, 8))),
      ((-2, -1), (-8, -4), (Rational(1, 8), Rational(1, 2))),
      ((-1, 2), (-8, -4), (Rational(-1, 2), Rational(1, 4))),
    ]
    for ((a0, a1), (b0, b1), (q0, q1)) in cases {
      let a = Interval(lower: Rational(a0), upper: Rational(a1), precision: 53)
      let b = Interval(lower: Rational(b0), upper: Rational(b1), precision: 53)
      XCTAssertEqual((a / b).lowerBound, q0, "[\(a0), \(a1)] / [\(b0), \(b1)]")
      XCTAssertEqual((a / b).upperBound, q1, "[\(a0), \(a1)] / [\(b0), \(b1)]")
    }
  }

  func testConstructionRoundsOutward() {
    for precision in [16, 53, 128, 256] {
      let third = Interval(Rational(1, 3), precision: precision)
      XCTAssertEqual(third.precision, precision)
      XCTAssertLessThan(third.lowerBound!, Rational(1, 3))
      XCTAssertGreaterThan(third.upperBound!, Rational(1, 3))
      // Neighbouring floats: in [1/4, 1/2) one ulp is 2^(−2) · 2^(1−p) = 2^(−1−p).
      XCTAssertLessThanOrEqual(
        third.upperBound! - third.lowerBound!, Rational(BigInt(1), BigInt(2).power(precision + 1)))
      let representable = Interval(Rational(-5, 8), precision: precision)
      XCTAssertEqual(representable.lowerBound, Rational(-5, 8))
      XCTAssertEqual(representable.upperBound, Rational(-5, 8))
    }
    XCTAssertEqual(Interval(exactly: 0.1).lowerBound, Rational(exactly: 0.1))
    XCTAssertEqual(Interval(exactly: 0.1).upperBound, Rational(exactly: 0.1))
    XCTAssertEqual(Interval(Int.min).lowerBound, Rational(Int.min))
    XCTAssertEqual(Interval(Int.max).upperBound, Rational(Int.max))
  }
}
