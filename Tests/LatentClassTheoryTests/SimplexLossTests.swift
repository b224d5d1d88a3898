import ExactArithmetic
import LatentClassTheory
import XCTest

final class SimplexLossTests: XCTestCase {
  /// Reference values of `L_k(simplex)` for `N = 10`, `s = 1`, from docs/theory.md §3 (28 digits).
  private let references: [(k: Int, value: String)] = [
    (1, "0.3254295018436390649873374129"),
    (2, "0.5729143646400687745827701184"),
    (10, "1.594133274495953314409986677"),
    (100, "3.703221492070737383345047915"),
  ]

  func testSimplexLossEnclosesTheoryReferenceValues() {
    let model = UniformModel(classes: 10, scale: 1, precision: 128)
    for reference in references {
      let loss = model.simplexEvaluation(negatives: reference.k).loss
      // The reference has 28 significant digits: it lies within 1e-27 of the truth.
      let truth = Rational(reference.value)!
      let slack = Rational("1e-27")!
      let window = Interval(lower: truth - slack, upper: truth + slack, precision: 256)
      XCTAssertTrue(loss.overlaps(window), "k = \(reference.k): \(loss) misses \(reference.value)")
      XCTAssertLessThan(loss.width, 1e-30, "k = \(reference.k): enclosure too wide")
    }
  }
}
