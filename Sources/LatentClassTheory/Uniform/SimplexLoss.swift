import ContrastiveLoss
import ExactArithmetic
import Foundation

/// Certified quantities of the simplex for one number of negatives `k`.
public struct SimplexEvaluation: Sendable {
  /// `L_k(G*)`.
  public let loss: Interval
  /// The KKT multiplier `u` of docs/theory.md §5 T2.
  public let multiplier: Interval
  /// The collision term `col_k = E[log(1 + j)]` of docs/theory.md §7.
  public let collisionTerm: Interval
  /// How the binomial expectations were evaluated.
  public let method: ExpectationMethod
}

/// How a binomial expectation over the number of collisions was evaluated.
public enum ExpectationMethod: String, Sendable {
  /// The sum over collision counts, outward from the mode, tails bounded (cost O(√k)).
  case binomialSum = "binomial-sum"
  /// Taylor expansion in the central moments with a remainder bound (cost independent of k).
  case momentExpansion = "moment-expansion"
  /// Polynomial interpolation in k between directly evaluated anchors, with the remainder
  /// bounded by analyticity in k (``InterpolationBlock``; cost O(precision) per k).
  case interpolation = "interpolation-in-k"
}

extension UniformModel {
  /// The smallest `k` for which the moment expansion is tried; below it the
  /// series needs too many terms and the direct sum is cheaper.
  static let momentExpansionThreshold = 180

  /// Certifies `L_k(G*)`, `u` and `col_k` with `j ~ Binomial(k, 1/N)` collisions.
  ///
  /// - `L_k(G*) = E[ℓ(j)]`, where `ℓ(j)` is the per-draw ``NCELoss`` with `j`
  ///   negatives at gap 0 and `k − j` at gap `a = exp(−sN/(N−1))` (docs/theory.md §3, method 1);
  ///   as a function of `j` it is `log(α + βj)` with `α = 1 + ka`, `β = 1 − a`.
  /// - `u = s/(N(N−1)) · E[(k−j)a / (1 + j + (k−j)a)]`: each off-diagonal gradient
  ///   entry is `ρ_c · E[∂ℓ/∂g_{c'}]`, and given `j` collisions the other `k − j`
  ///   negatives spread evenly over the `N − 1` other classes.
  /// - `col_k = E[log(1 + j)]`.
  ///
  /// Error bound: each expectation is enclosed to about `2^−precision` relative
  /// (see ``BinomialDistribution/expectation(precision:range:term:)`` and the moment
  /// expansion's remainder bounds).
  /// - Complexity: O(√k) logarithms for small `k`, O(M²) interval operations with
  ///   `M ≲ 100` falling with `k` for large `k`.
  ///
  /// - Parameters:
  ///   - method: forces one evaluation method; by default the moment
  ///   expansion is tried for `k ≥ 180` (measured crossover) and the binomial sum is used otherwise
  ///   (and whenever the expansion cannot reach the precision).
  ///   - logarithms: enclosures of `log(1 + j)`, shared across `k` because they do not depend on it.
  public func simplexEvaluation(
    negatives k: Int, method: ExpectationMethod? = nil, logarithms: LogarithmTable? = nil
  ) -> SimplexEvaluation {
    simplexEvaluation(negatives: k, method: method, logarithms: logarithms, series: nil)
  }

  /// ``simplexEvaluation(negatives:method:logarithms:)`` with the moment expansion's
  /// coefficients shared across `k` (``momentSeries``); `nil` computes them for this `k`.
  func simplexEvaluation(
    negatives k: Int, method: ExpectationMethod?, logarithms: LogarithmTable?, series: CentredBernoulliLogSeries?
  ) -> SimplexEvaluation {
    let logarithms = logarithms ?? LogarithmTable(count: 0, precision: precision + 20)
    let a = otherClassGap
    let s = scaleEnclosure
    let alpha = Interval(1) + Interval(k) * a
    let beta = Interval(1) - a
    let collisions = self.collisions(negatives: k)
    var expansion: BinomialMomentExpansion?
    var includesCollisionTerm = false
    if method == .momentExpansion || (method == nil && k >= UniformModel.momentExpansionThreshold) {
      // t = β·d/A is small for the loss (β = 1 − a, A ≈ k(a + p(1 − a))) but not for the
      // collision term (β = 1, A = 1 + kp), which needs the higher order.
      let gap = a.approximateDouble
      let (kd, p) = (Double(k), 1 / Double(classes))
      let spread = kd * p * (1 - p)
      let lossCenter = 1 + kd * gap + kd * p * (1 - gap)
      let lossOrder = BinomialMomentExpansion.suggestedOrder(
        variance: (1 - gap) * (1 - gap) * spread / (lossCenter * lossCenter),
        remainderFactor: lossCenter / (1 + kd * gap), precision: precision)
      let collisionOrder = BinomialMomentExpansion.suggestedOrder(
        variance: spread / ((1 + kd * p) * (1 + kd * p)), remainderFactor: 1 + kd * p, precision: precision)
      // Extending the moments to the collision term's order costs ~2 interval
      // operations per (n, i) pair; its direct sum (logarithms from the shared table)
      // costs ~5 per term over ~26 standard deviations. Take the cheaper.
      let extraCost = 2 * (collisionOrder * collisionOrder - lossOrder * lossOrder)
      let directSum = Int(5 * 26 * spread.squareRoot())
      includesCollisionTerm = collisionOrder < 200 && extraCost < directSum
      expansion = BinomialMomentExpansion(
        distribution: collisions, order: includesCollisionTerm ? max(lossOrder, collisionOrder) : lossOrder,
        precision: precision, series: series)
    }
    let collisionTerm =
      (includesCollisionTerm ? expansion?.expectationOfLog(intercept: Interval(1), slope: Interval(1)) : nil)
      ?? collisions.expectation(precision: precision, range: Interval.hull(Interval(0), logarithms[k])) { j in
        logarithms[j]
      }
    if let expansion, let loss = expansion.expectationOfLog(intercept: alpha, slope: beta),
      let ratio = expansion.expectationOfComplementRatio(intercept: alpha, slope: beta)
    {
      let multiplier = s * a * ratio / Interval(classes * (classes - 1))
      return SimplexEvaluation(
        loss: loss, multiplier: multiplier.rounded(toPrecision: precision), collisionTerm: collisionTerm,
        method: .momentExpansion)
    }
    let gaps = [Interval(1), a]
    // One walk for both: the loss and its gradient share the partition function of each draw.
    let sums = collisions.expectations(
      precision: precision, ranges: [Interval.hull(Interval(0), logarithms[k]), Interval.hull(Interval(0), s)]
    ) { j in
      let (loss, gradient) = NCELoss.lossAndGradient(
        exponentiatedGaps: gaps, multiplicities: [Interval(j), Interval(k - j)], scale: s)
      return [loss, gradient[1]]
    }
    let (loss, gradient) = (sums[0], sums[1])
    return SimplexEvaluation(
      loss: loss, multiplier: (gradient / Interval(classes * (classes - 1))).rounded(toPrecision: precision),
      collisionTerm: collisionTerm, method: .binomialSum)
  }
}

extension UniformModel {
  /// The moment expansion's coefficients for `p = 1/N`, up to the largest order
  /// ``BinomialMomentExpansion/suggestedOrder(variance:remainderFactor:precision:)`` returns, at
  /// the working precision of that order: one table for every `k` of a sweep.
  /// - Complexity: O(order²) interval operations, order ≤ 202.
  var momentSeries: CentredBernoulliLogSeries {
    let order = BinomialMomentExpansion.largestSuggestedOrder
    return CentredBernoulliLogSeries(
      success: Rational(1, classes), order: order,
      precision: BinomialMomentExpansion.workingPrecision(precision: precision, order: order))
  }
}

extension BinomialMomentExpansion {
  /// The largest order ``suggestedOrder(variance:remainderFactor:precision:)`` returns.
  static let largestSuggestedOrder = 202

  /// An even order at which the remainder should fall below `2^−precision`: with
  /// `v = E[t²]`, the `n`-th term behaves like `(v·n/e)^{n/2}` (Gaussian moments),
  /// times `A/α` from the remainder's denominator. The binomial's skew makes the
  /// true moments larger than the Gaussian's, hence the margin of 25% + 8 (measured:
  /// N = 10, s = 1, k = 128 needs order ≈ 80). Capped at 200.
  static func suggestedOrder(variance v: Double, remainderFactor: Double, precision: Int) -> Int {
    let target = -Double(precision + 8) * 0.693_147_180_559_945_3 - Foundation.log(max(1, remainderFactor))
    var order = 8
    while order < 200, Double(order) / 2 * Foundation.log(v * Double(order) / 2.718_281_828) >= target {
      order += 4
    }
    return min(200, order * 5 / 4 + 8) / 2 * 2 + 2
  }
}
