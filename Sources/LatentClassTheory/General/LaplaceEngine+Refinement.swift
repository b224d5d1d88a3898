import ExactArithmetic
import Foundation

/// What a refined Laplace row needs beyond the solver's and the ordinary certificate's evaluations:
/// the loss far beyond `Double` (Newton's residual in ``OptimumRefinement``, and the refined row's
/// certificate), and the per-pair Hessians in the log-gaps (Newton's Jacobian).
extension LaplaceEngine {
  /// Gauss points of the accurate rules: on a dyadic panel of an integrand that varies like `1/t`
  /// the two rules differ by about `(3 + 2√2)^{−2n}` of the panel's integral, `10^{−37}` for `n = 24`,
  /// so the dyadic panels need no bisection to reach 128-bit accuracy (the tests measure the widths).
  static let accurateGaussPoints = 24

  /// The engine whose enclosures are about as narrow as `precision` bits allow: tolerance
  /// `2^{−precision}` (which also moves the tail cut out to about `precision · log 2`) and the
  /// ``accurateGaussPoints``-point rules. Certified like every Laplace evaluation (the hull of the
  /// Gauss and Lobatto rules); only the width changes.
  ///
  /// - Complexity: one ``GaussLobattoPair`` at `precision + 3n` bits, O(n²) interval operations per
  ///   Newton step of each node; each evaluation then costs about three times the default rules'
  ///   (a few more panels, out to the tail cut, at 2.4 times the nodes).
  static func accurate(precision: Int) -> (engine: LaplaceEngine, rules: QuadratureRules<Interval>) {
    (
      LaplaceEngine(tolerance: pow(2, -Double(precision))),
      QuadratureRules<Interval>(computing: precision, points: accurateGaussPoints, guardBits: 3 * accurateGaussPoints)
    )
  }

  /// The gradient of `L_k` for Newton's residual, accurate to about `2^{−precision}` with the accurate
  /// `rules` but not enclosed: the Gauss rule alone (half the nodes of an enclosure) on the dyadic
  /// panels of ``forEachPanel(gaps:probabilities:negatives:rules:precision:_:)`` out to
  /// `t = precision · log 2`, beyond which the neglected tail is below `k p_z 2^{−precision}`.
  ///
  /// - Complexity: O(pairs · panels · M), about 15 panels of ``accurateGaussPoints`` nodes.
  func refinementGradient(
    _ problem: ContrastiveProblem, gram: [[Interval]], rules: QuadratureRules<Interval>, precision: Int
  ) -> [[Interval]] {
    let s = Interval(problem.scale, precision: precision)
    let p = problem.negativeDistribution.map { Interval($0, precision: precision) }
    let k = problem.negatives
    let expectations = problem.pairs.map { pair -> PairExpectation<Interval> in
      let y = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      let integrand = FrullaniIntegrand(gaps: y, probabilities: p, negatives: k, precision: precision)
      let meanGap = zip(p, y).reduce(0.0) { $0 + $1.0.estimate * $1.1.estimate }
      let cuts = LaplaceEngine.dyadicCuts(negatives: Double(k), meanGap: meanGap, through: Double(precision) * log(2))
      var derivatives = [Interval](repeating: integrand.zero, count: y.count)
      for (a, b) in zip(cuts, cuts.dropFirst()) {
        let gauss = rules.gauss(integrand, from: a, to: b)
        for z in derivatives.indices { derivatives[z].addProduct(gauss.derivatives[z], Interval(1)) }
      }
      return PairExpectation(value: integrand.zero, logGapDerivatives: derivatives)
    }
    return problem.assemble(expectations, precision: precision).gradient
  }

  /// For each pair (in `problem.pairs` order), the Hessian `B_zw = ∂q_z/∂ log y_w` of its expectation
  /// in the log-gaps, the matrix ``MultinomialEngine/logGapHessians(_:gram:prepared:)`` enumerates.
  /// Differentiating the gradient integrand of the Laplace form,
  ///
  ///     B_zw = ∫_0^∞ e^{−t} φ^{k−2} [δ_zw g_z (1 − t y_z) φ − (k−1)/k · t g_z g_w] dt,
  ///     g_z = k p_z y_z e^{−t y_z},   φ = Σ_z p_z e^{−t y_z}.
  ///
  /// Error bound: `Double` rounding and the Gauss rule on quarter-dyadic panels up to `t = 40`, about
  /// `10^{−12}` relative; Newton's Jacobian needs no more (its accuracy sets each step's gain).
  ///
  /// - Complexity: O(pairs · panels · M²), about 60 panels of 10 nodes.
  func logGapHessians(_ problem: ContrastiveProblem, gram: [[Double]]) -> [[[Double]]] {
    let s = problem.scale.approximateDouble
    let p = problem.negativeDistribution.map(\.approximateDouble)
    let k = Double(problem.negatives)
    let rules = QuadratureRules<Double>(precision: 53)
    let m = problem.dimension
    return problem.pairs.map { pair in
      let y = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      let meanGap = zip(p, y).reduce(0.0) { $0 + $1.0 * $1.1 }
      let cuts = LaplaceEngine.dyadicCuts(negatives: k, meanGap: meanGap, through: 40)
      var hessian = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
      var g = [Double](repeating: 0, count: m)
      for (a, b) in zip(cuts, cuts.dropFirst()) {
        for quarter in 0..<4 {
          let left = a + Double(quarter) * (b - a) / 4
          let half = (b - a) / 8
          for (node, weight) in zip(rules.gaussNodes, rules.gaussWeights) {
            let t = left + half * (1 + node)
            var phi = 0.0
            for z in 0..<m {
              let decay = exp(-t * y[z])
              phi += p[z] * decay
              g[z] = k * p[z] * y[z] * decay
            }
            let common = half * weight * exp(-t) * (phi > 0 ? pow(phi, k - 2) : 0)
            let cross = common * (k - 1) / k * t
            for z in 0..<m where g[z] != 0 {
              hessian[z][z] += common * g[z] * (1 - t * y[z]) * phi
              for w in 0..<m { hessian[z][w] -= cross * g[z] * g[w] }
            }
          }
        }
      }
      return hessian
    }
  }
}
