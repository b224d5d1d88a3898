/// An exact factorization `A = L · diag(d) · Lᵀ` with `L` unit lower triangular
/// and every `d_i ≥ 0`: a proof that `A` is positive semidefinite.
public struct LDLFactorization: Sendable, Equatable {
  /// Unit lower triangular.
  public let lower: RationalMatrix
  /// The pivots, all non-negative.
  public let diagonal: [Rational]

  /// `L · diag(d) · Lᵀ`, to check the proof independently.
  public var product: RationalMatrix {
    let n = diagonal.count
    return RationalMatrix(rows: n, columns: n) { i, j in
      (0...min(i, j)).reduce(Rational.zero) { $0 + lower[i, $1] * diagonal[$1] * lower[j, $1] }
    }
  }
}

/// The outcome of the exact semidefiniteness test.
public enum SemidefinitenessCertificate: Sendable, Equatable {
  /// `A = L D Lᵀ` with `D ≥ 0`.
  case positiveSemidefinite(LDLFactorization)
  /// A vector with `xᵀ A x = value < 0`.
  case notPositiveSemidefinite(witness: [Rational], value: Rational)

  public var isPositiveSemidefinite: Bool {
    if case .positiveSemidefinite = self { return true }
    return false
  }
}

extension RationalMatrix {
  /// Decides exactly whether this symmetric matrix is positive semidefinite, with
  /// a proof either way.
  ///
  /// Symmetric elimination without pivoting: a positive pivot is eliminated; a
  /// zero pivot must have a zero column in the Schur complement (else the 2×2
  /// minor on it is indefinite); a negative pivot refutes. A refutation in the
  /// Schur complement `S` is mapped back through `Lᵀ x = z`, which preserves the
  /// quadratic form, so the witness is for `A` itself.
  ///
  /// - Complexity: O(n³) exact rational operations.
  /// - Precondition: the matrix is symmetric.
  public func semidefinitenessCertificate() -> SemidefinitenessCertificate {
    precondition(isSymmetric, "semidefiniteness needs a symmetric matrix")
    let n = rows
    var schur = self
    var lower = RationalMatrix.identity(n)
    var diagonal = [Rational](repeating: .zero, count: n)
    for pivot in 0..<n {
      let d = schur[pivot, pivot]
      if d.signum < 0 {
        var z = [Rational](repeating: .zero, count: n)
        z[pivot] = 1
        return refutation(reducedWitness: z, lower: lower)
      }
      if d.signum == 0 {
        guard let other = ((pivot + 1)..<n).first(where: { schur[$0, pivot].signum != 0 }) else { continue }
        // On coordinates (pivot, other): 2 t b + c < 0 for t = -(|c| + 1) / (2 b).
        let b = schur[other, pivot]
        let c = schur[other, other]
        var z = [Rational](repeating: .zero, count: n)
        z[pivot] = -(c.magnitude + 1) / (2 * b)
        z[other] = 1
        return refutation(reducedWitness: z, lower: lower)
      }
      diagonal[pivot] = d
      for i in (pivot + 1)..<n where schur[i, pivot].signum != 0 {
        let factor = schur[i, pivot] / d
        lower[i, pivot] = factor
        for j in (pivot + 1)...i {
          schur[i, j] -= factor * schur[j, pivot]
          schur[j, i] = schur[i, j]
        }
      }
    }
    return .positiveSemidefinite(LDLFactorization(lower: lower, diagonal: diagonal))
  }

  /// Solves `Lᵀ x = z` so that `xᵀ A x = zᵀ (D ⊕ S) z`, which is negative by construction.
  private func refutation(reducedWitness z: [Rational], lower: RationalMatrix) -> SemidefinitenessCertificate {
    let n = rows
    var x = z
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in (i + 1)..<n where lower[j, i].signum != 0 { x[i] -= lower[j, i] * x[j] }
    }
    let value = quadraticForm(x)
    precondition(value.signum < 0, "internal error: LDLᵀ witness is not negative")
    return .notPositiveSemidefinite(witness: x, value: value)
  }
}
