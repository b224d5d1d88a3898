import ExactArithmetic
import XCTest

@testable import LatentClassTheory

/// The engines of theory.md §3 against the reference values of theory.md §3.1 and against each other.
final class EngineAgreementTests: XCTestCase {
  /// The regular simplex Gram matrix `N/(N−1)·I − 1/(N−1)·J`.
  private func simplex(_ n: Int) -> RationalMatrix {
    RationalMatrix(rows: n, columns: n) { i, j in i == j ? 1 : Rational(-1, n - 1) }
  }

  /// theory.md §3 method 1, N = 10, s = 1 (reference digits from the spec, computed independently of this code).
  func testLaplaceEnclosesSimplexReferenceValues() throws {
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, 10), count: 10))
    let references: [(Int, String)] = [
      (1, "0.3254295018436390649873374129"), (2, "0.5729143646400687745827701184"),
      (10, "1.594133274495953314409986677"), (100, "3.703221492070737383345047915"),
    ]
    for (k, digits) in references {
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 1), engine: .laplace)
      let enclosure = loss.enclose(gram: simplex(10), precision: 96).loss
      let reference = Rational(digits)!
      let slack = Rational(1, 1_000_000_000_000_000_000)  // the reference is rounded to 28 digits
      XCTAssertTrue(enclosure.overlaps(Interval(lower: reference - slack, upper: reference + slack, precision: 128)),
                    "k=\(k): \(enclosure)")
      XCTAssertLessThan(enclosure.width, 1e-11, "k=\(k)")
    }
  }

  func testMultinomialEnclosesSimplexReferenceValues() throws {
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, 10), count: 10))
    for (k, digits) in [(1, "0.3254295018436390649873374129"), (2, "0.5729143646400687745827701184")] {
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 1), engine: .multinomial)
      let enclosure = loss.enclose(gram: simplex(10), precision: 96).loss
      let reference = Rational(digits)!
      let slack = Rational("1e-27")!  // the reference is rounded to 28 digits
      XCTAssertTrue(enclosure.overlaps(Interval(lower: reference - slack, upper: reference + slack, precision: 128)),
                    "k=\(k): \(enclosure)")
      XCTAssertLessThan(enclosure.width, 1e-20)
    }
  }
}
