import ExactArithmetic

/// Everything `verify` reports for a general model: certified rows, C1 verdicts and,
/// for non-overlapping point-level models, the T1 collapse comparison, summed up in ``claims``.
public struct GeneralStudy: Sendable {
  public let model: LatentClassModel
  public let scale: Rational
  public let precision: Int
  public let gapTolerance: Rational
  /// The certified rows, one per `k` (point level when the model has points).
  public let rows: [GeneralRow]
  /// Which downstream loss the C1 verdicts order.
  public let weighting: DownstreamWeighting
  /// How exactly equal losses at consecutive `k` count in the C1 verdicts.
  public let ties: TieRule
  /// Which rows were to be refined in MPFR before locating.
  public let refinement: RefinementPolicy
  /// Whether the Laplace rows of C1 pairs left undecided were refined.
  public let refinedUndecidedLaplaceRows: Bool
  /// C1 verdict about the exact optima for each consecutive pair of rows (docs/theory.md §8):
  /// `verified` non-increasing, `refuted` an increase.
  public let verdicts: [Verdict]
  /// C1 verdict about the certified near-optimal points `Ĝ_k` for each consecutive pair of rows.
  public let nearOptimumVerdicts: [Verdict]
  /// For non-overlapping point-level models: the class-level optimum for each `k` and whether the optima agree (T1).
  public let collapse: [CollapseCheck.Comparison]?

  /// Runs the study; `progress` gets the rows certified so far and the total. With `refinement`
  /// ``RefinementPolicy/needed``, the rows of C1 pairs the unrefined locations leave undecided are then
  /// refined (class level: ``GeneralVerification/refiningUndecidedPairs(_:model:scale:precision:gapTolerance:weighting:engines:)``,
  /// Laplace rows only with `refineUndecidedPairs`; point level: those `k` are certified again with every
  /// class-level row refined).
  ///
  /// - Complexity: one or (with collapse) two
  ///   ``GeneralVerification/run(model:ks:scale:engine:precision:gapTolerance:locate:refinement:starts:progress:)``,
  ///   and the refinements.
  public init(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine = .automatic,
    precision: Int = Defaults.precision, gapTolerance: Rational = Defaults.gapTolerance,
    weighting: DownstreamWeighting = Defaults.downstreamWeighting, ties: TieRule = Defaults.ties,
    refinement: RefinementPolicy = Defaults.refinement, refineUndecidedPairs: Bool = Defaults.refineUndecidedPairs,
    progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
  ) {
    self.model = model
    self.weighting = weighting
    self.ties = ties
    self.scale = scale
    self.precision = precision
    self.gapTolerance = gapTolerance
    self.refinement = refinement
    self.refinedUndecidedLaplaceRows = refineUndecidedPairs
    if !model.isClassLevel && !model.isOverlapping {
      let comparisons = Self.comparisons(
        model: model, ks: ks, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
        weighting: weighting, refinement: refinement, engines: Self.refinedOnDemand(refineUndecidedPairs),
        progress: { progress($0, 2 * ks.count) })
      collapse = comparisons
      rows = comparisons.map(\.pointLevel)
    } else {
      collapse = nil
      let certified = GeneralVerification.run(
        model: model, ks: ks, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
        refinement: refinement, progress: { progress($0, ks.count) })
      if refinement == .every {
        rows = GeneralVerification.refiningEveryRow(
          certified, model: model, scale: scale, precision: precision, gapTolerance: gapTolerance)
      } else {
        rows = GeneralVerification.refiningUndecidedPairs(
          certified, model: model, scale: scale, precision: precision, gapTolerance: gapTolerance, weighting: weighting,
          engines: Self.refinedOnDemand(refineUndecidedPairs))
      }
    }
    verdicts = GeneralVerification.verdicts(rows, weighting: weighting)
    nearOptimumVerdicts = GeneralVerification.nearOptimumVerdicts(rows, weighting: weighting, ties: ties)
  }

  /// The T1 comparisons of a non-overlapping point-level model; with `refinement`
  /// ``RefinementPolicy/needed``, the `k` of C1 pairs left undecided (rows of the `engines` given) are
  /// certified again with every class-level row refined: point-level rows are lifted from the
  /// class-level ones, so a tighter location needs those (with ``RefinementPolicy/every`` they were).
  private static func comparisons(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine, precision: Int,
    gapTolerance: Rational, weighting: DownstreamWeighting, refinement: RefinementPolicy,
    engines: Set<ExpectationEngine>, progress: (_ rowsDone: Int) -> Void
  ) -> [CollapseCheck.Comparison] {
    var comparisons = CollapseCheck.compareOptima(
      model: model, ks: ks, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
      refinement: refinement, progress: progress)
    let points = comparisons.map(\.pointLevel)
    let again = GeneralVerification.undecidedPairRows(points, weighting: weighting)
      .filter { engines.contains(points[$0].engine) && points[$0].refinement == nil }
    guard refinement == .needed, model.pointCount <= CurvatureCertificate.maximumPoints, !again.isEmpty else {
      return comparisons
    }
    let refined = CollapseCheck.compareOptima(
      model: model, ks: again.map { ks[$0] }, scale: scale, engine: engine, precision: precision,
      gapTolerance: gapTolerance, refinement: .every)
    for (index, comparison) in zip(again, refined) { comparisons[index] = comparison }
    return comparisons
  }

  /// The engines whose unrefined rows of undecided C1 pairs ``RefinementPolicy/needed`` refines after the run.
  private static func refinedOnDemand(_ refineUndecidedPairs: Bool) -> Set<ExpectationEngine> {
    refineUndecidedPairs ? [.multinomial, .laplace] : [.multinomial]
  }

  /// How many Laplace rows of class-level or overlapping models `refineUndecidedPairs` would refine now
  /// (0 for point-level models: the hint it feeds counts class-level rows only).
  public var rowsRefinableOnDemand: Int {
    collapse == nil ? GeneralVerification.rowsToRefine(rows, pairVerdicts: verdicts, engines: [.laplace]).count : 0
  }

  /// Whether every row is certified.
  public var allRowsVerified: Bool { rows.allSatisfy { $0.status == .verified } }

  /// The overall C1 (or overlap) verdict about the exact optima (``Verdict/ordering(_:)``).
  public var monotonicity: Verdict { Verdict.ordering(verdicts) }

  /// Whether every row's optimum is located (docs/theory.md §8).
  public var allRowsLocated: Bool { rows.allSatisfy(\.isLocated) }

  /// The T1 verdict over every `k` (``CollapseCheck/Comparison/minimaAgree``), `nil` when not applicable.
  public var collapseVerdict: Verdict? {
    collapse.map { Verdict.all($0.map(\.minimaAgree)) }
  }

  /// T1 with uniqueness for every `k` (see ``CollapseCheck/Comparison/uniqueOptimumCollapsed``), `nil` when not applicable.
  public var uniqueOptimumCollapsed: Verdict? { collapse.map { Verdict.all($0.map(\.uniqueOptimumCollapsed)) } }
}
