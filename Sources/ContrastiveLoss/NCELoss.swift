/// The per-draw contrastive (NCE / InfoNCE) loss of theory.md §3, the only
/// implementation of it in the project.
///
/// For an anchor with positive score `g⁺` and negative scores `g_i` (inner
/// products of representations), scale `s` and multiplicities `n_i`:
///
///     ℓ = log(1 + Σ_i n_i · e_i),   e_i = exp(s · (g_i − g⁺))
///
/// Scores of representations in the unit ball lie in `[-1, 1]`, so every
/// exponent is at most `2s`; in `Float` that stays finite for `s < 44`.
public enum NCELoss {
  /// `e = exp(s · (negative − positive))`: how strongly one negative competes with the positive.
  public static func exponentiatedGap<T: LossScalar>(positive: T, negative: T, scale: T) -> T {
    T.exp(scale * (negative - positive))
  }

  /// `ℓ = log(1 + Σ n_i e_i)` from precomputed exponentiated gaps, for callers
  /// that evaluate many draws against the same few score values.
  ///
  /// - Complexity: O(n).
  public static func loss<T: LossScalar>(
    exponentiatedGaps gaps: some Collection<T>, multiplicities: some Collection<T>
  ) -> T {
    precondition(gaps.count == multiplicities.count, "one multiplicity per negative")
    var sum = T(0)
    for (gap, count) in zip(gaps, multiplicities) { sum = sum + count * gap }
    return T.log1p(sum)
  }

  /// `ℓ` for one anchor whose negatives are listed once each.
  ///
  /// - Complexity: O(k) for k negatives.
  public static func loss<T: LossScalar>(positive: T, negatives: some Collection<T>, scale: T) -> T {
    var sum = T(0)
    for negative in negatives { sum = sum + exponentiatedGap(positive: positive, negative: negative, scale: scale) }
    return T.log1p(sum)
  }

  /// `ℓ` and its partial derivatives with respect to the scores:
  /// `∂ℓ/∂g_i = s e_i / Z` and `∂ℓ/∂g⁺ = −s (Z − 1) / Z`, where `Z = 1 + Σ e_i`.
  ///
  /// - Complexity: O(k).
  public static func lossAndGradient<T: LossScalar>(
    positive: T, negatives: [T], scale: T
  ) -> (loss: T, positive: T, negatives: [T]) {
    let gaps = negatives.map { exponentiatedGap(positive: positive, negative: $0, scale: scale) }
    var sum = T(0)
    for gap in gaps { sum = sum + gap }
    let partition = T(1) + sum
    return (T.log1p(sum), -(scale * sum) / partition, gaps.map { scale * $0 / partition })
  }
}
