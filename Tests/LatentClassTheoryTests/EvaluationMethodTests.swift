import ExactArithmetic
import LatentClassTheory
import XCTest

/// The two evaluation methods for the simplex must agree (their enclosures of one
/// true value overlap) wherever both apply.
final class EvaluationMethodTests: XCTestCase {
  func testMomentExpansionAgreesWithBinomialSum() {
    let cases: [(classes: Int, scale: Rational, k: Int)] = [
      (10, 1, 128), (10, 1, 400), (2, Rational(5, 2), 300), (7, Rational(1, 3), 1000), (100, 2, 2000),
    ]
    for (classes, scale, k) in cases {
      let model = UniformModel(classes: classes, scale: scale, precision: 128)
      let direct = model.simplexEvaluation(negatives: k, method: .binomialSum)
      let expanded = model.simplexEvaluation(negatives: k, method: .momentExpansion)
      XCTAssertEqual(expanded.method, .momentExpansion, "N=\(classes) k=\(k): expansion fell back")
      let label = "N=\(classes) s=\(scale) k=\(k)"
      XCTAssertTrue(direct.loss.overlaps(expanded.loss), "\(label): loss \(direct.loss) vs \(expanded.loss)")
      XCTAssertTrue(
        direct.multiplier.overlaps(expanded.multiplier), "\(label): u \(direct.multiplier) vs \(expanded.multiplier)")
      XCTAssertTrue(direct.collisionTerm.overlaps(expanded.collisionTerm), "\(label): col")
      for value in [expanded.loss, expanded.multiplier, expanded.collisionTerm] {
        XCTAssertLessThan(value.relativeWidth, 1e-30, "\(label): \(value) too wide")
      }
    }
  }
}
