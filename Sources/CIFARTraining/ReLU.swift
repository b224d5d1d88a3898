/// The rectifier `max(0, x)`, applied in place after each convolution.
public enum ReLU {
  /// Replaces every negative value by 0.
  ///
  /// - Complexity: O(values.count).
  static func apply(_ values: inout [Float]) {
    values.withUnsafeMutableBufferPointer { values in
      // Branch-free, so the loop vectorises.
      for index in values.indices { values[index] = max(values[index], 0) }
    }
  }

  /// Zeroes the gradient where the rectified output was 0 (the unit was off).
  ///
  /// - Complexity: O(gradient.count).
  static func backward(_ gradient: inout [Float], output: [Float]) {
    precondition(gradient.count == output.count, "ReLU gradient shape")
    gradient.withUnsafeMutableBufferPointer { gradient in
      output.withUnsafeBufferPointer { output in
        for index in gradient.indices { gradient[index] = output[index] > 0 ? gradient[index] : 0 }
      }
    }
  }
}
