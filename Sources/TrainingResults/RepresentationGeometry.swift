/// How close the learned class means are to the regular simplex that docs/theory.md §5
/// (T2) predicts as the optimum for uniform classes.
public struct RepresentationGeometry: Codable, Equatable, Sendable {
  /// Mean squared distance of a test representation to its class's test mean, `E‖f(x) − μ_c‖²`.
  public var withinClassSpread: Double
  /// Class-frequency-weighted mean squared distance of the test class means to their
  /// overall mean, `Σ_c ρ_c ‖μ_c − μ̄‖²`.
  public var betweenClassSpread: Double
  /// `withinClassSpread / betweenClassSpread`: 0 for perfectly collapsed classes (T1).
  public var spreadRatio: Double
  /// `‖μ_c‖` of the training class means (1 at the simplex).
  public var classMeanNorms: [Double]
  /// `cos(μ_c, μ_c')` of the training class means, row-major `N × N`.
  public var classMeanCosines: [[Double]]
  /// The simplex value `−1/(N−1)` of every off-diagonal cosine.
  public var simplexCosine: Double
  /// Largest `|cos(μ_c, μ_c') + 1/(N−1)|` over `c ≠ c'`.
  public var cosineMaxAbsDeviation: Double
  /// Mean of `|cos(μ_c, μ_c') + 1/(N−1)|` over `c ≠ c'`.
  public var cosineMeanAbsDeviation: Double

  public init(
    withinClassSpread: Double, betweenClassSpread: Double, spreadRatio: Double, classMeanNorms: [Double],
    classMeanCosines: [[Double]], simplexCosine: Double, cosineMaxAbsDeviation: Double, cosineMeanAbsDeviation: Double
  ) {
    self.withinClassSpread = withinClassSpread
    self.betweenClassSpread = betweenClassSpread
    self.spreadRatio = spreadRatio
    self.classMeanNorms = classMeanNorms
    self.classMeanCosines = classMeanCosines
    self.simplexCosine = simplexCosine
    self.cosineMaxAbsDeviation = cosineMaxAbsDeviation
    self.cosineMeanAbsDeviation = cosineMeanAbsDeviation
  }
}
