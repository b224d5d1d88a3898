import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The shared coefficients of the moment expansion against the textbook cumulants of a
/// Bernoulli(p) draw: `κ₂ = pq`, `κ₃ = pq(q − p)`, `κ₄ = pq(1 − 6pq)`, and `i·L_i = κ_i/(i−1)!`.
final class CentredBernoulliLogSeriesTests: XCTestCase {
  func testLowCoefficientsAreTheBernoulliCumulants() {
    forEachSeed(20) { random, seed in
      let p = Rational(Int.random(in: 1...99, using: &random), 100)
      let q = 1 - p
      let series = CentredBernoulliLogSeries(success: p, order: 8, precision: 96)
      let c = series.scaledCoefficients
      XCTAssertEqual(series.order, 8, seed)
      XCTAssertTrue(c[0].contains(Rational.zero) && c[1].contains(Rational.zero), "\(seed): L_0 = L_1 = 0")
      XCTAssertTrue(c[2].contains(p * q), "\(seed): 2 L_2 = pq, got \(c[2])")
      XCTAssertTrue(c[3].contains(p * q * (q - p) / 2), "\(seed): 3 L_3 = pq(q − p)/2, got \(c[3])")
      XCTAssertTrue(c[4].contains(p * q * (1 - 6 * p * q) / 6), "\(seed): 4 L_4 = pq(1 − 6pq)/3!, got \(c[4])")
      for coefficient in c[2...4] { XCTAssertLessThan(coefficient.width, 1e-25, seed) }
    }
  }
}
