import ExactArithmetic
import LatentClassTheory
import TestSupport
import XCTest

final class BinomialExpectationTests: XCTestCase {
  /// Against the exact rational sum `Σ C(k,j) p^j q^(k−j) h(j)` for a rational `h`.
  func testExpectationOfRationalFunctionMatchesExactSum() {
    forEachSeed(30) { random, seed in
      let k = Int.random(in: 0...120, using: &random)
      let p = Rational(Int.random(in: 1...9, using: &random), 10)
      let h = { (j: Int) in Rational(j * j + 1, j + 3) }
      var exact = Rational.zero
      for j in 0...k {
        exact += Rational(BigInt.binomial(k, j)) * p.power(j) * (1 - p).power(k - j) * h(j)
      }
      let enclosure = BinomialDistribution(trials: k, success: p).expectation(
        precision: 128, range: Interval(lower: 0, upper: Rational(k * k + 1), precision: 64)
      ) { Interval(h($0), precision: 148) }
      XCTAssertTrue(enclosure.contains(exact), "\(seed): k=\(k) p=\(p)")
      XCTAssertLessThan(enclosure.relativeWidth, 1e-33, "\(seed): k=\(k)")
    }
  }

  func testTailsAreBoundedRatherThanDropped() {
    // With a huge range for h, truncation must still be accounted for (width grows, containment holds).
    let distribution = BinomialDistribution(trials: 400, success: Rational(1, 2))
    let enclosure = distribution.expectation(precision: 64, range: Interval(lower: 0, upper: 1, precision: 64)) { _ in
      Interval(1)
    }
    XCTAssertTrue(enclosure.contains(Rational(1)), "the probabilities must sum to 1: \(enclosure)")
  }
}
