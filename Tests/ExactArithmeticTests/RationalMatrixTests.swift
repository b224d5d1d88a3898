import ExactArithmetic
import TestSupport
import XCTest

/// The dense rational matrix operations the LDLᵀ certificate and the theory engine build on.
final class RationalMatrixTests: XCTestCase {
  private static func random(_ rows: Int, _ columns: Int, _ random: inout SplitMix64) -> RationalMatrix {
    RationalMatrix(rows: rows, columns: columns) { _, _ in random.smallRational(bound: 9) }
  }

  func testAlgebraicIdentities() {
    forEachSeed(60) { random, seed in
      let n = Int.random(in: 1...4, using: &random)
      let m = Int.random(in: 1...4, using: &random)
      let k = Int.random(in: 1...4, using: &random)
      let a = Self.random(n, m, &random)
      let b = Self.random(m, k, &random)
      let c = Self.random(m, k, &random)
      XCTAssertEqual(a * (b + c), a * b + a * c, seed)
      XCTAssertEqual((a * b).transposed, b.transposed * a.transposed, seed)
      XCTAssertEqual(a.transposed.transposed, a, seed)
      XCTAssertEqual(RationalMatrix.identity(n) * a, a, seed)
      XCTAssertEqual(a * RationalMatrix.identity(m), a, seed)
      XCTAssertEqual((b - c) + c, b, seed)
      XCTAssertEqual(Rational(2) * b, b + b, seed)
      // Entry (i, j) of a product, by its definition.
      let product = a * b
      for i in 0..<n {
        for j in 0..<k {
          var entry = Rational.zero
          for l in 0..<m { entry += a[i, l] * b[l, j] }
          XCTAssertEqual(product[i, j], entry, "\(seed), (\(i), \(j))")
        }
      }
      // ⟨B, C⟩ = Σ B_ij C_ij, and xᵀ A x for square A against a direct sum.
      var frobenius = Rational.zero
      for i in 0..<m { for j in 0..<k { frobenius += b[i, j] * c[i, j] } }
      XCTAssertEqual(RationalMatrix.frobenius(b, c), frobenius, seed)
      let square = Self.random(n, n, &random)
      let x = (0..<n).map { _ in random.smallRational(bound: 5) }
      var form = Rational.zero
      for i in 0..<n { for j in 0..<n { form += x[i] * square[i, j] * x[j] } }
      XCTAssertEqual(square.quadraticForm(x), form, seed)
      XCTAssertTrue((square + square.transposed).isSymmetric, seed)
    }
  }

  func testConstructors() {
    let ones = RationalMatrix.ones(3)
    XCTAssertTrue(ones.entries.allSatisfy { $0 == 1 })
    XCTAssertEqual(ones * ones, Rational(3) * ones)
    let nested = RationalMatrix([[1, 2, 3], [4, 5, 6]])
    XCTAssertEqual(nested.rows, 2)
    XCTAssertEqual(nested.columns, 3)
    XCTAssertEqual(nested[1, 0], 4)
    XCTAssertEqual(nested.transposed[2, 1], 6)
    XCTAssertFalse(nested.isSymmetric)
    XCTAssertFalse(RationalMatrix([[1, 2], [3, 1]]).isSymmetric)
    XCTAssertTrue(RationalMatrix.identity(4).isSymmetric)
    var mutable = RationalMatrix.identity(2)
    let copy = mutable
    mutable[0, 1] = Rational(1, 2)
    XCTAssertEqual(mutable[0, 1], Rational(1, 2))
    XCTAssertEqual(copy[0, 1], .zero, "value semantics")
  }
}
