import ExactArithmetic

/// Which evaluation method of docs/theory.md §3 computes the expectation over the negatives.
public enum ExpectationEngine: String, Sendable, CaseIterable {
  /// Multinomial when it enumerates at most ``PopulationLoss/enumerationBudget`` count vectors, else Laplace.
  case automatic
  /// Exact enumeration of count vectors (method 2).
  case multinomial
  /// The Laplace (Frullani) integral (method 3).
  case laplace
}

/// `L_k(G)` for one problem with one engine, evaluable in `Double` (solver) and
/// ``Interval`` (certificates) by the same generic code.
public struct PopulationLoss: Sendable {
  /// Pairs × count vectors beyond which ``ExpectationEngine/automatic`` switches to Laplace:
  /// at this size the two engines cost about the same.
  public static let enumerationBudget = 20_000.0

  public let problem: ContrastiveProblem
  /// The engine actually used (never `.automatic`).
  public let engine: ExpectationEngine
  /// The enumerated count vectors (multinomial engine only); the refinement evaluates through them directly.
  let table: MultinomialEngine?
  /// The table in `Double`, converted once because the solver evaluates thousands of times.
  private let doubleTable: MultinomialEngine.Prepared<Double>?
  /// The table in `DoubleInterval`, converted once for the unrefined certificate and the curvature weights.
  private let intervalTable: MultinomialEngine.Prepared<DoubleInterval>?
  private let laplace: LaplaceEngine
  /// Certificates need the loss only to about `10^{-10}`, far less than the solver needs from its
  /// gradient, and the interval quadrature is the expensive part of a row.
  private let certificateLaplace: LaplaceEngine

  /// - Complexity: O(count vectors · M) when the multinomial engine is chosen, else O(1).
  public init(
    problem: ContrastiveProblem, engine requested: ExpectationEngine = .automatic, laplaceTolerance: Double = 1e-12
  ) {
    self.problem = problem
    let enumerated = MultinomialEngine.cost(of: problem) * Double(problem.pairs.count)
    let chosen: ExpectationEngine =
      requested == .automatic ? (enumerated <= PopulationLoss.enumerationBudget ? .multinomial : .laplace) : requested
    engine = chosen
    table = chosen == .multinomial ? MultinomialEngine(problem: problem) : nil
    doubleTable = table?.prepared(precision: 53)
    intervalTable = table?.prepared(precision: 53)
    laplace = LaplaceEngine(tolerance: laplaceTolerance)
    certificateLaplace = LaplaceEngine(tolerance: max(laplaceTolerance, 1e-10))
  }

  /// `L_k(G)` and its gradient (convention of ``LossAndGradient``) at a symmetric `G`.
  public func evaluate<T: EngineScalar>(gram: [[T]], precision: Int = 53) -> LossAndGradient<T> {
    if let table {
      if let gram = gram as? [[Double]], let doubleTable {
        return table.evaluate(problem, gram: gram, prepared: doubleTable, precision: precision) as! LossAndGradient<T>
      }
      return table.evaluate(problem, gram: gram, prepared: table.prepared(precision: precision), precision: precision)
    }
    return laplace.evaluate(problem, gram: gram, precision: precision)
  }

  /// The largest scale `s` the engines accept: `e^{2s}` must stay finite in `Double`, which the solver
  /// and the quadrature's panel choice use.
  public static let maximumScale: Rational = 300

  /// Enclosures of the curvature weights `E[n_z y_z / (1 + S)²]` of every pair at a rational `Ĝ`
  /// (docs/theory.md §8): enclosures from the multinomial engine, certified lower bounds (in the
  /// lower ends) from the Laplace engine, both computed in ``DoubleInterval`` (the curvature bound
  /// uses 30 bits of their lower ends) and given at `precision` bits.
  ///
  /// - Complexity: that of one evaluation of the engine.
  public func curvatureWeights(gram: RationalMatrix, precision: Int) -> [[Interval]] {
    let coarse = gram.entries(DoubleInterval.init)
    if let table, let intervalTable {
      let weights = table.curvatureWeights(problem, gram: coarse, prepared: intervalTable, precision: 53)
      return weights.map { row in row.map { Interval($0, precision: precision) } }
    }
    let s = DoubleInterval(problem.scale)
    let p = problem.negativeDistribution.map { DoubleInterval($0) }
    return problem.pairs.map { pair in
      certificateLaplace.curvatureWeights(
        gaps: problem.exponentiatedGaps(pair, gram: coarse, scale: s), probabilities: p,
        negatives: problem.negatives, rules: LaplaceEngine.curvatureRules, precision: 53
      ).map { Interval($0, precision: precision) }
    }
  }

  /// A certified enclosure of `L_k(Ĝ)` and of its gradient at a rational `Ĝ`; `accurate` asks for
  /// enclosures as narrow as `precision` allows (for a refined `Ĝ`, whose gap they bound; for the
  /// Laplace engine at about three times the cost).
  ///
  /// Error bound: the enclosure contains the exact values. Unless `accurate`, from 53 bits up it is
  /// computed in ``DoubleInterval`` and its width is that type's outward rounding, about `10^{−14}`
  /// relative (the gap of an unrefined `Ĝ` is far wider: the `Double` solution's own error); otherwise
  /// it is the rounding at `precision` bits. For the Laplace engine add a quadrature error driven below
  /// about `max(laplaceTolerance, 10^{-10})` per pair, or about `2^{−precision}` when `accurate`.
  public func enclose(gram: RationalMatrix, precision: Int, accurate: Bool = false) -> LossAndGradient<Interval> {
    if !accurate && precision >= 53 {
      let doubles = gram.entries(DoubleInterval.init)
      let enclosure: LossAndGradient<DoubleInterval>
      if let table, let intervalTable {
        enclosure = table.evaluate(problem, gram: doubles, prepared: intervalTable, precision: 53)
      } else {
        enclosure = certificateLaplace.enclose(problem, gram: doubles, precision: precision)
      }
      return LossAndGradient(
        loss: Interval(enclosure.loss, precision: precision),
        gradient: enclosure.gradient.map { row in row.map { Interval($0, precision: precision) } })
    }
    let entries = gram.entries { Interval($0, precision: precision) }
    if engine == .laplace && accurate {
      let (engine, rules) = LaplaceEngine.accurate(precision: precision)
      return engine.enclose(problem, gram: entries, precision: precision, rules: rules)
    }
    if engine == .laplace { return certificateLaplace.enclose(problem, gram: entries, precision: precision) }
    return evaluate(gram: entries, precision: precision)
  }
}
