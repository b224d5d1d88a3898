import ExactArithmetic

/// The `N×N` matrix `a·I + b·J` (`J` the all-ones matrix), kept as its two exact
/// coefficients: the simplex `G*` (`a = N/(N−1)`, `b = −1/(N−1)`) and the dual matrix
/// `J` (`a = 0`, `b = 1`) of the uniform certificate have this form, and a dense
/// `1000×1000` rational matrix with an `O(N³)` LDLᵀ costs minutes where the structure costs nothing.
public struct ScalarPlusOnesMatrix: Sendable, Equatable {
  /// `N ≥ 1`.
  public let size: Int
  /// `a`, the coefficient of `I`.
  public let identityCoefficient: Rational
  /// `b`, the coefficient of `J`.
  public let onesCoefficient: Rational

  public init(size: Int, identityCoefficient: Rational, onesCoefficient: Rational) {
    precondition(size >= 1, "a matrix needs at least one row")
    self.size = size
    self.identityCoefficient = identityCoefficient
    self.onesCoefficient = onesCoefficient
  }

  /// `J`.
  public static func ones(_ size: Int) -> ScalarPlusOnesMatrix {
    ScalarPlusOnesMatrix(size: size, identityCoefficient: 0, onesCoefficient: 1)
  }

  /// The entry in row `i`, column `j`: `a + b` on the diagonal, `b` off it.
  public subscript(i: Int, j: Int) -> Rational {
    i == j ? identityCoefficient + onesCoefficient : onesCoefficient
  }

  /// The dense matrix, for small `N` and for cross-checks.
  /// - Complexity: O(N²) rationals.
  public var dense: RationalMatrix { RationalMatrix(rows: size, columns: size) { self[$0, $1] } }

  /// The exact eigenvalues: `a` on `𝟙^⊥` (multiplicity `N − 1`) and `a + N·b` on `𝟙`,
  /// because `J x = 0` for `x ⊥ 𝟙` and `J 𝟙 = N 𝟙`.
  public var eigenvalues: (orthogonalToOnes: Rational, alongOnes: Rational) {
    (identityCoefficient, identityCoefficient + Rational(size) * onesCoefficient)
  }

  /// `⟨self, other⟩ = Σ_ij self_ij · other_ij = N·(a + b)(a' + b') + N(N−1)·b·b'`, exactly.
  /// - Complexity: O(1) rational operations.
  public func frobenius(_ other: ScalarPlusOnesMatrix) -> Rational {
    precondition(size == other.size, "sizes differ")
    let n = Rational(size)
    return n * self[0, 0] * other[0, 0] + n * (n - 1) * onesCoefficient * other.onesCoefficient
  }

  /// Decides exactly whether the matrix is positive semidefinite, from its two
  /// eigenvalues; a refutation carries an eigenvector `x` with `xᵀ(aI + bJ)x < 0`.
  /// - Complexity: O(1) rational operations (O(N) to write a witness).
  public func semidefiniteness() -> StructuredSemidefiniteness {
    let (orthogonal, along) = eigenvalues
    if orthogonal.signum < 0 && size >= 2 {
      // x = e₀ − e₁ ⊥ 𝟙: xᵀ(aI + bJ)x = 2a.
      var witness = [Rational](repeating: .zero, count: size)
      witness[0] = 1
      witness[1] = -1
      return .notPositiveSemidefinite(witness: witness, value: 2 * orthogonal)
    }
    if along.signum < 0 {
      // x = 𝟙: xᵀ(aI + bJ)x = N·a + N²·b.
      return .notPositiveSemidefinite(
        witness: [Rational](repeating: 1, count: size), value: Rational(size) * along)
    }
    return .positiveSemidefinite(orthogonalToOnes: orthogonal, alongOnes: along)
  }
}

/// The outcome of the exact semidefiniteness test of an `a·I + b·J` matrix.
public enum StructuredSemidefiniteness: Sendable, Equatable {
  /// Both eigenvalues (`a` on `𝟙^⊥`, `a + N·b` on `𝟙`) are `≥ 0`.
  case positiveSemidefinite(orthogonalToOnes: Rational, alongOnes: Rational)
  /// A vector with `xᵀ A x = value < 0`.
  case notPositiveSemidefinite(witness: [Rational], value: Rational)

  public var isPositiveSemidefinite: Bool {
    if case .positiveSemidefinite = self { return true }
    return false
  }
}
