import ExactArithmetic
import XCTest

@testable import LatentClassTheory

/// The adaptive quadrature stops bisecting at the rounding noise of its working precision: at 32 bits
/// the two rules cannot agree to 10⁻¹⁰, and every panel used to be bisected to the depth or panel limit.
final class LowPrecisionQuadratureTests: XCTestCase {
  func testPanelsStayFewAtThirtyTwoBits() {
    let engine = LaplaceEngine(tolerance: 1e-10)
    let gaps = [Rational(1), Rational(1, 3), Rational(2, 5)].map { Interval($0, precision: 32) }
    let p = [Rational(1, 2), Rational(1, 4), Rational(1, 4)].map { Interval($0, precision: 32) }
    var panels = 0
    _ = engine.forEachPanel(
      gaps: gaps, probabilities: p, negatives: 7, rules: QuadratureRules<Interval>(precision: 32), precision: 32
    ) { _, _, _ in panels += 1 }
    XCTAssertLessThan(panels, 200)
    XCTAssertGreaterThan(panels, 5)
  }
}
