import ExactArithmetic
import LatentClassTheory
import TestSupport
import XCTest

/// The structured semidefiniteness test of `a·I + b·J` against the generic exact LDLᵀ, and
/// the symmetric reduction of the simplex's downstream quantities against the generic code.
final class ScalarPlusOnesMatrixTests: XCTestCase {
  func testStructuredDecisionAgreesWithDenseLDL() {
    forEachSeed(60) { random, seed in
      let size = Int.random(in: 2...7, using: &random)
      let a = Rational(Int.random(in: -6...6, using: &random), Int.random(in: 1...5, using: &random))
      let b = Rational(Int.random(in: -6...6, using: &random), Int.random(in: 1...5, using: &random))
      let matrix = ScalarPlusOnesMatrix(size: size, identityCoefficient: a, onesCoefficient: b)
      let structured = matrix.semidefiniteness()
      let dense = matrix.dense.semidefinitenessCertificate()
      XCTAssertEqual(
        structured.isPositiveSemidefinite, dense.isPositiveSemidefinite, "\(seed): N=\(size) a=\(a) b=\(b)")
      if case .notPositiveSemidefinite(let x, let value) = structured {
        // The witness is checked with the dense matrix, independently of the eigenvalue formula.
        let quadratic = (0..<size).reduce(Rational.zero) { sum, i in
          (0..<size).reduce(sum) { $0 + x[i] * matrix.dense[i, $1] * x[$1] }
        }
        XCTAssertEqual(quadratic, value, "\(seed)")
        XCTAssertLessThan(value, 0, "\(seed)")
      }
    }
  }

  func testRefutesIndefiniteMatrices() {
    // 1·I − 1·J on N = 3 has eigenvalue 1 − 3 = −2 along 𝟙.
    XCTAssertFalse(
      ScalarPlusOnesMatrix(size: 3, identityCoefficient: 1, onesCoefficient: -1).semidefiniteness()
        .isPositiveSemidefinite)
    // −1·I + 5·J: a < 0 on 𝟙^⊥ although every entry sum is positive.
    XCTAssertFalse(
      ScalarPlusOnesMatrix(size: 4, identityCoefficient: -1, onesCoefficient: 5).semidefiniteness()
        .isPositiveSemidefinite)
    // The simplex is PSD but singular: the boundary case a + N·b = 0.
    let simplex = UniformModel(classes: 5, scale: 1, precision: 64).simplexMatrix
    XCTAssertEqual(simplex.eigenvalues.alongOnes, 0)
    XCTAssertTrue(simplex.semidefiniteness().isPositiveSemidefinite)
  }

  func testFrobeniusAgreesWithDenseProduct() {
    forEachSeed(20) { random, seed in
      let size = Int.random(in: 1...6, using: &random)
      func draw() -> ScalarPlusOnesMatrix {
        ScalarPlusOnesMatrix(
          size: size, identityCoefficient: Rational(Int.random(in: -9...9, using: &random), 7),
          onesCoefficient: Rational(Int.random(in: -9...9, using: &random), 4))
      }
      let (x, y) = (draw(), draw())
      XCTAssertEqual(x.frobenius(y), RationalMatrix.frobenius(x.dense, y.dense), "\(seed)")
    }
  }

  func testSimplexDownstreamAgreesWithGenericMetrics() {
    for (classes, scale) in [(2, Rational(1)), (3, Rational(5, 2)), (6, Rational(1, 3))] {
      let model = UniformModel(classes: classes, scale: scale, precision: 128)
      let reduced = SimplexDownstream(model: model)
      let generic = DownstreamMetrics(
        model: .uniformClassLevel(classes: classes), gram: model.simplexGram, scale: scale, precision: 128)
      let binary = AverageBinaryTaskLoss.of(gram: model.simplexGram, rho: model.rho, scale: scale, precision: 128)
      XCTAssertTrue(reduced.weightedLoss.overlaps(generic.weightedLoss), "N=\(classes)")
      XCTAssertTrue(reduced.balancedLoss.overlaps(generic.balancedLoss), "N=\(classes)")
      XCTAssertEqual(reduced.accuracy, generic.accuracy, "N=\(classes)")
      XCTAssertTrue(reduced.averageBinaryLoss.overlaps(binary), "N=\(classes)")
      XCTAssertLessThan(reduced.weightedLoss.width, 1e-30)
    }
  }

  /// The N = 1000 case must not build any N×N matrix: it finishes in well under a second.
  func testThousandClassesIsCertified() {
    let verification = UniformVerification(
      model: UniformModel(classes: 1000, scale: 1, precision: 128), negatives: [1, 2, 10])
    XCTAssertTrue(verification.claims.allSatisfy { $0.verdict == .verified })
    XCTAssertTrue(verification.downstream.weightedLoss.overlaps(verification.closedFormDownstreamLoss))
  }
}
