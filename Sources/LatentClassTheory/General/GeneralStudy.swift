import ExactArithmetic

/// Everything `verify` reports for a general model: certified rows, C1 verdicts and,
/// for non-overlapping point-level models, the T1 collapse comparison.
public struct GeneralStudy: Sendable {
  public let model: LatentClassModel
  public let scale: Rational
  public let precision: Int
  public let gapTolerance: Rational
  /// The certified rows, one per `k` (point level when the model has points).
  public let rows: [GeneralRow]
  /// C1 verdict about the exact optima for each consecutive pair of rows (docs/theory.md §8).
  public let verdicts: [MonotonicityVerdict]
  /// C1 verdict about the certified near-optimal points `Ĝ_k` for each consecutive pair of rows.
  public let nearOptimumVerdicts: [MonotonicityVerdict]
  /// For non-overlapping point-level models: the class-level optimum for each `k` and whether the optima agree (T1).
  public let collapse: [CollapseCheck.Comparison]?

  /// Runs the study; `progress` gets the rows certified so far and the total.
  ///
  /// - Complexity: one or (with collapse) two ``GeneralVerification/run(model:ks:scale:engine:precision:gapTolerance:)``.
  public init(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine = .automatic,
    precision: Int = Defaults.precision,
    gapTolerance: Rational = Defaults.gapTolerance, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
  ) {
    self.model = model
    self.scale = scale
    self.precision = precision
    self.gapTolerance = gapTolerance
    if !model.isClassLevel && !model.isOverlapping {
      let comparisons = CollapseCheck.compareOptima(
        model: model, ks: ks, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
        progress: { progress($0, 2 * ks.count) })
      collapse = comparisons
      rows = comparisons.map(\.pointLevel)
    } else {
      collapse = nil
      rows = GeneralVerification.run(
        model: model, ks: ks, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
        progress: { progress($0, ks.count) })
    }
    verdicts = GeneralVerification.verdicts(rows)
    nearOptimumVerdicts = GeneralVerification.nearOptimumVerdicts(rows)
  }

  /// Whether every row is certified.
  public var allRowsVerified: Bool { rows.allSatisfy { $0.status == .verified } }

  /// The overall C1 verdict about the exact optima (see ``GeneralVerification/overall(_:)``).
  public var monotonicity: MonotonicityVerdict { GeneralVerification.overall(verdicts) }

  /// The overall C1 verdict about the certified near-optimal points.
  public var nearOptimumMonotonicity: MonotonicityVerdict { GeneralVerification.overall(nearOptimumVerdicts) }

  /// Whether every row's optimum is located (docs/theory.md §8).
  public var allRowsLocated: Bool { rows.allSatisfy(\.isLocated) }

  /// The T1 verdict: `true` when every `k` has consistent certified optima, `nil` when not applicable.
  public var collapseHolds: Bool? { collapse.map { $0.allSatisfy(\.consistent) } }

  /// T1 with uniqueness for every `k` (see ``CollapseCheck/Comparison/uniqueOptimumCollapsed``), `nil` when not applicable.
  public var uniqueOptimumCollapsed: Verdict? { collapse.map { Verdict.all($0.map(\.uniqueOptimumCollapsed)) } }
}
