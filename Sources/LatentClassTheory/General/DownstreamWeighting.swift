import ExactArithmetic

/// Which mean-classifier loss the C1 comparison orders across `k` (docs/theory.md §4, §11): the
/// conjecture does not say, and the answer can differ (the C1 counterexample holds for one only).
public enum DownstreamWeighting: String, Sendable, CaseIterable {
  /// Inputs weighted by `ρ`, the class distribution of the contrastive task (the default).
  case weighted
  /// Every class weighted `1/N`.
  case balanced

  /// The loss this weighting selects from `metrics`.
  public func loss(of metrics: DownstreamMetrics) -> Interval {
    self == .weighted ? metrics.weightedLoss : metrics.balancedLoss
  }

  /// How reports name it: "ρ-weighted" or "balanced".
  public var phrase: String { self == .weighted ? "ρ-weighted" : "balanced" }
}
