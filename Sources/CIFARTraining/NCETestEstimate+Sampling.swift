import ContrastiveLoss
import SeededRandom
import TrainingResults

extension NCETestEstimate {
  /// Averages `ℓ` over `draws` independent latent-class draws from the test set
  /// (anchor uniform, positive uniform in its class, `k` negatives i.i.d. uniform).
  ///
  /// - Complexity: O(draws · k · d).
  public init(
    features: [Float], labels: [Int], dimension: Int, negatives: Int, scale: Float, draws: Int,
    using generator: inout SplitMix64
  ) {
    var byClass = [Int: [Int]]()
    for (row, label) in labels.enumerated() { byClass[label, default: []].append(row) }
    func dot(_ a: Int, _ b: Int) -> Float {
      var sum: Float = 0
      for index in 0..<dimension { sum += features[a * dimension + index] * features[b * dimension + index] }
      return sum
    }
    var sum = 0.0
    var squares = 0.0
    var scores = [Float](repeating: 0, count: negatives)
    for _ in 0..<draws {
      let anchor = generator.index(below: labels.count)
      let sameClass = byClass[labels[anchor]]!
      let positive = sameClass[generator.index(below: sameClass.count)]
      for slot in 0..<negatives { scores[slot] = dot(anchor, generator.index(below: labels.count)) }
      let loss = Double(NCELoss.loss(positive: dot(anchor, positive), negatives: scores, scale: scale))
      sum += loss
      squares += loss * loss
    }
    let n = Double(max(draws, 1))
    let variance = max(squares / n - (sum / n) * (sum / n), 0) * n / max(n - 1, 1)
    let halfWidth = 1.96 * (variance / n).squareRoot()
    let mean = sum / n
    self.init(
      negatives: negatives, draws: draws, mean: mean, lower95: mean - halfWidth, upper95: mean + halfWidth)
  }
}
