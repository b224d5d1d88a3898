import ExactArithmetic
import TestSupport
import XCTest

/// `ProductSum`: the running sum of interval products contains every exact sum of point
/// products, for every sign pattern (including factors straddling 0), and stays tight.
final class ProductSumTests: XCTestCase {
  /// A random interval with rational endpoints: positive, negative or straddling 0.
  private static func bounds(_ random: inout SplitMix64) -> (Rational, Rational) {
    let (a, b) = (random.smallRational(bound: 10_000), random.smallRational(bound: 10_000))
    return (min(a, b), max(a, b))
  }

  func testSumContainsEveryExactSumOfPointProducts() {
    forEachSeed(200) { random, seed in
      let precision = [16, 53, 152].randomElement(using: &random)!
      let terms = (0..<Int.random(in: 1...12, using: &random)).map { _ in
        (Self.bounds(&random), Self.bounds(&random))
      }
      var sum = ProductSum(precision: precision)
      for (a, b) in terms {
        sum.add(
          Interval(lower: a.0, upper: a.1, precision: precision),
          times: Interval(lower: b.0, upper: b.1, precision: precision))
      }
      let value = sum.value
      XCTAssertEqual(value.precision, precision, seed)
      // The exact sums at the corners and at random inner points all lie inside.
      for _ in 0..<6 {
        var exact = Rational.zero
        for (a, b) in terms {
          let (s, t) = (
            Rational(Int.random(in: 0...4, using: &random), 4), Rational(Int.random(in: 0...4, using: &random), 4)
          )
          exact = exact + (a.0 + (a.1 - a.0) * s) * (b.0 + (b.1 - b.0) * t)
        }
        XCTAssertTrue(value.contains(exact), "\(seed): \(exact) ∉ \(value)")
      }
      // Tight: within a few ulps per term of the exact range of the sum.
      let low = terms.reduce(Rational.zero) { total, term in
        total + [term.0.0 * term.1.0, term.0.0 * term.1.1, term.0.1 * term.1.0, term.0.1 * term.1.1].min()!
      }
      let high = terms.reduce(Rational.zero) { total, term in
        total + [term.0.0 * term.1.0, term.0.0 * term.1.1, term.0.1 * term.1.0, term.0.1 * term.1.1].max()!
      }
      let slack = Rational(BigInt(terms.count * 4 * 10_000 * 10_000), BigInt(2).power(precision - 2))
      XCTAssertTrue(value.lowerBound! >= low - slack && value.upperBound! <= high + slack, "\(seed): \(value)")
    }
  }

  func testEmptySumIsExactlyZero() {
    let zero = ProductSum(precision: 64).value
    XCTAssertEqual(zero.lowerBound, Rational.zero)
    XCTAssertEqual(zero.upperBound, Rational.zero)
  }
}
