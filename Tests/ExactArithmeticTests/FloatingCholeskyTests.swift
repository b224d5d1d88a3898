import ExactArithmetic
import TestSupport
import XCTest

/// The `Double` Cholesky proof of positive definiteness, checked against the exact LDLᵀ: it may
/// leave a matrix unproven, but it may never call one positive definite that the exact test does not.
final class FloatingCholeskyTests: XCTestCase {
  /// `V Vᵀ + shift·I` for a random `n × rank` matrix `V` of thirds and sevenths (entries no `Double` holds).
  private static func gramPlusShift(n: Int, rank: Int, shift: Rational, _ random: inout SplitMix64) -> RationalMatrix {
    let v = (0..<n).map { _ in
      (0..<rank).map { _ in Rational(Int.random(in: -9...9, using: &random), [1, 3, 7].randomElement(using: &random)!) }
    }
    return RationalMatrix(rows: n, columns: n) { i, j in
      zip(v[i], v[j]).reduce(i == j ? shift : .zero) { $0 + $1.0 * $1.1 }
    }
  }

  /// Whether the exact LDLᵀ proves the matrix positive definite: semidefinite with every pivot positive.
  private static func exactlyPositiveDefinite(_ a: RationalMatrix) -> Bool {
    guard case .positiveSemidefinite(let factorization) = a.semidefinitenessCertificate() else { return false }
    return factorization.diagonal.allSatisfy { $0.signum > 0 }
  }

  /// Full-rank Gram matrices lifted by 1/2 (smallest eigenvalue ≥ 1/2, far above the rounding the
  /// criterion spends) are proven, as the exact test proves them.
  func testProvesWellConditionedMatricesLikeTheExactTest() {
    forEachSeed(40) { random, seed in
      let n = Int.random(in: 1...16, using: &random)
      let a = FloatingCholeskyTests.gramPlusShift(n: n, rank: n, shift: Rational(1, 2), &random)
      XCTAssertTrue(FloatingCholeskyTests.exactlyPositiveDefinite(a), seed)
      XCTAssertTrue(a.isPositiveDefiniteByFloatingCholesky, seed)
    }
  }

  /// Singular Gram matrices shifted down by `2^{−e}` are not positive semidefinite; for large `e` the
  /// shift is far below what `Double` resolves, so only the error bound keeps the answer "not proven".
  func testNeverProvesAMatrixJustBelowSemidefinite() {
    forEachSeed(40) { random, seed in
      let n = Int.random(in: 2...12, using: &random)
      let exponent = Int.random(in: 4...120, using: &random)
      let a = FloatingCholeskyTests.gramPlusShift(
        n: n, rank: n - 1, shift: -Rational(1, 2).power(exponent), &random)
      XCTAssertFalse(a.semidefinitenessCertificate().isPositiveSemidefinite, "\(seed), 2^-\(exponent)")
      XCTAssertFalse(a.isPositiveDefiniteByFloatingCholesky, "\(seed), 2^-\(exponent)")
    }
  }

  /// Across the boundary (shifts `±2^{−e}` of singular and full-rank Gram matrices, and exactly
  /// singular ones), "proven" implies positive definite by the exact LDLᵀ.
  func testProvenImpliesExactlyPositiveDefinite() {
    var proven = 0
    forEachSeed(120) { random, seed in
      let n = Int.random(in: 1...12, using: &random)
      let rank = Int.random(in: max(n - 2, 0)...n, using: &random)
      let magnitude = Rational(1, 2).power(Int.random(in: 0...80, using: &random))
      let shift = [magnitude, -magnitude, .zero].randomElement(using: &random)!
      let a = FloatingCholeskyTests.gramPlusShift(n: n, rank: rank, shift: shift, &random)
      if a.isPositiveDefiniteByFloatingCholesky {
        proven += 1
        XCTAssertTrue(FloatingCholeskyTests.exactlyPositiveDefinite(a), seed)
      }
    }
    // The property says nothing unless both answers occur.
    XCTAssertGreaterThan(proven, 10)
    XCTAssertLessThan(proven, 110)
  }

  /// A matrix with a negative diagonal entry, an indefinite 2 × 2 and the zero matrix are not proven.
  func testRefutesSmallIndefiniteAndSingularMatrices() {
    let cases: [[[Rational]]] = [
      [[-1]],
      [[1, 2], [2, 1]],
      [[1, 1], [1, 1]],
      [[0, 0], [0, 0]],
      [[Rational(1, 3), Rational(1, 3)], [Rational(1, 3), Rational(1, 3) - Rational(1, 2).power(70)]],
    ]
    for rows in cases { XCTAssertFalse(RationalMatrix(rows).isPositiveDefiniteByFloatingCholesky, "\(rows)") }
    XCTAssertTrue(RationalMatrix([[2, -1], [-1, 2]]).isPositiveDefiniteByFloatingCholesky)
  }
}
