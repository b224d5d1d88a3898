import CBLAS

/// `C ← alpha · op(A) · op(B) + beta · C` for row-major matrices through OpenBLAS
/// `cblas_sgemm`, where `op(A)` is `m × k` and `op(B)` is `k × n`.
///
/// The leading dimensions (row strides) default to those of densely stored
/// (untransposed) matrices; larger ones address a block of columns of a wider matrix.
///
/// - Complexity: O(m · n · k).
@inline(__always)
func multiply(
  _ a: UnsafePointer<Float>, transposed transposeA: Bool,
  _ b: UnsafePointer<Float>, transposed transposeB: Bool,
  into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0,
  strideA: Int? = nil, strideB: Int? = nil, strideC: Int? = nil
) {
  cblas_sgemm(
    CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha,
    a, Int32(strideA ?? (transposeA ? m : k)), b, Int32(strideB ?? (transposeB ? k : n)), beta,
    c, Int32(strideC ?? n))
}
