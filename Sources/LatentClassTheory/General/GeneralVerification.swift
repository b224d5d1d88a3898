import ExactArithmetic

/// One certified row of the general (any `ρ`, any `D_c`) verification.
public struct GeneralRow: Sendable {
  public enum Status: String, Sendable {
    /// A dual proof exists and the certified gap is within the tolerance.
    case verified
    /// The solver did not converge, or no proof was found, or the gap is too large.
    case undecided
  }

  public let negatives: Int
  public let engine: ExpectationEngine
  public let status: Status
  /// The certificate (rational `Ĝ`, loss enclosure, gap).
  public let certificate: OptimalityCertificate
  /// Downstream metrics of `Ĝ`.
  public let downstream: DownstreamMetrics
  /// Solver diagnostics.
  public let solverIterations: Int
  public let solverConverged: Bool
}

/// The verdict of claim C1 (theory.md §5) between consecutive rows, on the ρ-weighted downstream loss.
public enum MonotonicityVerdict: String, Sendable {
  /// Certified: the later row's downstream loss is strictly below the earlier one's, or both rows have the same `Ĝ`.
  case nonIncreasing = "non-increasing"
  /// Certified: the later row's downstream loss is strictly above.
  case increase = "increase found"
  /// The enclosures overlap, or a row is not verified.
  case undecided
}

/// Runs solver, certificate and downstream metrics for a model over a list of `k`
/// (issue #3). Warm-starts each `k` from the previous optimum.
///
/// What "verified" means: `Ĝ_k` is a rational feasible Gram matrix with
/// `L_k(Ĝ_k) − min_F L_k ≤ gapTolerance`, certified. The downstream numbers are
/// those of `Ĝ_k`, exact or enclosed; C1 verdicts compare them. They are about
/// these certified near-optimal representations: without a strong-convexity bound
/// the distance from `Ĝ_k` to the exact optimum is not certified.
public enum GeneralVerification {
  /// `starts(k)`, when given and non-`nil`, replaces the previous row's optimum as the
  /// solver's starting factor for `k` (the certificate does not depend on where the solver started).
  /// `progress` is called after each row with the number of rows done.
  ///
  /// - Complexity: per `k`, one solve (many `Double` evaluations) and one certificate.
  public static func run(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine = .automatic,
    precision: Int = Defaults.precision, gapTolerance: Rational = Defaults.gapTolerance,
    starts: ((Int) -> [[Double]]?)? = nil,
    progress: (_ rowsDone: Int) -> Void = { _ in }
  ) -> [GeneralRow] {
    var start: [[Double]]? = nil
    let solver = GramSolver()
    return ks.enumerated().map { index, k in
      defer { progress(index + 1) }
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: scale), engine: engine)
      let solution = solver.solve(loss, start: starts?(k) ?? start)
      start = solution.factor
      let certificate = OptimalityCertificate.certify(loss, solution: solution, precision: precision)
      let verified = certificate.certifies(gapAtMost: gapTolerance)
      return GeneralRow(
        negatives: k, engine: loss.engine, status: verified ? .verified : .undecided, certificate: certificate,
        downstream: DownstreamMetrics(model: model, gram: certificate.gram, scale: scale, precision: precision),
        solverIterations: solution.iterations, solverConverged: solution.converged)
    }
  }

  /// The C1 verdict for each consecutive pair of rows.
  public static func verdicts(_ rows: [GeneralRow]) -> [MonotonicityVerdict] {
    zip(rows, rows.dropFirst()).map { earlier, later in
      guard earlier.status == .verified, later.status == .verified else { return .undecided }
      // The same rational Ĝ has the same downstream loss: equal is non-increasing, exactly.
      if earlier.certificate.gram == later.certificate.gram { return .nonIncreasing }
      switch Interval.compare(later.downstream.weightedLoss, earlier.downstream.weightedLoss) {
      case .less: return .nonIncreasing
      case .greater: return .increase
      case .undecided: return .undecided
      }
    }
  }

  /// The overall C1 verdict: an increase anywhere is a counterexample; otherwise
  /// it holds only when there is a pair and every pair is certified non-increasing.
  public static func overall(_ verdicts: [MonotonicityVerdict]) -> MonotonicityVerdict {
    if verdicts.contains(.increase) { return .increase }
    // A single k compares nothing.
    if verdicts.isEmpty { return .undecided }
    return verdicts.allSatisfy { $0 == .nonIncreasing } ? .nonIncreasing : .undecided
  }
}
