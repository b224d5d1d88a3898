/// A fully connected layer `y = W x + b` applied to a batch of rows.
///
/// Parameters are a slice of the encoder's flat vector: `W` as `[outputs, inputs]`
/// row-major, then `b`.
public struct Linear: Sendable {
  public let inputs: Int
  public let outputs: Int

  public init(inputs: Int, outputs: Int) {
    self.inputs = inputs
    self.outputs = outputs
  }

  /// Number of weights and biases.
  public var parameterCount: Int { outputs * inputs + outputs }

  /// `[batch, outputs]` from `[batch, inputs]`.
  ///
  /// - Complexity: O(batch · inputs · outputs).
  func forward(_ input: [Float], batch: Int, parameters: UnsafePointer<Float>) -> [Float] {
    precondition(input.count == batch * inputs, "linear input shape")
    let bias = parameters + outputs * inputs
    var output = [Float](repeating: 0, count: batch * outputs)
    output.withUnsafeMutableBufferPointer { output in
      for row in 0..<batch {
        for column in 0..<outputs { output[row * outputs + column] = bias[column] }
      }
      input.withUnsafeBufferPointer { input in
        multiply(
          input.baseAddress!, transposed: false, parameters, transposed: true,
          into: output.baseAddress!, m: batch, n: outputs, k: inputs, beta: 1)
      }
    }
    return output
  }

  /// Accumulates the parameter gradient and returns `∂L/∂input`.
  ///
  /// - Complexity: O(batch · inputs · outputs).
  func backward(
    outputGradient: [Float], input: [Float], batch: Int,
    parameters: UnsafePointer<Float>, parameterGradient: UnsafeMutablePointer<Float>
  ) -> [Float] {
    var inputGradient = [Float](repeating: 0, count: batch * inputs)
    outputGradient.withUnsafeBufferPointer { outputGradient in
      let gradient = outputGradient.baseAddress!
      input.withUnsafeBufferPointer { input in
        multiply(
          gradient, transposed: true, input.baseAddress!, transposed: false,
          into: parameterGradient, m: outputs, n: inputs, k: batch, beta: 1)
      }
      let biasGradient = parameterGradient + outputs * inputs
      for row in 0..<batch {
        for column in 0..<outputs { biasGradient[column] += gradient[row * outputs + column] }
      }
      inputGradient.withUnsafeMutableBufferPointer { inputGradient in
        multiply(
          gradient, transposed: false, parameters, transposed: false,
          into: inputGradient.baseAddress!, m: batch, n: inputs, k: outputs)
      }
    }
    return inputGradient
  }
}
