/// The downstream (supervised) loss of the mean classifier, docs/theory.md §4.
///
/// For an input of class `c`, the mean classifier scores class `c'` by
/// `s · ⟨μ_{c'}, f(x)⟩`; its loss `log Σ_{c'} exp(s⟨μ_{c'}, f(x)⟩ − s⟨μ_c, f(x)⟩)` is
/// the NCE loss with the true class mean as the positive and every other class
/// mean as one negative, so it is evaluated by ``NCELoss``.
public enum MeanClassifierLoss {
  /// The N-way loss for one input, given its inner products with every class mean.
  ///
  /// - Complexity: O(N).
  @inlinable
  public static func loss<T: LossScalar>(innerProducts: [T], label: Int, scale: T) -> T {
    precondition(innerProducts.indices.contains(label), "label out of range")
    let others = innerProducts.indices.lazy.filter { $0 != label }.map { innerProducts[$0] }
    return NCELoss.loss(positive: innerProducts[label], negatives: others, scale: scale)
  }
}
