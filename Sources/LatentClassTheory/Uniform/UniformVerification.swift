import Dispatch
import ExactArithmetic

/// The certified results for one number of negatives `k`.
public struct UniformRow: Sendable {
  public let negatives: Int
  /// `L_k(G*)`, the population NCE loss of the optimum.
  public let contrastiveLoss: Interval
  public let certificate: SimplexCertificate
  public let bounds: CollisionCoverageBounds
  /// How the expectations over collisions were evaluated.
  public let method: ExpectationMethod
}

/// Verification of T2 and T3 for the uniform class-level model over a range of `k`.
public struct UniformVerification: Sendable {
  public let model: UniformModel
  public let rows: [UniformRow]
  /// Downstream quantities of the optimum `G*`, which is the same matrix for every `k`.
  public let downstream: SimplexDownstream
  /// Saunshi et al.'s average binary-task loss of `G*`.
  public let averageBinaryLoss: Interval
  /// `log(1 + (N−1)·e^{−s·N/(N−1)})`, the closed form of docs/theory.md §4.
  public let closedFormDownstreamLoss: Interval
  public let claims: [Claim]

  /// Certifies the simplex for every `k` in `negatives`, in parallel over `k`.
  ///
  /// - Parameter method: forces one evaluation method for every `k` (for
  ///   benchmarks and cross-checks); by default it is chosen per `k` by cost.
  /// - Complexity: O(Σ √k) logarithms at the model's precision for `k < 180`, O(1) direct
  ///   evaluations per `k` beyond, and for dense ranges `k ≥ 128` O(precision) anchors per dyadic
  ///   block and O(precision) interval operations per `k` (``InterpolationBlock``);
  ///   O(N) rational and interval operations per `k` for the bounds, and O(N) once for the
  ///   downstream quantities; no `N×N` matrix is built.
  public init(model: UniformModel, negatives: [Int], method: ExpectationMethod? = nil) {
    precondition(negatives.allSatisfy { $0 >= 1 }, "k must be at least 1")
    self.model = model
    let exactParts = SimplexExactParts(model: model)
    let logarithms = LogarithmTable(
      count: UniformVerification.collisionsReached(negatives: negatives.max() ?? 0, classes: model.classes) + 1,
      precision: model.precision + 20)
    let evaluations =
      method == nil
      ? model.sweepEvaluations(negatives: negatives, logarithms: logarithms)
      : UniformVerification.parallelMap(negatives) {
        model.simplexEvaluation(negatives: $0, method: method, logarithms: logarithms)
      }
    rows = UniformVerification.parallelMap(Array(negatives.indices)) { index in
      let (k, evaluation) = (negatives[index], evaluations[index])
      return UniformRow(
        negatives: k, contrastiveLoss: evaluation.loss,
        certificate: model.simplexCertificate(multiplier: evaluation.multiplier, exactParts: exactParts),
        bounds: CollisionCoverageBounds(
          classes: model.classes, negatives: k, contrastiveLoss: evaluation.loss,
          collisionTerm: evaluation.collisionTerm, precision: model.precision),
        method: evaluation.method)
    }
    downstream = SimplexDownstream(model: model)
    averageBinaryLoss = downstream.averageBinaryLoss
    let n = model.classes
    let scaledGap = Interval(model.scale * Rational(n, n - 1), precision: model.precision)
    closedFormDownstreamLoss = Interval.log1p(Interval(n - 1) * Interval.exp(-scaledGap))
    claims = UniformVerification.claims(
      model: model, rows: rows, downstream: downstream, closedForm: closedFormDownstreamLoss)
  }

  private static func claims(
    model: UniformModel, rows: [UniformRow], downstream: SimplexDownstream, closedForm: Interval
  ) -> [Claim] {
    let ks = rows.map(\.negatives)
    let range = ks.count == 1 ? "k = \(ks[0])" : "every k in " + NegativesSet.describe(ks)
    let certificates = Verdict.all(rows.map(\.certificate.verdict))
    let failing = rows.first { $0.certificate.verdict != .verified }
    let t2 = Claim(
      id: "T2",
      statement:
        "For \(range), the regular simplex G* = N/(N−1)·I − 1/(N−1)·J is the optimal class-level representation (N = \(model.classes), s = \(model.scale)).",
      verdict: certificates,
      evidence: failing.map { "k = \($0.negatives): KKT certificate \($0.certificate.verdict.rawValue)" }
        ?? "KKT certificate verified for all \(rows.count) values of k: u > 0 certified, J ⪰ 0 and G* ⪰ 0 by their exact eigenvalues (a·I + b·J has a and a + N·b), ⟨J, G*⟩ = 0 exactly."
    )

    let agrees = downstream.weightedLoss.overlaps(closedForm)
    let t3 = Claim(
      id: "T3",
      statement:
        "The downstream (N-way mean-classifier) loss of the optimum is the same for \(range): more negatives never hurt.",
      verdict: Verdict.all([certificates, agrees ? .verified : .refuted]),
      evidence: agrees
        ? "The certified optimum is the same matrix G* for every k, and its mean-classifier loss \(downstream.weightedLoss) encloses the closed form log(1 + (N−1)e^{−sN/(N−1)}); accuracy \(downstream.accuracy)."
        : "The mean-classifier loss of G* \(downstream.weightedLoss) does not enclose the closed form \(closedForm).")
    return [t2, t3]
  }

  /// A count of collisions beyond which the binomial walks for up to `k` negatives rarely go:
  /// the mean `k/N` plus 30 standard deviations (they stop near 14 at 128 bits). The
  /// logarithm table is filled on one thread before the parallel work starts, so it holds
  /// only these; any `log(1 + j)` beyond it is computed on demand.
  static func collisionsReached(negatives k: Int, classes: Int) -> Int {
    let (mean, p) = (Double(k) / Double(classes), 1 / Double(classes))
    return min(k, Int(mean + 30 * (mean * (1 - p)).squareRoot()) + 16)
  }

  /// Maps `transform` over `values` on all cores, keeping the order (also used to format long tables).
  public static func parallelMap<T: Sendable>(_ values: [Int], _ transform: @Sendable (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: values.count)
    results.initialize(repeating: nil)
    defer {
      // Deinitialise before freeing: the results own MPFR/GMP storage that would leak otherwise.
      _ = results.deinitialize()
      results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    // Interleaved chunks balance the √k cost of large k across threads.
    let workers = min(values.count, 64)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: values.count, by: workers) {
        slots[index] = transform(values[index])
      }
    }
    return results.map { $0! }
  }
}
