/// The per-draw contrastive (NCE / InfoNCE) loss of docs/theory.md §3, the only
/// implementation of it in the project.
///
/// For an anchor with positive score `g⁺` and negative scores `g_i` (inner
/// products of representations), scale `s` and multiplicities `n_i`:
///
///     ℓ = log(1 + Σ_i n_i · e_i),   e_i = exp(s · (g_i − g⁺))
///
/// Scores of representations in the unit ball lie in `[-1, 1]`, so every
/// exponent is at most `2s`; in `Float` that stays finite for `s < 44`.
///
/// The functions are `@inlinable` so the trainer's `Float` calls are specialised:
/// unspecialised, every draw paid for generic metadata lookups.
public enum NCELoss {
  /// `e = exp(s · (negative − positive))`: how strongly one negative competes with the positive.
  @inlinable
  public static func exponentiatedGap<T: LossScalar>(positive: T, negative: T, scale: T) -> T {
    T.exp(scale * (negative - positive))
  }

  /// `ℓ = log(1 + Σ n_i e_i)` from precomputed exponentiated gaps, for callers
  /// that evaluate many draws against the same few score values.
  ///
  /// - Complexity: O(n) for n distinct negatives.
  @inlinable
  public static func loss<T: LossScalar, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>>(
    exponentiatedGaps gaps: Gaps, multiplicities: Counts
  ) -> T where Gaps.Index == Int, Counts.Index == Int {
    T.log1p(competition(gaps, multiplicities, over: matchedIndices(gaps, multiplicities)))
  }

  /// `ℓ` and, for each distinct negative, the derivative of `ℓ` with respect to its
  /// score summed over its `n_i` copies: `s n_i e_i / Z` with `Z = 1 + Σ n_j e_j`.
  /// The derivative with respect to the positive score is minus their sum.
  ///
  /// - Complexity: O(n).
  @inlinable
  public static func lossAndGradient<
    T: LossScalar, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>
  >(
    exponentiatedGaps gaps: Gaps, multiplicities: Counts, scale: T
  ) -> (loss: T, negatives: [T]) where Gaps.Index == Int, Counts.Index == Int {
    let indices = matchedIndices(gaps, multiplicities)
    var negatives = [T](repeating: T(0), count: gaps.count)
    let loss = lossAndGradient(
      exponentiatedGaps: gaps, multiplicities: multiplicities, support: indices, scale: scale
    ) { negatives[$0 - indices.lowerBound] = $1 }
    return (loss, negatives)
  }

  /// ``lossAndGradient(exponentiatedGaps:multiplicities:scale:)`` for one draw of an expectation,
  /// without allocating: `body(i, s n_i e_i / Z)` is called for each `i` of `support`, in order.
  ///
  /// `support` must hold every `i` with `n_i ≠ 0` (the others add nothing to `Z` and have derivative
  /// 0), so a sparse draw costs O(|support|) however many negatives the gaps list; an engine that sums
  /// over many draws accumulates the derivatives in `body`.
  ///
  /// Error bound: the operations and their order are those of the allocating form, which passes every
  /// index as `support`. Leaving out an `i` with `n_i = 0` (and `e_i` finite) leaves out `+ 0 · e_i`,
  /// which is exact in `Float`, `Double` and, when its operands carry no more precision than the
  /// other terms', in `Interval`: the results are the same bits. `DoubleInterval` steps every
  /// operation outward, even `+ 0`, so there the enclosures differ (the derivatives' are narrower).
  ///
  /// - Complexity: O(|support|).
  @inlinable
  public static func lossAndGradient<
    T: LossScalar, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>, Support: Collection<Int>
  >(
    exponentiatedGaps gaps: Gaps, multiplicities: Counts, support: Support, scale: T,
    _ body: (_ index: Int, _ derivative: T) -> Void
  ) -> T where Gaps.Index == Int, Counts.Index == Int {
    _ = matchedIndices(gaps, multiplicities)
    let sum = competition(gaps, multiplicities, over: support)
    distribute(gaps, multiplicities, over: support, scale: scale, partition: T(1) + sum, body)
    return T.log1p(sum)
  }

  /// The derivatives of ``loss(exponentiatedGaps:multiplicities:)`` alone (no
  /// logarithm), for callers that need only the gradient.
  ///
  /// - Complexity: O(n).
  @inlinable
  public static func gradient<T: LossScalar, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>>(
    exponentiatedGaps gaps: Gaps, multiplicities: Counts, scale: T
  ) -> [T] where Gaps.Index == Int, Counts.Index == Int {
    let indices = matchedIndices(gaps, multiplicities)
    var negatives = [T](repeating: T(0), count: gaps.count)
    let partition = T(1) + competition(gaps, multiplicities, over: indices)
    distribute(gaps, multiplicities, over: indices, scale: scale, partition: partition) {
      negatives[$0 - indices.lowerBound] = $1
    }
    return negatives
  }

  /// `body(i, s n_i e_i / Z)` for each `i` of `support`; `s · n_i` first, so that at `s = 1` it is exact.
  @inlinable
  static func distribute<T: LossScalar, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>>(
    _ gaps: Gaps, _ multiplicities: Counts, over support: some Collection<Int>, scale: T, partition: T,
    _ body: (_ index: Int, _ derivative: T) -> Void
  ) where Gaps.Index == Int, Counts.Index == Int {
    for i in support { body(i, scale * multiplicities[i] * gaps[i] / partition) }
  }

  /// `ℓ` for one anchor whose negatives are listed once each.
  ///
  /// - Complexity: O(k) for k negatives.
  @inlinable
  public static func loss<T: LossScalar>(positive: T, negatives: some Collection<T>, scale: T) -> T {
    loss(
      exponentiatedGaps: negatives.map { exponentiatedGap(positive: positive, negative: $0, scale: scale) },
      multiplicities: repeatElement(T(1), count: negatives.count))
  }

  /// `ℓ` with its derivatives with respect to the positive score and each negative score.
  ///
  /// - Complexity: O(k).
  @inlinable
  public static func lossAndGradient<T: LossScalar>(
    positive: T, negatives: [T], scale: T
  ) -> (loss: T, positive: T, negatives: [T]) {
    let (loss, gradient) = lossAndGradient(
      exponentiatedGaps: negatives.map { exponentiatedGap(positive: positive, negative: $0, scale: scale) },
      multiplicities: repeatElement(T(1), count: negatives.count), scale: scale)
    return (loss, -gradient.reduce(T(0), +), gradient)
  }

  /// `Σ n_i e_i` over `support` in order, from 0: the total weight of the negatives against the
  /// positive's weight 1.
  @inlinable
  static func competition<T: LossScalar, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>>(
    _ gaps: Gaps, _ multiplicities: Counts, over support: some Collection<Int>
  ) -> T where Gaps.Index == Int, Counts.Index == Int {
    var sum = T(0)
    for i in support { sum = sum + multiplicities[i] * gaps[i] }
    return sum
  }

  /// The indices the gaps and their multiplicities share (they must be indexed alike).
  @inlinable
  static func matchedIndices<T, Gaps: RandomAccessCollection<T>, Counts: RandomAccessCollection<T>>(
    _ gaps: Gaps, _ multiplicities: Counts
  ) -> Range<Int> where Gaps.Index == Int, Counts.Index == Int {
    precondition(
      gaps.startIndex == multiplicities.startIndex && gaps.endIndex == multiplicities.endIndex,
      "one multiplicity per negative")
    return gaps.startIndex..<gaps.endIndex
  }
}
