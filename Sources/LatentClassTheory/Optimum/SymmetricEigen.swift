import Foundation

/// The eigen-decomposition of a small symmetric `Double` matrix by cyclic Jacobi rotations.
///
/// Used only for decisions that need no rigour: the numerical rank of a solver's Gram
/// matrix, and a first guess of a curvature bound that an exact LDLᵀ then proves.
///
/// Error bound: for a symmetric `A`, each eigenvalue is within a few `ε·‖A‖_F` of an exact
/// one (Jacobi is backward stable), `ε = 2^{−52}`.
struct SymmetricEigen {
  /// Ascending eigenvalues.
  let values: [Double]
  /// `vectors[i]` is the unit eigenvector of `values[i]`.
  let vectors: [[Double]]

  /// - Complexity: O(n³) per sweep; sweeps until the off-diagonal mass is below `ε²‖A‖²` (about 6–10).
  init(_ matrix: [[Double]]) {
    let n = matrix.count
    var a = matrix
    var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    let total = a.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }
    for _ in 0..<60 {
      var off = 0.0
      for p in 0..<n { for q in 0..<n where q != p { off += a[p][q] * a[p][q] } }
      if off <= 1e-32 * total || off == 0 { break }
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) where a[p][q] != 0 {
          let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let akp = a[k][p]
            let akq = a[k][q]
            a[k][p] = c * akp - s * akq
            a[k][q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p][k]
            let aqk = a[q][k]
            a[p][k] = c * apk - s * aqk
            a[q][k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k][p]
            let vkq = v[k][q]
            v[k][p] = c * vkp - s * vkq
            v[k][q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0][$0] < a[$1][$1] }
    values = order.map { a[$0][$0] }
    vectors = order.map { j in (0..<n).map { v[$0][j] } }
  }
}
