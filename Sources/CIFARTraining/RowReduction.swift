/// Vectorised sums over contiguous `Float` rows (a channel of a `[C, B, H, W]`
/// activation), the reductions of batch norm and of the bias gradients.
///
/// A plain `for` loop that adds `Float`s runs one addition per few cycles, because
/// the compiler may not reorder floating-point sums; these keep 16 partial sums in
/// one SIMD register over blocks of ``blockLength`` values and add each block's
/// total in `Double`. Each lane then sums at most 256 values, so the error is at most
/// about `272 · 2⁻²⁴ · Σ|terms|` (≈ 1.6e-5 relative to the absolute sum), whatever
/// the row length.
enum RowReduction {
  /// Values summed in `Float` before their total is added in `Double`.
  static let blockLength = 4096

  /// `Σ row[i]`.
  ///
  /// - Complexity: O(count).
  static func sum(_ row: UnsafePointer<Float>, count: Int) -> Double {
    blockwise(row, count: count) { lanes, vector in
      lanes += vector
    } tail: {
      $0
    }
  }

  /// `Σ (row[i] − center)²`, the second pass of a two-pass variance (no cancellation
  /// between large squares).
  ///
  /// - Complexity: O(count).
  static func sumOfSquaredDeviations(_ row: UnsafePointer<Float>, count: Int, from center: Float) -> Double {
    let centers = SIMD16<Float>(repeating: center)
    return blockwise(row, count: count) { lanes, vector in
      let deviation = vector - centers
      lanes += deviation * deviation
    } tail: {
      ($0 - center) * ($0 - center)
    }
  }

  @inline(__always)
  private static func blockwise(
    _ row: UnsafePointer<Float>, count: Int, accumulate: (inout SIMD16<Float>, SIMD16<Float>) -> Void,
    tail: (Float) -> Float
  ) -> Double {
    let raw = UnsafeRawPointer(row)
    var total: Double = 0
    var start = 0
    while start < count {
      let end = min(start + blockLength, count)
      var lanes = SIMD16<Float>()
      var index = start
      while index + 16 <= end {
        accumulate(
          &lanes, raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Float>.stride, as: SIMD16<Float>.self))
        index += 16
      }
      var block = lanes.sum()
      while index < end {
        block += tail(row[index])
        index += 1
      }
      total += Double(block)
      start = end
    }
    return total
  }
}
