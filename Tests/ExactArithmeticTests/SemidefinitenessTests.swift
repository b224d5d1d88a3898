import TestSupport
import XCTest

@testable import ExactArithmetic

/// The exact LDLᵀ semidefiniteness certificate: every PSD answer must reproduce
/// the matrix exactly, every refutation must carry a vector the test itself checks.
final class SemidefinitenessTests: XCTestCase {
  /// A small-entry rational matrix: integers in −3…3 and some halves and thirds.
  private static func randomMatrix(rows: Int, columns: Int, _ random: inout SplitMix64) -> [[Rational]] {
    (0..<rows).map { _ in
      (0..<columns).map { _ in
        Rational(Int.random(in: -3...3, using: &random), [1, 1, 2, 3].randomElement(using: &random)!)
      }
    }
  }

  /// `V Vᵀ`, summed here rather than with `RationalMatrix.*`, so the expected value is independent.
  private static func gram(_ v: [[Rational]]) -> [[Rational]] {
    v.map { row in v.map { other in zip(row, other).reduce(Rational.zero) { $0 + $1.0 * $1.1 } } }
  }

  /// `xᵀ A x` as a plain double sum.
  private static func quadraticForm(_ a: [[Rational]], _ x: [Rational]) -> Rational {
    var total = Rational.zero
    for i in a.indices {
      for j in a.indices { total += x[i] * a[i][j] * x[j] }
    }
    return total
  }

  /// Checks a PSD proof: unit lower triangular `L`, `d ≥ 0`, and `L diag(d) Lᵀ = A` exactly.
  private static func assertValidProof(
    _ certificate: SemidefinitenessCertificate, of a: [[Rational]], _ label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    guard case .positiveSemidefinite(let factorization) = certificate else {
      return XCTFail("expected PSD: \(label)", file: file, line: line)
    }
    let n = a.count
    XCTAssertEqual(factorization.diagonal.count, n, label, file: file, line: line)
    XCTAssertTrue(factorization.diagonal.allSatisfy { $0.signum >= 0 }, label, file: file, line: line)
    for i in 0..<n {
      XCTAssertEqual(factorization.lower[i, i], 1, label, file: file, line: line)
      for j in (i + 1)..<n where j < n {
        XCTAssertEqual(factorization.lower[i, j], .zero, label, file: file, line: line)
      }
    }
    XCTAssertEqual(factorization.product, RationalMatrix(a), label, file: file, line: line)
    // Recompute L D Lᵀ here too, not only through `product`.
    for i in 0..<n {
      for j in 0..<n {
        var entry = Rational.zero
        for k in 0..<n { entry += factorization.lower[i, k] * factorization.diagonal[k] * factorization.lower[j, k] }
        XCTAssertEqual(entry, a[i][j], "\(label), entry (\(i), \(j))", file: file, line: line)
      }
    }
  }

  /// Checks a refutation: the witness is non-zero and `xᵀ A x < 0`, recomputed here.
  private static func assertValidRefutation(
    _ certificate: SemidefinitenessCertificate, of a: [[Rational]], _ label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    guard case .notPositiveSemidefinite(let witness, let value) = certificate else {
      return XCTFail("expected a refutation: \(label)", file: file, line: line)
    }
    XCTAssertEqual(witness.count, a.count, label, file: file, line: line)
    let form = quadraticForm(a, witness)
    XCTAssertLessThan(form, .zero, "\(label), witness \(witness)", file: file, line: line)
    XCTAssertEqual(form, value, "\(label), reported value", file: file, line: line)
  }

  func testGramMatricesArePositiveSemidefinite() {
    forEachSeed(150) { random, seed in
      let n = Int.random(in: 1...6, using: &random)
      let r = Int.random(in: 1...n, using: &random)
      let v = Self.randomMatrix(rows: n, columns: r, &random)
      let a = Self.gram(v)
      let certificate = RationalMatrix(a).semidefinitenessCertificate()
      XCTAssertTrue(certificate.isPositiveSemidefinite, "\(seed), n = \(n), r = \(r)")
      Self.assertValidProof(certificate, of: a, "\(seed), V = \(v)")
    }
  }

  /// `V Vᵀ` with rank `r < n` has a null vector, so `V Vᵀ − εI` is not PSD for any ε > 0.
  func testRankDeficientGramMinusEpsilonIsRefuted() {
    forEachSeed(150, base: 0x1D1) { random, seed in
      let n = Int.random(in: 2...6, using: &random)
      let r = Int.random(in: 1..<n, using: &random)
      let v = Self.randomMatrix(rows: n, columns: r, &random)
      // Down to 10⁻⁹: the witness must be found however small the defect.
      let epsilon = Rational(1, [1, 10, 1000, 1_000_000_000].randomElement(using: &random)!)
      var a = Self.gram(v)
      for i in 0..<n { a[i][i] -= epsilon }
      let certificate = RationalMatrix(a).semidefinitenessCertificate()
      XCTAssertFalse(certificate.isPositiveSemidefinite, "\(seed), n = \(n), r = \(r), ε = \(epsilon)")
      Self.assertValidRefutation(certificate, of: a, "\(seed), V = \(v), ε = \(epsilon)")
    }
  }

  /// Random symmetric matrices: whichever answer comes back must carry a valid proof.
  func testRandomSymmetricMatricesGetACheckableAnswer() {
    var answers = (psd: 0, refuted: 0)
    forEachSeed(200, base: 0x5E) { random, seed in
      let n = Int.random(in: 1...5, using: &random)
      let entries = Self.randomMatrix(rows: n, columns: n, &random)
      // Symmetrize, and sometimes add a multiple of I to reach the PSD side.
      let shift = Rational(Int.random(in: 0...12, using: &random))
      var a = entries
      for i in 0..<n {
        for j in 0..<n {
          let diagonal: Rational = i == j ? shift : .zero
          a[i][j] = entries[i][j] + entries[j][i] + diagonal
        }
      }
      let certificate = RationalMatrix(a).semidefinitenessCertificate()
      if certificate.isPositiveSemidefinite {
        answers.psd += 1
        Self.assertValidProof(certificate, of: a, "\(seed), A = \(a)")
      } else {
        answers.refuted += 1
        Self.assertValidRefutation(certificate, of: a, "\(seed), A = \(a)")
      }
    }
    // Both branches are exercised.
    XCTAssertGreaterThan(answers.psd, 20)
    XCTAssertGreaterThan(answers.refuted, 20)
  }

  func testFixedMatrices() {
    func matrix(_ rows: [[Int]]) -> [[Rational]] { rows.map { $0.map { Rational($0) } } }
    let zero = matrix([[0, 0, 0], [0, 0, 0], [0, 0, 0]])
    Self.assertValidProof(RationalMatrix(zero).semidefinitenessCertificate(), of: zero, "zero")
    Self.assertValidProof(RationalMatrix(matrix([])).semidefinitenessCertificate(), of: [], "empty")

    // Indefinite with a zero diagonal: only the 2×2 argument can refute it.
    let swap = matrix([[0, 1], [1, 0]])
    Self.assertValidRefutation(RationalMatrix(swap).semidefinitenessCertificate(), of: swap, "[[0,1],[1,0]]")
    let signs = matrix([[1, 0], [0, -1]])
    Self.assertValidRefutation(RationalMatrix(signs).semidefinitenessCertificate(), of: signs, "[[1,0],[0,-1]]")
    let negative = matrix([[-1]])
    Self.assertValidRefutation(RationalMatrix(negative).semidefinitenessCertificate(), of: negative, "[[-1]]")

    // Singular PSD matrices, with zero pivots before and after elimination.
    for psd in [
      matrix([[1, 1], [1, 1]]), matrix([[0, 0], [0, 1]]), matrix([[4, 2, 2], [2, 1, 1], [2, 1, 5]]),
      matrix([[0, 0, 0], [0, 2, 0], [0, 0, 0]]),
    ] {
      Self.assertValidProof(RationalMatrix(psd).semidefinitenessCertificate(), of: psd, "\(psd)")
    }
    // A zero pivot with a non-zero column appears only in the Schur complement, so the
    // refutation must be mapped back through L: [[1,1,1],[1,1,2],[1,2,1]] → S = [[0,1],[1,0]].
    for indefinite in [
      matrix([[1, 1, 1], [1, 1, 2], [1, 2, 1]]), matrix([[0, 0, 0], [0, 0, 1], [0, 1, 0]]),
      matrix([[2, 1, 0], [1, 2, 1], [0, 1, -5]]), matrix([[1, 2], [2, 1]]),
    ] {
      Self.assertValidRefutation(
        RationalMatrix(indefinite).semidefinitenessCertificate(), of: indefinite, "\(indefinite)")
    }
  }

  /// Positive definite matrices have all pivots strictly positive (e.g. a Hilbert matrix).
  func testHilbertMatrixHasPositivePivots() {
    let n = 6
    let hilbert = (0..<n).map { i in (0..<n).map { j in Rational(1, i + j + 1) } }
    let certificate = RationalMatrix(hilbert).semidefinitenessCertificate()
    Self.assertValidProof(certificate, of: hilbert, "Hilbert \(n)")
    if case .positiveSemidefinite(let factorization) = certificate {
      XCTAssertTrue(factorization.diagonal.allSatisfy { $0.signum > 0 })
      // det H₆ = Π d_i = 1 / 186313420339200000.
      XCTAssertEqual(factorization.diagonal.reduce(Rational(1), *), Rational(BigInt(1), BigInt("186313420339200000")!))
    }
  }
}

/// ``RationalMatrix/isPositiveSemidefinite`` takes `Double` shortcuts both ways; its answers must be the
/// exact LDLᵀ's on matrices inside, outside and on the boundary of the cone.
final class FastSemidefinitenessTests: XCTestCase {
  func testAgreesWithTheExactLDLOnEveryKindOfMatrix() {
    var shortcuts = 0
    forEachSeed(60, base: 0x5D5) { random, seed in
      let n = Int.random(in: 2...9, using: &random)
      let rank = Int.random(in: 1...n, using: &random)
      let v = (0..<n).map { _ in (0..<rank).map { _ in Rational(Int.random(in: -9...9, using: &random), 7) } }
      // V Vᵀ is PSD (singular when rank < n); the shift moves it inside, onto or across the boundary.
      let shift = [Rational(1, 3), .zero, Rational(-1, 1 << 40), Rational(-2)].randomElement(using: &random)!
      let a = RationalMatrix(rows: n, columns: n) { i, j in
        zip(v[i], v[j]).reduce(Rational.zero) { $0 + $1.0 * $1.1 } + (i == j ? shift : .zero)
      }
      XCTAssertEqual(a.isPositiveSemidefinite, a.semidefinitenessCertificate().isPositiveSemidefinite, seed)
      if a.isPositiveDefiniteByFloatingCholesky
        || a.floatingNegativeDirection.map({ a.quadraticForm($0).signum < 0 }) == true
      {
        shortcuts += 1
      }
    }
    // The shortcuts are the point: most of these matrices must be decided without the exact LDLᵀ.
    XCTAssertGreaterThan(shortcuts, 30)
  }

  /// A clearly indefinite matrix is refuted by the floating direction, whose form is negative exactly.
  func testFloatingDirectionRefutesAnIndefiniteMatrix() throws {
    let a = RationalMatrix([[2, 3, 0], [3, 2, 1], [0, 1, 5]].map { $0.map { Rational($0) } })
    let direction = try XCTUnwrap(a.floatingNegativeDirection)
    XCTAssertLessThan(a.quadraticForm(direction), .zero)
    XCTAssertFalse(a.isPositiveSemidefinite)
  }
}
