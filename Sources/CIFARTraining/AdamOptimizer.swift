import Foundation

/// Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW) over one flat
/// parameter vector; its whole state is checkpointed so a resumed run is identical.
public struct AdamOptimizer: Sendable, Equatable {
  public var beta1: Float = 0.9
  public var beta2: Float = 0.999
  public var epsilon: Float = 1e-8
  /// Decoupled decay per unit learning rate (`θ ← θ − lr·λ·θ`).
  public var weightDecay: Float
  /// Exponential average of gradients.
  public var firstMoment: [Float]
  /// Exponential average of squared gradients.
  public var secondMoment: [Float]
  /// Updates taken so far (for the bias correction).
  public var step: Int = 0

  public init(parameterCount: Int, weightDecay: Float = 0) {
    self.weightDecay = weightDecay
    firstMoment = [Float](repeating: 0, count: parameterCount)
    secondMoment = [Float](repeating: 0, count: parameterCount)
  }

  /// One update of `parameters` against `gradient` with step size `learningRate`.
  ///
  /// - Complexity: O(parameters.count).
  public mutating func update(_ parameters: inout [Float], gradient: [Float], learningRate: Float) {
    precondition(parameters.count == gradient.count && gradient.count == firstMoment.count, "parameter count")
    step += 1
    let correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(step)))
    let correction2 = 1 - Float(Foundation.pow(Double(beta2), Double(step)))
    let (beta1, beta2, epsilon, decay) = (beta1, beta2, epsilon, weightDecay)
    parameters.withUnsafeMutableBufferPointer { theta in
      gradient.withUnsafeBufferPointer { g in
        firstMoment.withUnsafeMutableBufferPointer { m in
          secondMoment.withUnsafeMutableBufferPointer { v in
            for index in theta.indices {
              m[index] = beta1 * m[index] + (1 - beta1) * g[index]
              v[index] = beta2 * v[index] + (1 - beta2) * g[index] * g[index]
              let update = (m[index] / correction1) / ((v[index] / correction2).squareRoot() + epsilon)
              theta[index] -= learningRate * (update + decay * theta[index])
            }
          }
        }
      }
    }
  }
}
