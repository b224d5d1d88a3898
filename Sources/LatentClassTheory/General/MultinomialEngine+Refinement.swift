import ExactArithmetic

/// The two evaluations Newton's refinement (``OptimumRefinement``) needs from the multinomial engine,
/// each cheaper than ``MultinomialEngine/evaluate(_:gram:prepared:precision:)``.
extension MultinomialEngine {
  /// The gradient of `L_k` (the `loss` field is 0) in `Interval`, accumulated in place.
  ///
  /// The per-draw derivative of ``NCELoss`` in the log-gap `log y_z` is `n_z y_z / Z` with
  /// `Z = 1 + Σ n y`, so a pair's expectation is `q_z = y_z · Σ_v p_v n_z / Z_v`: each count
  /// vector costs one division and two fused multiply-adds per point it holds, with no allocation
  /// but `p_v / Z_v` (the generic path allocates every intermediate, about ten times slower).
  ///
  /// Error bound: an enclosure of the exact gradient (outward rounding, exact weights), as wide as
  /// the generic path's to a small factor.
  ///
  /// - Complexity: O(pairs · count vectors · M) in-place interval operations.
  func refinementGradient(
    _ problem: ContrastiveProblem, gram: [[Interval]], prepared: Prepared<Interval>, precision: Int
  ) -> LossAndGradient<Interval> {
    let s = Interval(problem.scale, precision: precision)
    let expectations = problem.pairs.map { pair -> PairExpectation<Interval> in
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      var sums = [Interval](repeating: Interval(0, precision: precision), count: gaps.count)
      prepared.forEachCountVector { probability, n, support in
        let partition = Prepared.partition(n, support: support, gaps: gaps, one: Interval(1, precision: precision))
        let share = probability / partition
        for z in support { sums[z].addProduct(share, n[z]) }
      }
      return PairExpectation(value: Interval(0), logGapDerivatives: zip(gaps, sums).map { $0 * $1 })
    }
    return problem.assemble(expectations, precision: precision)
  }

  /// For each pair (in `problem.pairs` order), the Hessian of its expectation in the log-gaps,
  /// `B = E[diag π − π πᵀ]` with `π_z = n_z y_z / Z`: the softmax covariance of one draw of
  /// ``NCELoss``, averaged over the count vectors. Newton's Jacobian is assembled from these blocks.
  ///
  /// Error bound: `Double` rounding only, relative `O(M · 10⁻¹⁶)` per entry.
  ///
  /// - Complexity: O(pairs · count vectors · M²).
  func logGapHessians(_ problem: ContrastiveProblem, gram: [[Double]], prepared: Prepared<Double>) -> [[[Double]]] {
    let s = problem.scale.approximateDouble
    let m = problem.dimension
    return problem.pairs.map { pair in
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      var hessian = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
      var softmax = [Double](repeating: 0, count: m)
      prepared.forEachCountVector { p, n, present in
        let partition = Prepared.partition(n, support: present, gaps: gaps, one: 1.0)
        for z in present { softmax[z] = n[z] * gaps[z] / partition }
        for z in present {
          hessian[z][z] += p * softmax[z]
          for w in present { hessian[z][w] -= p * softmax[z] * softmax[w] }
        }
      }
      return hessian
    }
  }
}
