import ExactArithmetic
import Foundation

extension GeneralVerification {
  /// `rows` with the unrefined rows (of the `engines` given) of every C1 pair that ``verdicts(_:weighting:)``
  /// leaves undecided refined: ``refining(_:at:model:scale:precision:gapTolerance:)`` of ``rowsToRefine(_:pairVerdicts:engines:)``.
  public static func refiningUndecidedPairs(
    _ rows: [GeneralRow], model: LatentClassModel, scale: Rational, precision: Int = Defaults.precision,
    gapTolerance: Rational = Defaults.gapTolerance, weighting: DownstreamWeighting = Defaults.downstreamWeighting,
    engines: Set<ExpectationEngine> = [.multinomial, .laplace]
  ) -> [GeneralRow] {
    refining(
      rows, at: rowsToRefine(rows, pairVerdicts: verdicts(rows, weighting: weighting), engines: engines), model: model,
      scale: scale, precision: precision, gapTolerance: gapTolerance)
  }

  /// `rows` with every ``isRefinable(_:)`` row refined: ``refining(_:at:model:scale:precision:gapTolerance:)``.
  public static func refiningEveryRow(
    _ rows: [GeneralRow], model: LatentClassModel, scale: Rational, precision: Int = Defaults.precision,
    gapTolerance: Rational = Defaults.gapTolerance
  ) -> [GeneralRow] {
    refining(
      rows, at: rows.indices.filter { isRefinable(rows[$0]) }, model: model, scale: scale, precision: precision,
      gapTolerance: gapTolerance)
  }

  /// `rows` with the rows at `indices` refined (``OptimumRefinement``) from their certified `Ĝ`, certified
  /// (Laplace rows on accurate rules) and located again.
  ///
  /// A refined row replaces its row only when it is verified and located within a smaller distance
  /// bound (or the old row was not located), so no row loses a verification or a location; the
  /// verdicts about the exact optimum are then decided as before or better. The near-optimum
  /// verdicts are about the refined `Ĝ_k` from then on.
  ///
  /// - Complexity: per refined row, a Newton refinement at `precision + 64` bits (a Laplace row's on
  ///   its quadrature, about three unrefined rows), a certificate and a curvature bound; rows run on every core.
  public static func refining(
    _ rows: [GeneralRow], at indices: [Int], model: LatentClassModel, scale: Rational,
    precision: Int = Defaults.precision, gapTolerance: Rational = Defaults.gapTolerance
  ) -> [GeneralRow] {
    guard !indices.isEmpty else { return rows }
    let work = OrderedBackgroundWork<GeneralRow?>(workers: ProcessInfo.processInfo.activeProcessorCount)
    for index in indices {
      let row = rows[index]
      work.submit { refined(row, model: model, scale: scale, precision: precision, gapTolerance: gapTolerance) }
    }
    var result = rows
    for (index, row) in zip(indices, work.finish()) where row != nil { result[index] = row! }
    return result
  }

  /// The indices of the rows ``refiningUndecidedPairs(_:model:scale:precision:gapTolerance:weighting:engines:)``
  /// would refine: the ``isRefinable(_:)`` rows of the `engines` given, of a C1 pair left undecided in
  /// `pairVerdicts` (``verdicts(_:weighting:)`` of `rows`), since only a tighter location can decide a pair.
  ///
  /// - Complexity: one O(M³) eigendecomposition per candidate row.
  public static func rowsToRefine(
    _ rows: [GeneralRow], pairVerdicts: [Verdict], engines: Set<ExpectationEngine> = [.multinomial, .laplace]
  ) -> [Int] {
    undecidedPairRows(pairVerdicts).filter { engines.contains(rows[$0].engine) && isRefinable(rows[$0]) }
  }

  /// Whether a refinement could tighten `row`'s location: it is verified and unrefined, small enough to be
  /// refined (``OptimumRefinement/maximumUnknowns``) and located (``CurvatureCertificate/maximumPoints``).
  ///
  /// - Complexity: one O(M³) eigendecomposition.
  public static func isRefinable(_ row: GeneralRow) -> Bool {
    let gram = row.certificate.gram
    return row.refinement == nil && row.status == .verified && gram.rows <= CurvatureCertificate.maximumPoints
      && OptimumRefinement.isRefinable(gram.approximateDoubles)
  }

  /// The indices, ascending, of the rows of every consecutive pair whose verdict in `pairVerdicts` is undecided.
  ///
  /// - Complexity: O(pairs).
  static func undecidedPairRows(_ pairVerdicts: [Verdict]) -> [Int] {
    Set(pairVerdicts.indices.filter { pairVerdicts[$0] == .undecided }.flatMap { [$0, $0 + 1] }).sorted()
  }

  /// The rows of C1 pairs about the exact optima (``verdicts(_:weighting:)``) left undecided in `rows`.
  static func undecidedPairRows(_ rows: [GeneralRow], weighting: DownstreamWeighting) -> [Int] {
    undecidedPairRows(verdicts(rows, weighting: weighting))
  }

  /// `row` refined from its certified `Ĝ`, or `nil` when that does not locate its optimum more tightly.
  private static func refined(
    _ row: GeneralRow, model: LatentClassModel, scale: Rational, precision: Int, gapTolerance: Rational
  ) -> GeneralRow? {
    let loss = PopulationLoss(
      problem: ContrastiveProblem(model: model, negatives: row.negatives, scale: scale), engine: row.engine)
    guard
      let (refinement, certificate) = refinedCertificate(
        loss, gram: row.certificate.gram.approximateDoubles, precision: precision, gapTolerance: gapTolerance)
    else { return nil }
    let candidate = located(
      loss, iterations: row.solverIterations, converged: row.solverConverged, refinement: refinement,
      certificate: certificate, model: model, scale: scale, precision: precision, gapTolerance: gapTolerance,
      locate: true)
    guard let bound = candidate.location?.distanceBound else { return nil }
    if let old = row.location?.distanceBound, old <= bound { return nil }
    return candidate
  }
}
