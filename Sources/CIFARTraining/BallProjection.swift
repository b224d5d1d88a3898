/// Maps each row of the head's output into the unit ball, `x / max(1, ‖x‖)`
/// (docs/theory.md §2), or onto the unit sphere, `x / ‖x‖`.
public enum BallProjection {
  /// Rows of length below this are treated as this long on the sphere, so a zero
  /// row maps to zero instead of NaN.
  static let smallestNorm: Float = 1e-12

  /// The divisor applied to a row of norm `norm`.
  @inline(__always)
  static func divisor(norm: Float, sphere: Bool) -> Float {
    sphere ? max(norm, smallestNorm) : max(1, norm)
  }

  /// The projected rows and the divisor used for each.
  ///
  /// - Complexity: O(values.count).
  static func forward(_ values: [Float], dimension: Int, sphere: Bool) -> (projected: [Float], divisors: [Float]) {
    let rows = values.count / dimension
    var projected = values
    var divisors = [Float](repeating: 1, count: rows)
    projected.withUnsafeMutableBufferPointer { projected in
      for row in 0..<rows {
        let start = row * dimension
        var square: Float = 0
        for index in start..<start + dimension { square += projected[index] * projected[index] }
        let divisor = divisor(norm: square.squareRoot(), sphere: sphere)
        divisors[row] = divisor
        for index in start..<start + dimension { projected[index] /= divisor }
      }
    }
    return (projected, divisors)
  }

  /// `∂L/∂x` from `∂L/∂z` where `z` is the projection: the identity inside the ball,
  /// `(g − z⟨z, g⟩) / ‖x‖` where the row was rescaled.
  ///
  /// - Complexity: O(gradient.count).
  static func backward(_ gradient: [Float], projected: [Float], divisors: [Float], dimension: Int, sphere: Bool)
    -> [Float]
  {
    var inputGradient = gradient
    inputGradient.withUnsafeMutableBufferPointer { inputGradient in
      for (row, divisor) in divisors.enumerated() {
        let start = row * dimension
        // Strictly inside the ball the map is the identity.
        guard sphere || divisor > 1 else { continue }
        var radial: Float = 0
        for index in start..<start + dimension { radial += projected[index] * gradient[index] }
        for index in start..<start + dimension {
          inputGradient[index] = (gradient[index] - projected[index] * radial) / divisor
        }
      }
    }
    return inputGradient
  }
}
