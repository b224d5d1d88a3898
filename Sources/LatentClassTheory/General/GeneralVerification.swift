import ExactArithmetic
import Foundation

/// One certified row of the general (any `ρ`, any `D_c`) verification.
public struct GeneralRow: Sendable {
  public let negatives: Int
  public let engine: ExpectationEngine
  /// `verified` when a dual proof exists and the certified gap is within the tolerance;
  /// `undecided` when the solver did not converge, no proof was found or the gap is too large.
  public let status: Verdict
  /// The certificate (rational `Ĝ`, loss enclosure, gap).
  public let certificate: OptimalityCertificate
  /// Downstream metrics of `Ĝ`.
  public let downstream: DownstreamMetrics
  /// Solver diagnostics.
  public let solverIterations: Int
  public let solverConverged: Bool
  /// The MPFR refinement `Ĝ` came from, `nil` when `Ĝ` is the rounded `Double` solution.
  public let refinement: OptimumRefinement?
  /// The proven curvature bound `μ₀` at `Ĝ` on `J^⊥` (docs/theory.md §8), `nil` when none was proven.
  public let curvatureLowerBound: Rational?
  /// Where the exact optimum is (docs/theory.md §8): `nil` when the localization is undecided.
  public let location: OptimumLocation?
  /// The downstream metrics of the exact optimum: those of every Gram matrix within the
  /// location's distance bound of `Ĝ` (`nil` without a location).
  public let downstreamAtOptimum: DownstreamMetrics?

  public init(
    negatives: Int, engine: ExpectationEngine, status: Verdict, certificate: OptimalityCertificate,
    downstream: DownstreamMetrics, solverIterations: Int, solverConverged: Bool,
    refinement: OptimumRefinement? = nil, curvatureLowerBound: Rational? = nil, location: OptimumLocation? = nil,
    downstreamAtOptimum: DownstreamMetrics? = nil
  ) {
    self.negatives = negatives
    self.engine = engine
    self.status = status
    self.certificate = certificate
    self.downstream = downstream
    self.solverIterations = solverIterations
    self.solverConverged = solverConverged
    self.refinement = refinement
    self.curvatureLowerBound = curvatureLowerBound
    self.location = location
    self.downstreamAtOptimum = downstreamAtOptimum
  }

  /// Whether the optimum is located: its projection modulo `J` is unique and within the distance bound.
  public var isLocated: Bool { location != nil }
}

/// Runs solver, refinement, certificates and downstream metrics for a model over a list of `k`.
/// Warm-starts each `k` from the previous optimum; curvature bounds and locations run on the other cores.
///
/// What "verified" means for a row: `Ĝ_k` is a rational feasible Gram matrix with
/// `L_k(Ĝ_k) − min_F L_k ≤ gapTolerance`, certified (docs/theory.md §6). A row is also *located*
/// when the curvature bound and the localization theorem (docs/theory.md §8) put every minimizer
/// within `δ` of `Ĝ_k` modulo `J`; its `downstreamAtOptimum` then encloses the downstream
/// quantities of the exact optimum, and ``verdicts(_:weighting:)`` compares those.
public enum GeneralVerification {
  /// `starts(k)`, when given and non-`nil`, replaces the previous row's optimum as the
  /// solver's starting factor for `k` (the certificate does not depend on where the solver started).
  /// `locate` turns on the curvature bound, the localization and the MPFR refinement (every multinomial row
  /// with `refinement` ``RefinementPolicy/every``, else only rows whose plain certificate misses `gapTolerance`;
  /// ``GeneralStudy`` refines the others it needs afterwards, ``refining(_:at:model:scale:precision:gapTolerance:)``);
  /// without it rows certify the gap only (enough for a floor on `min L_k`).
  /// `progress` is called after each row with the number of rows done.
  ///
  /// - Complexity: per `k`, one solve (many `Double` evaluations), a refinement (a few `Interval`
  ///   evaluations at `precision + 64` bits), a certificate and a curvature bound.
  public static func run(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine = .automatic,
    precision: Int = Defaults.precision, gapTolerance: Rational = Defaults.gapTolerance, locate: Bool = true,
    refinement: RefinementPolicy = Defaults.refinement, starts: ((Int) -> [[Double]]?)? = nil,
    progress: (_ rowsDone: Int) -> Void = { _ in }
  ) -> [GeneralRow] {
    var rows: [GeneralRow] = []
    var restart: [[Double]]? = nil
    var shown = 0
    while rows.count < ks.count {
      let done = rows.count
      let chain = Array(ks[done...])
      let (certified, kept) = speculativeChain(
        model: model, ks: chain, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
        locate: locate, refinement: refinement,
        starts: { k in starts?(k) ?? (k == chain[0] ? restart : nil) },
        progress: { count in
          // Rows solved again after a restart were counted once already.
          while shown < done + count {
            shown += 1
            progress(shown)
          }
        })
      rows += certified
      restart = kept
    }
    return rows
  }

  /// Solves `ks` in order, each warm-started from the previous `Double` solution, while the certificates,
  /// curvature bounds, locations and downstream metrics run behind on the other cores (and on this
  /// thread at the end), in submission order whatever their number. A certificate that misses the gap
  /// after a warm start retries from the seeded random start; when that cold solution is kept, the
  /// later rows started from the wrong point: the rows up to it are returned with its factor, and
  /// ``run(model:ks:scale:engine:precision:gapTolerance:locate:refinement:starts:progress:)`` solves the
  /// rest again from there, so the rows are those of the plain sequential chain.
  private static func speculativeChain(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine, precision: Int,
    gapTolerance: Rational, locate: Bool, refinement: RefinementPolicy, starts: (Int) -> [[Double]]?,
    progress: (_ rowsDone: Int) -> Void
  ) -> (rows: [GeneralRow], restart: [[Double]]?) {
    var start: [[Double]]? = nil
    let solver = GramSolver()
    let background = OrderedBackgroundWork<(row: GeneralRow, cold: [[Double]]?)>(
      workers: ProcessInfo.processInfo.activeProcessorCount - 1, leavingCreatorCPU: true)
    var reported = 0
    func report(_ done: Int) {
      while reported < done {
        reported += 1
        progress(reported)
      }
    }
    for k in ks {
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: scale), engine: engine)
      let warm = starts(k) ?? start
      let solution = solver.solve(loss, start: warm)
      start = solution.factor
      background.submit {
        certifiedRow(
          loss, solution: solution, warmStarted: warm != nil, model: model, scale: scale, precision: precision,
          gapTolerance: gapTolerance, locate: locate, refinement: refinement)
      }
      report(background.completedPrefix())
    }
    // Rows after a kept cold solution are discarded (rare: the work spent on them is lost).
    let results = background.finish(progress: report)
    guard let cut = results.firstIndex(where: { $0.cold != nil }) else { return (results.map(\.row), nil) }
    return (results[...cut].map(\.row), results[cut].cold)
  }

  /// The row of `solution` for `loss`: certified (refined first when every multinomial row is), and
  /// after a warm start that misses the gap, the seeded random start's solution instead when it
  /// certifies (`cold` is then its factor); then located.
  private static func certifiedRow(
    _ loss: PopulationLoss, solution: GramSolver.Solution, warmStarted: Bool, model: LatentClassModel,
    scale: Rational, precision: Int, gapTolerance: Rational, locate: Bool, refinement: RefinementPolicy
  ) -> (row: GeneralRow, cold: [[Double]]?) {
    // Newton may converge to a critical point of the wrong rank (near a change of the optimum's rank),
    // and then the unrefined solution is certified. Otherwise the plain certificate is kept when it
    // reaches the gap: the location it gives decides most C1 pairs, and ``GeneralStudy`` refines the
    // rows of the others later (Laplace rows, each about three plain rows to refine, on request).
    let refineFirst = locate && refinement == .every && loss.engine == .multinomial
    func certified(_ solution: GramSolver.Solution) -> (OptimumRefinement?, OptimalityCertificate) {
      if refineFirst,
        let refined = refinedCertificate(loss, gram: solution.gram, precision: precision, gapTolerance: gapTolerance)
      {
        return refined
      }
      let plain = OptimalityCertificate.certify(loss, solution: solution, precision: precision, targetGap: gapTolerance)
      if plain.certifies(gapAtMost: gapTolerance) || !locate || refineFirst { return (nil, plain) }
      return refinedCertificate(loss, gram: solution.gram, precision: precision, gapTolerance: gapTolerance)
        ?? (nil, plain)
    }
    var kept = solution
    var (refined, certificate) = certified(solution)
    var cold: [[Double]]? = nil
    // A warm start keeps any symmetry of the previous optimum (two classes at one point), which the
    // solver cannot break when the new optimum splits them: retry from the seeded random start.
    if !certificate.certifies(gapAtMost: gapTolerance) && warmStarted {
      let retry = GramSolver().solve(loss)
      let (retryRefined, retryCertificate) = certified(retry)
      if retryCertificate.certifies(gapAtMost: gapTolerance) {
        (kept, refined, certificate, cold) = (retry, retryRefined, retryCertificate, retry.factor)
      }
    }
    let row = located(
      loss, iterations: kept.iterations, converged: kept.converged, refinement: refined, certificate: certificate,
      model: model, scale: scale, precision: precision, gapTolerance: gapTolerance, locate: locate)
    return (row, cold)
  }

  /// The refined point of `gram` and its certificate, `nil` when Newton fails or the gap is missed.
  ///
  /// - Complexity: see ``OptimumRefinement`` and
  ///   ``OptimalityCertificate/certify(_:factor:precision:refined:targetGap:)``.
  static func refinedCertificate(_ loss: PopulationLoss, gram: [[Double]], precision: Int, gapTolerance: Rational)
    -> (OptimumRefinement, OptimalityCertificate)?
  {
    guard let refinement = OptimumRefinement(loss, gram: gram, precision: precision) else { return nil }
    let certificate = OptimalityCertificate.certify(
      loss, factor: refinement.factor, precision: precision, refined: true)
    return certificate.certifies(gapAtMost: gapTolerance) ? (refinement, certificate) : nil
  }

  /// The row of a certified solution (the solver's `iterations` and whether it `converged`): curvature
  /// bound, location and downstream metrics.
  static func located(
    _ loss: PopulationLoss, iterations: Int, converged: Bool, refinement: OptimumRefinement?,
    certificate: OptimalityCertificate, model: LatentClassModel, scale: Rational, precision: Int,
    gapTolerance: Rational, locate: Bool
  ) -> GeneralRow {
    let verified = certificate.certifies(gapAtMost: gapTolerance)
    let curvature =
      verified && locate ? CurvatureCertificate(loss, gram: certificate.gram, precision: precision).lowerBound : nil
    var location: OptimumLocation? = nil
    if let gap = certificate.gap, let curvature, verified {
      location = OptimumLocation.locate(gap: gap, curvature: curvature, scale: scale, precision: precision)
    }
    return GeneralRow(
      negatives: loss.problem.negatives, engine: loss.engine, status: verified ? .verified : .undecided,
      certificate: certificate,
      downstream: DownstreamMetrics(model: model, gram: certificate.gram, scale: scale, precision: precision),
      solverIterations: iterations, solverConverged: converged, refinement: refinement,
      curvatureLowerBound: curvature, location: location,
      downstreamAtOptimum: location.map {
        DownstreamMetrics(
          model: model, gram: certificate.gram, scale: scale, precision: precision, radius: $0.distanceBound)
      })
  }

  /// The C1 verdict about the exact optima for each consecutive pair of rows: `verified` when
  /// the later loss is certified lower, `refuted` when certified higher. Decided only when both
  /// optima are located and their enclosed downstream losses (`weighting`) are disjoint: two
  /// exact optima are never known to be equal, so `ties` does not enter.
  public static func verdicts(_ rows: [GeneralRow], weighting: DownstreamWeighting = Defaults.downstreamWeighting)
    -> [Verdict]
  {
    zip(rows, rows.dropFirst()).map { earlier, later in
      guard let before = earlier.downstreamAtOptimum, let after = later.downstreamAtOptimum else { return .undecided }
      return order(weighting.loss(of: after), weighting.loss(of: before))
    }
  }

  /// The C1 verdict about the certified near-optimal points `Ĝ_k` for each consecutive pair of
  /// rows; two rows with the same rational `Ĝ` have exactly equal losses, which count as `ties` says.
  public static func nearOptimumVerdicts(
    _ rows: [GeneralRow], weighting: DownstreamWeighting = Defaults.downstreamWeighting, ties: TieRule = Defaults.ties
  ) -> [Verdict] {
    zip(rows, rows.dropFirst()).map { earlier, later in
      guard earlier.status == .verified, later.status == .verified else { return .undecided }
      if earlier.certificate.gram == later.certificate.gram { return ties.verdict }
      return order(weighting.loss(of: later.downstream), weighting.loss(of: earlier.downstream))
    }
  }

  /// Whether the later loss is certified below (`verified`) or above (`refuted`) the earlier one.
  private static func order(_ later: Interval, _ earlier: Interval) -> Verdict {
    switch Interval.compare(later, earlier) {
    case .less: return .verified
    case .greater: return .refuted
    case .undecided: return .undecided
    }
  }
}
