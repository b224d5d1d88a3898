import ExactArithmetic

/// Expectations of `log(α + βJ)` and `(k − J)/(α + βJ)` for `J ~ Binomial(k, p)`,
/// `α > 0`, `β ≥ 0`, by Taylor expansion around the mean in the central moments.
///
/// With `d = J − kp`, `A = α + βkp` and `t = βd/A ≥ −βkp/A > −1`:
///
///     log(α + βJ)      = log A + Σ_{n=1}^{M} (−1)^{n+1} tⁿ/n + R_M,   |R_M| ≤ |t|^{M+1} / ((M+1)·c)
///     (k − J)/(α + βJ) = (kq − d)/A · (Σ_{n=0}^{M} (−t)ⁿ + R'_M),     |R'_M| ≤ |t|^{M+1} / c
///
/// where `c = min(1, 1 + t) ≥ α/A` (integral forms of the remainders of `log1p`
/// and of the geometric series). Taking expectations turns `tⁿ` into
/// `(β/A)ⁿ E[dⁿ]`; the central moments come from the generating function
/// `E[e^{θd}] = (q e^{−pθ} + p e^{qθ})^k = exp(k log(q e^{−pθ} + p e^{qθ}))`, through the
/// series of the logarithm (``CentredBernoulliLogSeries``, shared by every `k` of a run).
/// The cost does not depend on `k`; the order `M` needed falls as `k` grows,
/// because `E[t²] = β² kpq / A² = O(1/k)`. The series is only asymptotic when
/// `t` can exceed 1 (its moments then grow with the tail of `J`), so the
/// expansion reports failure rather than return a loose enclosure, and callers
/// fall back to the direct sum.
struct BinomialMomentExpansion {
  let distribution: BinomialDistribution
  let precision: Int
  /// `E[dⁿ]/n!` for `n = 0…`, enclosed, extended on demand up to `order`: each
  /// expectation stops at the first order whose remainder is negligible, so no
  /// moment beyond that is ever computed.
  private let moments: MomentSequence

  /// Central moments up to `order` (even), at `precision` bits plus guard bits that
  /// absorb the cancellation in the recurrence (the terms alternate in sign).
  /// - Parameter series: the coefficients for `p`, up to `order` at least; computed here when
  ///   `nil` (O(order²)), so a sweep over many `k` passes one shared table.
  init(distribution: BinomialDistribution, order: Int, precision: Int, series: CentredBernoulliLogSeries? = nil) {
    self.distribution = distribution
    self.precision = precision
    let working = BinomialMomentExpansion.workingPrecision(precision: precision, order: order)
    moments = MomentSequence(
      distribution: distribution, order: order, working: working,
      series: series
        ?? CentredBernoulliLogSeries(success: distribution.success, order: order, precision: working))
  }

  /// Bits for the moments: `precision` plus guard bits against the growth of the terms.
  static func workingPrecision(precision: Int, order: Int) -> Int { precision + 32 + order / 2 }

  private var order: Int { moments.order }

  /// An enclosure of `E[log(α + βJ)]`, or `nil` when `order` terms cannot reach a
  /// remainder below `2^−(precision+4)` relative to the result.
  ///
  /// Error bound: `E[|t|^{M+1}] / ((M+1) α/A)` with `M + 1` even, added as a radius.
  func expectationOfLog(intercept alpha: Interval, slope beta: Interval) -> Interval? {
    let k = distribution.trials
    let mean = Interval(Rational(k) * distribution.success, precision: precision + 64)
    let center = alpha + beta * mean
    let ratio = beta / center
    var sum = Interval.log(center)
    var power = Interval(1)  // (β/A)^n · (n−1)!
    var factorial = Interval(1)  // (n−1)!
    let order = self.order
    for n in 1..<order {
      power = power * ratio
      if n > 1 { factorial = factorial * Interval(n - 1) }
      let term = power * factorial * moments[n]
      sum = n % 2 == 1 ? sum + term : sum - term
      // The remainder after n terms needs E|t|^{n+1} = E[t^{n+1}] for n + 1 even.
      if n % 2 == 1 {
        // E[t^{n+1}] / (n+1) = (β/A)^{n+1} n! S_{n+1}, divided by c = α/A.
        let remainder = power * ratio * factorial * Interval(n) * moments[n + 1] * center / alpha
        if isNegligible(remainder, against: sum) { return sum.widened(by: remainder).rounded(toPrecision: precision) }
      }
    }
    return nil
  }

  /// An enclosure of `E[(k − J)/(α + βJ)]`, or `nil` as for ``expectationOfLog(intercept:slope:)``.
  ///
  /// Error bound: `E[(kq − d) |t|^{M+1}] / α` with `M + 1` even; since `kq − d = k − J ≥ 0`
  /// this is exactly `(β/A)^{M+1} (kq E[d^{M+1}] − E[d^{M+2}]) / α`, added as a radius.
  func expectationOfComplementRatio(intercept alpha: Interval, slope beta: Interval) -> Interval? {
    let k = distribution.trials
    let p = distribution.success
    let working = precision + 64
    let complementMean = Interval(Rational(k) * (1 - p), precision: working)
    let center = alpha + beta * Interval(Rational(k) * p, precision: working)
    let ratio = beta / center
    let order = self.order
    // E[(kq − d)(−t)ⁿ] = (−β/A)ⁿ n! (kq S_n − (n+1) S_{n+1}), where E[dⁿ] = n! S_n.
    var sum = Interval(0)
    var power = Interval(1)  // (β/A)ⁿ
    var factorial = Interval(1)  // n!
    for n in 0...(order - 2) {
      if n > 0 {
        power = power * ratio
        factorial = factorial * Interval(n)
      }
      let term = power * factorial * (complementMean * moments[n] - Interval(n + 1) * moments[n + 1])
      sum = n % 2 == 0 ? sum + term : sum - term
      if n % 2 == 1 {
        let nextFactorial = factorial * Interval(n + 1)
        let remainder =
          power * ratio * nextFactorial
          * (complementMean * moments[n + 1] - Interval(n + 2) * moments[n + 2]) / alpha
        let value = sum / center
        if isNegligible(remainder, against: value) {
          return value.widened(by: remainder).rounded(toPrecision: precision)
        }
      }
    }
    return nil
  }

  fileprivate func isNegligible(_ radius: Interval, against value: Interval) -> Bool {
    let tolerance = Double(sign: .plus, exponent: -(precision + 4), significand: 1)
    let r = radius.approximateDouble
    return r.isFinite && r <= tolerance * abs(value.approximateDouble)
  }
}

/// `S_n = E[dⁿ]/n!` for the central binomial moments, computed lazily from the shared
/// ``CentredBernoulliLogSeries``: `S_n = (k/n) Σ_{i=2}^{n} (i L_i) S_{n−i}`.
///
/// Error bound: interval arithmetic at `working` bits; each `S_n` costs `O(n)` interval
/// operations, so reading `S_0…S_M` costs `O(M²)` whatever `order` allows.
private final class MomentSequence {
  let order: Int
  private let working: Int
  private let trials: Interval
  private let series: CentredBernoulliLogSeries
  private var values: [Interval]

  init(distribution: BinomialDistribution, order: Int, working: Int, series: CentredBernoulliLogSeries) {
    precondition(series.success == distribution.success && series.order >= order, "series of another p or too short")
    self.order = order
    self.working = working
    self.series = series
    trials = Interval(distribution.trials, precision: working)
    values = [Interval(1, precision: working)]
  }

  /// `S_n`, for `n ≤ order`.
  subscript(n: Int) -> Interval {
    precondition(n <= order, "moment beyond the expansion's order")
    while values.count <= n { extend() }
    return values[n]
  }

  private func extend() {
    let n = values.count
    var sum = ProductSum(precision: working)
    for i in stride(from: 2, through: n, by: 1) { sum.add(series.scaledCoefficients[i], times: values[n - i]) }
    values.append(trials * sum.value / Interval(n, precision: working))
  }
}
