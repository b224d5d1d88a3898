import ExactArithmetic
import Foundation

/// The two evaluations of `L_k` Newton's refinement (``OptimumRefinement``) needs from an engine beyond
/// the solver's: the gradient at the working precision (the residual) and each pair's Hessian in the
/// log-gaps in `Double` (the Jacobian).
enum RefinementEvaluations {
  /// Enumerated count vectors, with their weights converted once at the working precision and in
  /// `Double`: the gradient is exact up to rounding.
  case enumerated(
    MultinomialEngine, working: MultinomialEngine.Prepared<Interval>, double: MultinomialEngine.Prepared<Double>)
  /// The Laplace quadrature with the accurate rules (``LaplaceEngine/accurate(precision:)``): the
  /// gradient is accurate to about the working precision.
  case quadrature(LaplaceEngine, working: QuadratureRules<Interval>)

  /// The working precision for a certificate at `precision` bits: 64 bits more for enumeration, whose
  /// gradient is exact; for the quadrature, whose gradient is accurate to about `2^{−precision}` anyway,
  /// `precision` itself (two limbs at 128 bits instead of three).
  static func workingPrecision(_ loss: PopulationLoss, precision: Int) -> Int {
    loss.table == nil ? precision : precision + 64
  }

  /// The residual Newton stops at for a certificate at `precision` bits: `2^{−(precision+8)}` for
  /// enumeration; for the quadrature, whose accuracy is near `2^{−precision}`, `2^{−(precision−8)}`.
  static func residualTarget(_ loss: PopulationLoss, precision: Int) -> Double {
    pow(2, -Double(loss.table == nil ? precision - 8 : precision + 8))
  }

  /// - Complexity: enumerated: O(count vectors · M) conversions; quadrature: one ``GaussLobattoPair``.
  init(_ loss: PopulationLoss, workingPrecision: Int) {
    if let table = loss.table {
      self = .enumerated(
        table, working: table.prepared(precision: workingPrecision), double: table.prepared(precision: 53))
    } else {
      let (engine, rules) = LaplaceEngine.accurate(precision: workingPrecision)
      self = .quadrature(engine, working: rules)
    }
  }

  /// The gradient of `L_k` at `gram`, enclosed at `precision` bits (the working precision).
  func gradient(_ problem: ContrastiveProblem, gram: [[Interval]], precision: Int) -> [[Interval]] {
    switch self {
    case .enumerated(let table, let working, _):
      return table.refinementGradient(problem, gram: gram, prepared: working, precision: precision).gradient
    case .quadrature(let engine, let rules):
      return engine.refinementGradient(problem, gram: gram, rules: rules, precision: precision)
    }
  }

  /// Each pair's Hessian in the log-gaps, in `Double` (``ContrastiveProblem/pairs`` order).
  func logGapHessians(_ problem: ContrastiveProblem, gram: [[Double]]) -> [[[Double]]] {
    switch self {
    case .enumerated(let table, _, let double): return table.logGapHessians(problem, gram: gram, prepared: double)
    case .quadrature(let engine, _): return engine.logGapHessians(problem, gram: gram)
    }
  }
}
