import ExactArithmetic
import Foundation

extension LaplaceEngine {
  /// ``evaluate(_:gram:precision:)`` in a certified arithmetic `T` (with `rules`, the accurate ones of a
  /// refined row, instead of the default ones when given) with the pairs' quadratures spread over the
  /// cores: each pair is computed exactly as there and the pairs are assembled in the same order, so
  /// the enclosures are the same bits whatever the number of cores.
  ///
  /// - Complexity: that of ``evaluate(_:gram:precision:)``, divided among the cores.
  func enclose<T: EngineScalar & Sendable>(
    _ problem: ContrastiveProblem, gram: [[T]], precision: Int, rules: QuadratureRules<T>? = nil
  ) -> LossAndGradient<T> {
    let s = T(problem.scale, precision: precision)
    let p = problem.negativeDistribution.map { T($0, precision: precision) }
    let rules = rules ?? QuadratureRules<T>(precision: precision)
    let negatives = problem.negatives
    let pairs = OrderedBackgroundWork<PairExpectation<T>>(
      workers: ProcessInfo.processInfo.activeProcessorCount - 1)
    for pair in problem.pairs {
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      pairs.submit {
        pairExpectation(gaps: gaps, probabilities: p, negatives: negatives, rules: rules, precision: precision)
      }
    }
    return problem.assemble(pairs.finish(), precision: precision)
  }
}
