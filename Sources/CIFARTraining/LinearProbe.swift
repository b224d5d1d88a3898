import ContrastiveLoss
import SeededRandom

/// Multinomial logistic regression on frozen representations: the standard
/// linear-evaluation protocol.
///
/// Its softmax cross-entropy `log Σ_c e^{w_c·x − w_y·x}` is the NCE loss with the true
/// class's logit as positive and the others as negatives at scale 1, so it is
/// evaluated by ``NCELoss`` rather than a second copy of the formula.
public struct LinearProbe: Sendable {
  /// `[N, d + 1]`: one weight row per class, the bias last.
  public private(set) var weights: [Float]
  public let classCount: Int
  public let dimension: Int

  /// Fits by Adam on mini-batches of 256 in a seeded order.
  ///
  /// - Complexity: O(epochs · n · N · d).
  public init(
    features: [Float], labels: [Int], classCount: Int, dimension: Int,
    epochs: Int = 30, learningRate: Float = 1e-2, weightDecay: Float = 1e-4, using generator: inout SplitMix64
  ) {
    self.classCount = classCount
    self.dimension = dimension
    let width = dimension + 1
    weights = [Float](repeating: 0, count: classCount * width)
    var optimizer = AdamOptimizer(parameterCount: weights.count, weightDecay: weightDecay)
    var order = Array(labels.indices)
    let batchSize = 256
    for _ in 0..<epochs {
      order.shuffle(using: &generator)
      for start in stride(from: 0, to: order.count, by: batchSize) {
        let rows = order[start..<min(start + batchSize, order.count)]
        var gradient = [Float](repeating: 0, count: weights.count)
        for row in rows {
          let logits = self.logits(features, row: row)
          let label = labels[row]
          let others = logits.indices.filter { $0 != label }
          let result = NCELoss.lossAndGradient(positive: logits[label], negatives: others.map { logits[$0] }, scale: 1)
          var logitGradient = [Float](repeating: 0, count: classCount)
          logitGradient[label] = result.positive
          for (slot, other) in others.enumerated() { logitGradient[other] = result.negatives[slot] }
          for label in 0..<classCount {
            let factor = logitGradient[label] / Float(rows.count)
            for index in 0..<dimension { gradient[label * width + index] += factor * features[row * dimension + index] }
            gradient[label * width + dimension] += factor
          }
        }
        optimizer.update(&weights, gradient: gradient, learningRate: learningRate)
      }
    }
  }

  /// `w_c · x + b_c` for every class.
  ///
  /// - Complexity: O(N · d).
  public func logits(_ features: [Float], row: Int) -> [Float] {
    let width = dimension + 1
    return (0..<classCount).map { label in
      var sum = weights[label * width + dimension]
      for index in 0..<dimension { sum += weights[label * width + index] * features[row * dimension + index] }
      return sum
    }
  }

  /// Fraction of rows whose largest logit is the label's (ties count as errors).
  ///
  /// - Complexity: O(n · N · d).
  public func accuracy(features: [Float], labels: [Int]) -> Double {
    let correct = labels.indices.filter { row in
      let logits = logits(features, row: row)
      return logits.indices.allSatisfy { $0 == labels[row] || logits[$0] < logits[labels[row]] }
    }.count
    return Double(correct) / Double(max(labels.count, 1))
  }
}
