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
  public static func loss<T: LossScalar>(
    exponentiatedGaps gaps: some Collection<T>, multiplicities: some Collection<T>
  ) -> T {
    T.log1p(competition(gaps, multiplicities))
  }

  /// `ℓ` and, for each distinct negative, the derivative of `ℓ` with respect to its
  /// score summed over its `n_i` copies: `s n_i e_i / Z` with `Z = 1 + Σ n_j e_j`.
  /// The derivative with respect to the positive score is minus their sum.
  ///
  /// - Complexity: O(n).
  @inlinable
  public static func lossAndGradient<T: LossScalar>(
    exponentiatedGaps gaps: some Collection<T>, multiplicities: some Collection<T>, scale: T
  ) -> (loss: T, negatives: [T]) {
    let sum = competition(gaps, multiplicities)
    return (T.log1p(sum), gradient(gaps, multiplicities, scale: scale, partition: T(1) + sum))
  }

  /// The derivatives of ``loss(exponentiatedGaps:multiplicities:)`` alone (no
  /// logarithm), for callers that need only the gradient.
  ///
  /// - Complexity: O(n).
  @inlinable
  public static func gradient<T: LossScalar>(
    exponentiatedGaps gaps: some Collection<T>, multiplicities: some Collection<T>, scale: T
  ) -> [T] {
    gradient(gaps, multiplicities, scale: scale, partition: T(1) + competition(gaps, multiplicities))
  }

  /// `s n_i e_i / Z` for each distinct negative.
  @inlinable
  static func gradient<T: LossScalar>(
    _ gaps: some Collection<T>, _ multiplicities: some Collection<T>, scale: T, partition: T
  ) -> [T] {
    zip(gaps, multiplicities).map { scale * $1 * $0 / partition }
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

  /// `Σ n_i e_i`: the total weight of the negatives against the positive's weight 1.
  @inlinable
  static func competition<T: LossScalar>(
    _ gaps: some Collection<T>, _ multiplicities: some Collection<T>
  ) -> T {
    precondition(gaps.count == multiplicities.count, "one multiplicity per negative")
    var sum = T(0)
    for (gap, count) in zip(gaps, multiplicities) { sum = sum + count * gap }
    return sum
  }
}
