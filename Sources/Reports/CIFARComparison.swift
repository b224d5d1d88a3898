import CIFARTraining
import ExactArithmetic
import LatentClassTheory

/// A trained CIFAR sweep beside the exact predictions for its class-level model
/// (theory.md §5): the certified population optimum `L*_k` as a floor under the
/// trained NCE loss, the simplex geometry against the learned class means, and
/// the optimum's downstream loss against the trained one.
public struct CIFARComparison: Sendable {
  /// One trained `k` and the certified optimum of the matching model.
  public struct Row: Sendable {
    public let run: NegativesRunResult
    /// `L*_k`, certified; `nil` when the run's class frequencies are not uniform
    /// (the optimum is then not the simplex and needs the general engine).
    public let optimumLoss: Interval?
  }

  public let sweep: SweepResult
  public let rows: [Row]
  /// The class-level model: `N` classes, scale `s` exactly as trained (a `Float`, so a dyadic rational).
  public let classes: Int
  public let scale: Rational
  /// Whether every class has the same training frequency, so T2 predicts the simplex.
  public let isUniform: Bool
  /// The optimum's N-way mean-classifier loss (uniform models only).
  public let predictedDownstreamLoss: Interval?
  public let precision: Int

  /// Certifies `L*_k` for every trained `k` of a uniform sweep.
  ///
  /// - Complexity: that of ``UniformVerification`` over the sweep's values of `k`.
  public init(sweep: SweepResult, precision: Int) {
    self.sweep = sweep
    self.precision = precision
    classes = sweep.classes.count
    scale = Rational(exactly: Double(sweep.scale)) ?? 1
    let expected = 1 / Double(max(classes, 1))
    isUniform = sweep.classFrequencies.allSatisfy { abs($0 - expected) < 1e-9 }
    guard isUniform, classes >= 2 else {
      rows = sweep.runs.map { Row(run: $0, optimumLoss: nil) }
      predictedDownstreamLoss = nil
      return
    }
    let verification = UniformVerification(
      model: UniformModel(classes: classes, scale: scale, precision: precision), negatives: sweep.runs.map(\.negatives))
    let optimum = Dictionary(uniqueKeysWithValues: verification.rows.map { ($0.negatives, $0.contrastiveLoss) })
    rows = sweep.runs.map { Row(run: $0, optimumLoss: optimum[$0.negatives]) }
    predictedDownstreamLoss = verification.downstream.weightedLoss
  }

  /// Whether the trained loss's 95% interval lies above the certified floor, as it must
  /// for any representation in the unit ball (up to sampling error): `nil` without a floor.
  public func isAboveFloor(_ row: Row) -> Bool? {
    guard let floor = row.optimumLoss else { return nil }
    return row.run.evaluation.nceTestLoss.upper95 >= floor.approximateDouble
  }
}
