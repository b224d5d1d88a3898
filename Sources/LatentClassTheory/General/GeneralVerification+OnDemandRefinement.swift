import ExactArithmetic
import Foundation

extension GeneralVerification {
  /// `rows` with the unrefined Laplace rows of every C1 pair that ``verdicts(_:weighting:)`` leaves
  /// undecided refined (``OptimumRefinement``), certified on accurate rules and located again.
  ///
  /// A refined row replaces its row only when it is verified and located within a smaller distance
  /// bound (or the old row was not located), so no row loses a verification or a location; the
  /// verdicts about the exact optimum are then decided as before or better. The near-optimum
  /// verdicts are about the refined `Ĝ_k` from then on.
  ///
  /// - Complexity: per refined row, a Newton refinement on the Laplace quadrature at `precision + 64`
  ///   bits, a certificate on the accurate rules and a curvature bound; rows run on every core.
  public static func refiningUndecidedPairs(
    _ rows: [GeneralRow], model: LatentClassModel, scale: Rational, precision: Int = Defaults.precision,
    gapTolerance: Rational = Defaults.gapTolerance, weighting: DownstreamWeighting = Defaults.downstreamWeighting
  ) -> [GeneralRow] {
    let chosen = rowsToRefine(rows, pairVerdicts: verdicts(rows, weighting: weighting))
    guard !chosen.isEmpty else { return rows }
    let work = OrderedBackgroundWork<GeneralRow?>(workers: ProcessInfo.processInfo.activeProcessorCount)
    for index in chosen {
      let row = rows[index]
      work.submit { refined(row, model: model, scale: scale, precision: precision, gapTolerance: gapTolerance) }
    }
    var result = rows
    for (index, row) in zip(chosen, work.finish()) where row != nil { result[index] = row! }
    return result
  }

  /// The indices of the rows ``refiningUndecidedPairs(_:model:scale:precision:gapTolerance:weighting:)``
  /// would refine: verified, unrefined Laplace rows of a C1 pair left undecided in `pairVerdicts`
  /// (``verdicts(_:weighting:)`` of `rows`), small enough to be refined (``OptimumRefinement/maximumUnknowns``)
  /// and located (``CurvatureCertificate/maximumPoints``), since only a tighter location can decide a pair.
  ///
  /// - Complexity: one O(M³) eigendecomposition per candidate row.
  public static func rowsToRefine(_ rows: [GeneralRow], pairVerdicts: [Verdict]) -> [Int] {
    let wanted = Set(pairVerdicts.indices.filter { pairVerdicts[$0] == .undecided }.flatMap { [$0, $0 + 1] })
    return wanted.sorted().filter { index in
      let row = rows[index]
      let gram = row.certificate.gram
      return row.engine == .laplace && row.refinement == nil && row.status == .verified
        && gram.rows <= CurvatureCertificate.maximumPoints
        && OptimumRefinement.isRefinable(gram.approximateDoubles)
    }
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
