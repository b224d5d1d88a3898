import ContrastiveLoss

/// The mean NCE loss of a batch (docs/theory.md §3) and its gradient with respect to the
/// representations, built on ``NCELoss/lossAndGradient(positive:negatives:scale:)``
/// one anchor at a time.
public enum ContrastiveObjective {
  /// `(1/B) Σ_i ℓ(f(x_i), f(x_i⁺), f(x⁻_{i1..ik}))` with scores `⟨f(x_i), f(y)⟩`,
  /// and `∂/∂f(row)` for every row of `embeddings` (`[2B, d]`).
  ///
  /// - Complexity: O(B · k · d).
  public static func lossAndGradient(
    embeddings: [Float], dimension: Int, batch: ContrastiveBatch, scale: Float
  ) -> (loss: Float, gradient: [Float]) {
    let (anchors, k) = (batch.anchorCount, batch.negativesPerAnchor)
    precondition(embeddings.count == 2 * anchors * dimension, "one representation per row")
    var gradient = [Float](repeating: 0, count: embeddings.count)
    var total: Float = 0
    let weight = 1 / Float(anchors)
    embeddings.withUnsafeBufferPointer { z in
      gradient.withUnsafeMutableBufferPointer { g in
        func dot(_ a: Int, _ b: Int) -> Float {
          var sum: Float = 0
          for index in 0..<dimension { sum += z[a * dimension + index] * z[b * dimension + index] }
          return sum
        }
        /// `g[target] += factor · z[source]`.
        func accumulate(_ target: Int, _ factor: Float, _ source: Int) {
          for index in 0..<dimension { g[target * dimension + index] += factor * z[source * dimension + index] }
        }
        var negativeScores = [Float](repeating: 0, count: k)
        for anchor in 0..<anchors {
          let positive = anchors + anchor
          let rows = batch.negativeRows[anchor * k..<(anchor + 1) * k]
          for (slot, row) in rows.enumerated() { negativeScores[slot] = dot(anchor, row) }
          let result = NCELoss.lossAndGradient(positive: dot(anchor, positive), negatives: negativeScores, scale: scale)
          total += result.loss
          accumulate(anchor, weight * result.positive, positive)
          accumulate(positive, weight * result.positive, anchor)
          for (slot, row) in rows.enumerated() {
            accumulate(anchor, weight * result.negatives[slot], row)
            accumulate(row, weight * result.negatives[slot], anchor)
          }
        }
      }
    }
    return (total * weight, gradient)
  }
}
