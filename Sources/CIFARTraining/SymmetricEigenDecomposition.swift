/// Eigenvalues and eigenvectors of a small real symmetric matrix, by the cyclic Jacobi
/// method in `Double`.
///
/// Jacobi rotations are orthogonal, so the computed pairs satisfy `A v ≈ λ v` with an
/// absolute error of a few `n · ε · ‖A‖_F` (ε = `Double.ulpOfOne`), whatever the
/// eigenvalue gaps. The sweeps stop once the off-diagonal mass is below
/// `(ε · ‖A‖_F)²`; quadratic convergence makes that 6–10 sweeps for the matrices
/// here (`n` up to a few hundred class means).
public struct SymmetricEigenDecomposition: Sendable {
  /// The eigenvalues, in ascending order.
  public let values: [Double]
  /// `vectors[i]` is a unit eigenvector of `values[i]`; together they are orthonormal.
  public let vectors: [[Double]]

  /// Decomposes the symmetric `matrix` (only symmetric input is meaningful; the upper
  /// triangle is mirrored onto the lower one first).
  ///
  /// - Complexity: O(n³) per sweep, at most `maximumSweeps` sweeps.
  public init(_ matrix: [[Double]], maximumSweeps: Int = 60) {
    let n = matrix.count
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in i..<n {
        a[i * n + j] = matrix[i][j]
        a[j * n + i] = matrix[i][j]
      }
    }
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let frobenius = a.reduce(0) { $0 + $1 * $1 }
    let threshold = frobenius * Double.ulpOfOne * Double.ulpOfOne
    for _ in 0..<maximumSweeps {
      var off = 0.0
      for i in 0..<n { for j in 0..<n where j != i { off += a[i * n + j] * a[i * n + j] } }
      if off <= threshold { break }
      for p in 0..<n {
        for q in p + 1..<n {
          let apq = a[p * n + q]
          guard apq != 0 else { continue }
          // The rotation that zeroes a_pq: t = tan φ is the smaller root of t² + 2θt − 1 = 0.
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {  // columns p, q of A·J
            let (kp, kq) = (a[k * n + p], a[k * n + q])
            a[k * n + p] = c * kp - s * kq
            a[k * n + q] = s * kp + c * kq
          }
          for k in 0..<n {  // rows p, q of Jᵀ·(A·J)
            let (pk, qk) = (a[p * n + k], a[q * n + k])
            a[p * n + k] = c * pk - s * qk
            a[q * n + k] = s * pk + c * qk
          }
          for k in 0..<n {  // V·J accumulates the eigenvectors as columns
            let (kp, kq) = (v[k * n + p], v[k * n + q])
            v[k * n + p] = c * kp - s * kq
            v[k * n + q] = s * kp + c * kq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
    values = order.map { a[$0 * n + $0] }
    vectors = order.map { column in (0..<n).map { v[$0 * n + column] } }
  }
}
