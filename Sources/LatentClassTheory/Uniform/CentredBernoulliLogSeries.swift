import ExactArithmetic

/// `i·L_i` for `L_i = [θ^i] log(q e^{−pθ} + p e^{qθ})`: the cumulants of one centred
/// Bernoulli(`p`) draw divided by `(i−1)!`. They do not depend on the number of draws `k`, so
/// one table serves the central moments of every Binomial(`k`, `p`) (``BinomialMomentExpansion``):
/// `E[e^{θd}] = exp(k Σ L_i θ^i)` gives `n S_n = k Σ_{i=2}^{n} i L_i S_{n−i}`, one dot product per
/// moment instead of the two of Miller's recurrence on `(q e^{−pθ} + p e^{qθ})^k`.
///
/// Error bound: interval arithmetic at `precision` bits; `L_0 = L_1 = 0` exactly.
/// - Complexity: O(order²) interval operations, once per run.
final class CentredBernoulliLogSeries: Sendable {
  let success: Rational
  /// `i·L_i` for `i = 0…order`.
  let scaledCoefficients: [Interval]

  /// From `G = Σ g_i θ^i`, `g_i = (q(−p)^i + p q^i)/i!` (`g_0 = 1`, `g_1 = 0`) and `G' = L'G`:
  /// `i L_i = i g_i − Σ_{j=2}^{i−2} (j L_j) g_{i−j}`.
  init(success p: Rational, order: Int, precision: Int) {
    success = p
    let (pp, qq) = (Interval(p, precision: precision), Interval(1 - p, precision: precision))
    var g = [Interval(1, precision: precision), Interval(0, precision: precision)]
    var (powerOfMinusP, powerOfQ, factorial) = (-pp, qq, Interval(1, precision: precision))
    var scaled = [Interval(0, precision: precision), Interval(0, precision: precision)]
    for i in stride(from: 2, through: order, by: 1) {
      powerOfMinusP = powerOfMinusP * -pp
      powerOfQ = powerOfQ * qq
      factorial.multiply(byNonNegative: i)
      g.append((qq * powerOfMinusP + pp * powerOfQ) / factorial)
      var convolution = ProductSum(precision: precision)
      for j in stride(from: 2, through: i - 2, by: 1) { convolution.add(scaled[j], times: g[i - j]) }
      scaled.append(Interval(i, precision: precision) * g[i] - convolution.value)
    }
    scaledCoefficients = scaled
  }

  /// The largest `i` with a coefficient.
  var order: Int { scaledCoefficients.count - 1 }
}
