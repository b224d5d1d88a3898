import SeededRandom

/// One batch of latent-class draws (docs/theory.md §1) over a set of labelled images.
///
/// Rows `0 ..< anchorCount` are anchors, rows `anchorCount ..< 2·anchorCount` their
/// positives. Anchor `i`'s `k` negatives are the rows
/// `negativeRows[i·k ..< (i+1)·k]`, taken from *other* draws of the same batch.
public struct ContrastiveBatch: Sendable {
  /// The training image of every row (anchors first, then positives).
  public var imageIndices: [Int]
  /// Number of anchors `B`.
  public var anchorCount: Int
  /// Negatives per anchor `k`.
  public var negativesPerAnchor: Int
  /// For each anchor, the rows used as its negatives.
  public var negativeRows: [Int]
}

/// Draws ``ContrastiveBatch``es so that every anchor sees exactly the distribution of §1.
///
/// - Anchors are i.i.d. uniform over the training images, i.e. class `c ~ ρ`
///   (the empirical class frequencies) and then `x ~ D_c` (uniform within the class).
/// - Each positive is an independent uniform image of the anchor's class (it may be
///   the anchor itself, as `x⁺ = x` is allowed in §1; augmentation still makes the two
///   views differ).
/// - Anchor `i`'s negatives come from `k` *distinct other* pairs `j ≠ i` of the batch,
///   chosen uniformly, taking the anchor or the positive of pair `j` by a fair coin.
///   Distinct pairs are independent of each other and of pair `i`, and each member of
///   a pair is marginally a uniform training image, so the `k` negatives are exactly
///   i.i.d. draws from `D̄` (same-class collisions included), while their
///   representations are shared with the rest of the batch and cost nothing extra.
///   This needs `B ≥ k + 1`; the trainer enlarges the batch when `k` demands it.
public struct LatentClassSampler: Sendable {
  let labels: [Int]
  let indicesByClass: [[Int]]

  public init(images: LabeledImages) {
    labels = images.labels
    indicesByClass = images.indicesByClass
  }

  /// A batch of `anchors` draws with `negatives` negatives each.
  ///
  /// - Complexity: O(anchors · (negatives + 1)).
  public func draw(anchors: Int, negatives: Int, using generator: inout SplitMix64) -> ContrastiveBatch {
    precondition(negatives >= 1 && anchors >= negatives + 1, "a batch needs more anchors than negatives per anchor")
    var imageIndices = [Int](repeating: 0, count: 2 * anchors)
    for slot in 0..<anchors {
      let anchor = generator.index(below: labels.count)
      let sameClass = indicesByClass[labels[anchor]]
      imageIndices[slot] = anchor
      imageIndices[anchors + slot] = sameClass[generator.index(below: sameClass.count)]
    }
    // A partial Fisher–Yates shuffle of `others` yields a uniform k-subset of
    // {0, …, B−2}; shifting values ≥ i by one skips pair i. Reusing the shuffled
    // array across anchors keeps each subset uniform.
    var others = Array(0..<anchors - 1)
    var negativeRows = [Int](repeating: 0, count: anchors * negatives)
    for slot in 0..<anchors {
      for draw in 0..<negatives {
        let pick = draw + generator.index(below: anchors - 1 - draw)
        others.swapAt(draw, pick)
        let pair = others[draw] < slot ? others[draw] : others[draw] + 1
        negativeRows[slot * negatives + draw] = generator.index(below: 2) == 0 ? pair : anchors + pair
      }
    }
    return ContrastiveBatch(
      imageIndices: imageIndices, anchorCount: anchors, negativesPerAnchor: negatives, negativeRows: negativeRows)
  }
}
