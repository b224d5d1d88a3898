extension RationalMatrix {
  /// Whether a `Double` Cholesky factorization proves this symmetric matrix positive definite:
  /// `true` is a proof, `false` means only "not proven" (the matrix is not positive definite,
  /// or too close to singular for `Double`, where the exact ``semidefinitenessCertificate()``
  /// has to decide).
  ///
  /// **The criterion** (Demmel's bound as used by Rump, proofs/floating-cholesky.md). With
  /// `u = 2^{−53}` and `g = γ_{n+1}/(1 − γ_{n+1})`, `γ_m = m u/(1 − m u)`: choose a shift `σ`,
  /// round `A' = A − σI` entrywise to `Ã` and keep the exact rounding error `E = A' − Ã`; if the
  /// `Double` Cholesky factorization of `Ã` runs to completion (positive pivots, no underflow,
  /// no overflow), then `λ_min(Ã) ≥ −g·tr(Ã)`, so
  ///
  ///     λ_min(A) ≥ σ − g·tr(Ã) − max_i Σ_j |E_ij|,
  ///
  /// which is checked exactly in rationals to be positive.
  ///
  /// Error bound: the shift it spends is `σ ≈ 2(g·tr(A) + 2u·max_i Σ_j |A_ij|)`, about
  /// `2(n + 1)u·tr(A)`; a matrix whose smallest eigenvalue is not well above `σ` stays unproven.
  ///
  /// - Complexity: O(n³) `Double` operations and O(n²) exact rational operations.
  /// - Precondition: the matrix is symmetric.
  public var isPositiveDefiniteByFloatingCholesky: Bool {
    precondition(isSymmetric, "positive definiteness needs a symmetric matrix")
    let n = rows
    guard n > 0 else { return false }
    let u = Rational(1, 2).power(53)
    let gamma = Rational(n + 1) * u / (1 - Rational(n + 1) * u)
    let g = gamma / (1 - gamma)
    let traceEstimate = (0..<n).reduce(0.0) { $0 + abs(self[$1, $1].approximateDouble) }
    // Twice what the criterion spends (the rounding term is at most n ulps of the largest row).
    let largestRow = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + abs(self[i, $1].approximateDouble) } }.max()!
    let shiftEstimate = 2 * (g.approximateDouble * traceEstimate + 0x1p-52 * largestRow)
    guard shiftEstimate.isNormal, let shift = Rational(exactly: shiftEstimate) else { return false }

    var rounded = [Double](repeating: 0, count: n * n)
    var roundingBound = Rational.zero
    for i in 0..<n {
      var rowError = Rational.zero
      for j in 0..<n {
        let exact = i == j ? self[i, i] - shift : self[i, j]
        let approximation = exact.approximateDouble
        guard let represented = Rational(exactly: approximation) else { return false }
        rounded[i * n + j] = approximation
        rowError += (exact - represented).magnitude
      }
      roundingBound = max(roundingBound, rowError)
    }
    guard RationalMatrix.choleskyCompletes(rounded, n) else { return false }
    var trace = Rational.zero
    for i in 0..<n { trace += Rational(exactly: rounded[i * n + i])! }
    return shift > g * trace + roundingBound
  }

  /// Whether `Double` Cholesky of the row-major symmetric `a` completes with positive pivots, every
  /// product and quotient free of underflow and every entry finite: the premises of the error bound.
  private static func choleskyCompletes(_ a: [Double], _ n: Int) -> Bool {
    var factor = a
    // `x · y` or `x / y` rounded with a relative error of at most `u`: no underflow (a result below
    // the normal range of non-zero operands), and finite.
    func isAccurate(_ result: Double, _ x: Double, _ y: Double) -> Bool {
      result.isFinite && (result.isNormal || x == 0 || y == 0)
    }
    return factor.withUnsafeMutableBufferPointer { r in
      for j in 0..<n {
        var pivot = r[j * n + j]
        for k in 0..<j {
          let product = r[j * n + k] * r[j * n + k]
          guard isAccurate(product, r[j * n + k], r[j * n + k]) else { return false }
          pivot -= product
        }
        guard pivot > 0, pivot.isFinite else { return false }
        let diagonal = pivot.squareRoot()
        r[j * n + j] = diagonal
        for i in (j + 1)..<max(j + 1, n) {
          var entry = r[i * n + j]
          for k in 0..<j {
            let product = r[i * n + k] * r[j * n + k]
            guard isAccurate(product, r[i * n + k], r[j * n + k]) else { return false }
            entry -= product
          }
          guard entry.isFinite else { return false }
          let quotient = entry / diagonal
          guard isAccurate(quotient, entry, diagonal) else { return false }
          r[i * n + j] = quotient
        }
      }
      return true
    }
  }
}
