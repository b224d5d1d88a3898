import ContrastiveLoss
import ExactArithmetic

extension UniformModel {
  /// An enclosure of the population loss at the simplex,
  /// `L_k(G*) = Σ_j C(k,j) N^−j (1−1/N)^(k−j) ℓ(j)` with `j` collisions (theory.md §3 (1)),
  /// where `ℓ(j)` is the per-draw ``NCELoss`` with `j` negatives at gap 0 and `k − j` at gap `a`.
  ///
  /// Error bound: that of ``BinomialDistribution/expectation(precision:range:term:)``;
  /// the range used for the tails is `[0, log(1 + k)]` since `a ≤ 1`.
  /// - Complexity: O(√k) per-draw evaluations.
  public func simplexLoss(negatives k: Int) -> Interval {
    let gaps = [Interval(1), otherClassGap]
    return collisions(negatives: k).expectation(
      precision: precision, range: Interval.hull(Interval(0), Interval.log1p(Interval(k)))
    ) { j in
      NCELoss.loss(exponentiatedGaps: gaps, multiplicities: [Interval(j), Interval(k - j)])
    }
  }

  /// An enclosure of the KKT multiplier `u` of theory.md §5 T2:
  /// `u = s/(N(N−1)) · E[(k−j)·a / (1 + j + (k−j)·a)]`, so that `∇L_k(G*) = u·J − N·u·I`.
  ///
  /// Each off-diagonal gradient entry is `ρ_c · E[∂ℓ/∂g_{c'}]`; given `j` collisions
  /// the other `k − j` negatives spread evenly over the `N − 1` other classes, so
  /// the entry is `1/(N(N−1))` times the derivative of ``NCELoss`` with respect to
  /// the score shared by all `k − j` other-class negatives. Error bound: as for
  /// ``simplexLoss(negatives:)``, with range `[0, s]`.
  public func kktMultiplier(negatives k: Int) -> Interval {
    let gaps = [Interval(1), otherClassGap]
    let s = scaleEnclosure
    let expectation = collisions(negatives: k).expectation(
      precision: precision, range: Interval.hull(Interval(0), s)
    ) { j in
      NCELoss.lossAndGradient(
        exponentiatedGaps: gaps, multiplicities: [Interval(j), Interval(k - j)], scale: s
      ).negatives[1]
    }
    return expectation / Interval(classes * (classes - 1))
  }
}
