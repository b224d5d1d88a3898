import ExactArithmetic
import Foundation

extension LaplaceEngine {
  /// ``evaluate(_:gram:precision:)`` in `Interval` with the pairs' quadratures spread over the cores:
  /// each pair is computed exactly as there and the pairs are assembled in the same order, so the
  /// enclosures are the same bits whatever the number of cores.
  ///
  /// - Complexity: that of ``evaluate(_:gram:precision:)``, divided among the cores.
  func enclose(_ problem: ContrastiveProblem, gram: [[Interval]], precision: Int) -> LossAndGradient<Interval> {
    let s = Interval(problem.scale, precision: precision)
    let p = problem.negativeDistribution.map { Interval($0, precision: precision) }
    let rules = QuadratureRules<Interval>(precision: precision)
    let negatives = problem.negatives
    let pairs = OrderedBackgroundWork<PairExpectation<Interval>>(
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
