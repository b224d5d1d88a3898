extension RationalMatrix {
  /// Whether this symmetric matrix is positive semidefinite, decided exactly, by the cheapest proof
  /// that applies: ``isPositiveDefiniteByFloatingCholesky`` proves "yes" for a matrix safely inside the
  /// cone; a `Double` direction of negative curvature whose quadratic form is checked negative in
  /// exact arithmetic proves "no" for one safely outside; the exact ``semidefinitenessCertificate()``
  /// decides the rest. The answer is always that of ``semidefinitenessCertificate()``.
  ///
  /// - Complexity: O(n³) `Double` operations and O(n²) exact ones when a floating proof applies,
  ///   else O(n³) exact rational operations as well.
  /// - Precondition: the matrix is symmetric.
  public var isPositiveSemidefinite: Bool {
    if isPositiveDefiniteByFloatingCholesky { return true }
    if let direction = floatingNegativeDirection, quadraticForm(direction).signum < 0 { return false }
    return semidefinitenessCertificate().isPositiveSemidefinite
  }

  /// A candidate direction of negative curvature from a `Double` LDLᵀ without pivoting: at the first
  /// pivot `d_j ≤ 0`, the `x` with `x_j = 1`, `x_i = 0` for `i > j` and `Lᵀ x = e_j` on the leading block,
  /// for which `xᵀ A x = d_j` in exact arithmetic on the rounded factors. Not trusted: callers check
  /// `xᵀ A x < 0` exactly. `nil` when every pivot is positive or a value is not finite.
  ///
  /// - Complexity: O(n³) `Double` operations.
  var floatingNegativeDirection: [Rational]? {
    let n = rows
    let a = (0..<n).map { i in (0..<n).map { self[i, $0].approximateDouble } }
    var lower = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var pivots = [Double](repeating: 0, count: n)
    for j in 0..<n {
      var pivot = a[j][j]
      for k in 0..<j { pivot -= lower[j][k] * lower[j][k] * pivots[k] }
      guard pivot.isFinite else { return nil }
      if pivot <= 0 {
        var x = [Double](repeating: 0, count: n)
        x[j] = 1
        for i in stride(from: j - 1, through: 0, by: -1) {
          for m in (i + 1)...j { x[i] -= lower[m][i] * x[m] }
        }
        guard x.allSatisfy(\.isFinite) else { return nil }
        return x.map { Rational(exactly: $0)! }
      }
      pivots[j] = pivot
      for i in (j + 1)..<max(j + 1, n) {
        var entry = a[i][j]
        for k in 0..<j { entry -= lower[i][k] * lower[j][k] * pivots[k] }
        lower[i][j] = entry / pivot
      }
    }
    return nil
  }
}
