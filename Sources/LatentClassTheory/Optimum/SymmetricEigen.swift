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
  ///   The matrices are flat row-major buffers: nested arrays cost more in bounds and uniqueness
  ///   checks than the rotations themselves.
  init(_ matrix: [[Double]]) {
    let n = matrix.count
    var a = matrix.flatMap { $0 }
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let total = matrix.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }
    a.withUnsafeMutableBufferPointer { a in
      v.withUnsafeMutableBufferPointer { v in
        for _ in 0..<60 {
          var off = 0.0
          for p in 0..<n { for q in 0..<n where q != p { off += a[p * n + q] * a[p * n + q] } }
          if off <= 1e-32 * total || off == 0 { break }
          for p in 0..<n {
            for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
              let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
              let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
              let c = 1 / (t * t + 1).squareRoot()
              let s = t * c
              for k in 0..<n {
                let akp = a[k * n + p]
                let akq = a[k * n + q]
                a[k * n + p] = c * akp - s * akq
                a[k * n + q] = s * akp + c * akq
              }
              for k in 0..<n {
                let apk = a[p * n + k]
                let aqk = a[q * n + k]
                a[p * n + k] = c * apk - s * aqk
                a[q * n + k] = s * apk + c * aqk
              }
              for k in 0..<n {
                let vkp = v[k * n + p]
                let vkq = v[k * n + q]
                v[k * n + p] = c * vkp - s * vkq
                v[k * n + q] = s * vkp + c * vkq
              }
            }
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
    values = order.map { a[$0 * n + $0] }
    vectors = order.map { j in (0..<n).map { v[$0 * n + j] } }
  }
}
