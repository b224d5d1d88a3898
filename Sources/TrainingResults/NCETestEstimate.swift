/// A Monte-Carlo estimate of the population NCE loss `L_k` (docs/theory.md §3) of a
/// representation on held-out images, with a 95% confidence interval.
public struct NCETestEstimate: Codable, Equatable, Sendable {
  public var negatives: Int
  public var draws: Int
  public var mean: Double
  /// Normal-approximation interval `mean ± 1.96 · sd / √draws`.
  public var lower95: Double
  public var upper95: Double

  public init(negatives: Int, draws: Int, mean: Double, lower95: Double, upper95: Double) {
    self.negatives = negatives
    self.draws = draws
    self.mean = mean
    self.lower95 = lower95
    self.upper95 = upper95
  }
}
