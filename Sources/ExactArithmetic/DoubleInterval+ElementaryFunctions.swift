/// Certified elementary functions in ``DoubleInterval``: range reduction by `log 2` split into an
/// exact part and an enclosed remainder, a Taylor (or `atanh`) polynomial evaluated in interval
/// arithmetic with enclosed coefficients, and a proven bound on the neglected terms
/// (proofs/double-interval.md). Every result contains `f(x)` for every `x` in the operand.
///
/// Error bound: within 40 ulps of the correctly rounded image of the operand (checked against MPFR in
/// the tests; the polynomials' rounding, accumulated outward, dominates, the neglected terms being below
/// 10⁻¹⁷ relative), except where `exp` returns its fixed bounds beyond −708 and 709.
extension DoubleInterval {
  /// `e^x`.
  ///
  /// Beyond `x ≤ −708` the result is `[0, 3.31·10⁻³⁰⁸]`; beyond `x ≥ 709` it is `[8.2·10³⁰⁷, ∞]`.
  public static func exp(_ x: DoubleInterval) -> DoubleInterval {
    if x.upper <= Reduction.underflow { return DoubleInterval(uncheckedLower: 0, upper: Reduction.belowUnderflow) }
    if x.lower >= Reduction.overflow {
      return DoubleInterval(uncheckedLower: Reduction.aboveOverflow, upper: .infinity)
    }
    if let (m, d) = x.narrowSplit, m > Reduction.underflow && m < Reduction.overflow {
      // e^x = e^m · e^d = e^m + e^m (e^d − 1).
      let power = expOfPoint(m)
      return power + power * d.expm1Bracket
    }
    // `exp` is increasing: its endpoints' images bound it.
    func image(_ point: Double) -> DoubleInterval { exp(DoubleInterval(uncheckedLower: point, upper: point)) }
    return DoubleInterval(uncheckedLower: image(x.lower).lower, upper: image(x.upper).upper)
  }

  /// `e^x − 1`, accurate near 0 (relative error bound there as for `exp`).
  public static func expm1(_ x: DoubleInterval) -> DoubleInterval {
    if let (m, d) = x.narrowSplit, abs(m) <= Reduction.halfLn2Bound {
      // e^x − 1 = (e^m − 1) + e^m (e^d − 1).
      let e1 = expm1OfPoint(m)
      return e1 + (DoubleInterval(exactly: 1) + e1) * d.expm1Bracket
    }
    func image(_ point: Double) -> DoubleInterval {
      if abs(point) <= Reduction.halfLn2Bound { return expm1OfPoint(point) }
      let e = exp(DoubleInterval(uncheckedLower: point, upper: point))
      return DoubleInterval(uncheckedLower: down(e.lower - 1), upper: up(e.upper - 1))
    }
    return DoubleInterval(uncheckedLower: image(x.lower).lower, upper: image(x.upper).upper)
  }

  /// The natural logarithm; the lower endpoint is −∞ when the operand reaches 0, and the whole
  /// line when it holds no positive number.
  public static func log(_ x: DoubleInterval) -> DoubleInterval {
    guard x.upper > 0 else { return .entire }
    let low = x.lower > 0 ? logOfPoint(x.lower).lower : -.infinity
    let high = x.upper == .infinity ? .infinity : logOfPoint(x.upper).upper
    return DoubleInterval(uncheckedLower: low, upper: high)
  }

  /// `log(1 + x)`, accurate near 0; as ``log(_:)`` at and below −1.
  public static func log1p(_ x: DoubleInterval) -> DoubleInterval {
    guard x.upper > -1 else { return .entire }
    if let (m, d) = x.narrowSplit, x.lower > -1 {
      // log1p(m + d) − log1p(m) = d/(1 + ξ), ξ between m and m + d, so within d/(1 + x.lower).
      let slope = DoubleInterval(uncheckedLower: 0, upper: up(1 / down(1 + x.lower)))
      return log1pOfPoint(m) + d * slope
    }
    let low = x.lower > -1 ? log1pOfPoint(x.lower).lower : -.infinity
    let high = x.upper == .infinity ? .infinity : log1pOfPoint(x.upper).upper
    return DoubleInterval(uncheckedLower: low, upper: high)
  }

  /// The square root of the non-negative part; the whole line when there is none.
  public static func sqrt(_ x: DoubleInterval) -> DoubleInterval {
    guard x.upper >= 0 else { return .entire }
    let low = x.lower > 0 ? down(x.lower.squareRoot()) : 0
    return DoubleInterval(uncheckedLower: Swift.max(low, 0), upper: up(x.upper.squareRoot()))
  }
}

extension DoubleInterval {
  /// This interval widened by `radius ≥ 0` on both sides, rounded outward.
  func widened(by radius: Double) -> DoubleInterval {
    DoubleInterval(uncheckedLower: DoubleInterval.down(lower - radius), upper: DoubleInterval.up(upper + radius))
  }

  /// `Σ_j coefficients[j] · x^j` by Horner's rule in interval arithmetic (no bound on neglected terms).
  static func horner(_ coefficients: [DoubleInterval], at x: DoubleInterval) -> DoubleInterval {
    coefficients.withUnsafeBufferPointer { c in
      var sum = c[c.count - 1]
      for j in stride(from: c.count - 2, through: 0, by: -1) { sum = sum * x + c[j] }
      return sum
    }
  }

  /// `Σ_j coefficients[j] · x^j` by Horner's rule for `x ≥ 0` and coefficients with positive lower
  /// ends (no bound on neglected terms): every partial sum is positive, so the lower and upper ends
  /// follow their own chains, with the roundings of ``horner(_:at:)`` and none of its sign cases.
  static func hornerNonNegative(_ coefficients: [DoubleInterval], at x: DoubleInterval) -> DoubleInterval {
    precondition(x.lower >= 0, "hornerNonNegative needs x ≥ 0")
    return coefficients.withUnsafeBufferPointer { c in
      var low = c[c.count - 1].lower
      var high = c[c.count - 1].upper
      for j in stride(from: c.count - 2, through: 0, by: -1) {
        low = down(down(low * x.lower) + c[j].lower)
        high = up(up(high * x.upper) + c[j].upper)
      }
      return DoubleInterval(uncheckedLower: low, upper: high)
    }
  }

  /// A point `m` of a narrow, bounded interval (width at most 2⁻²⁰, absolute and relative to its
  /// largest magnitude) and an enclosure of `x − m ⊂ [−2⁻²⁰, 2⁻²⁰]` over it, for the mean-value forms;
  /// `nil` for a wide or unbounded interval (whose endpoints are then evaluated separately).
  var narrowSplit: (Double, DoubleInterval)? {
    let width = upper - lower
    guard isBounded && width <= 0x1p-20 && width <= 0x1p-20 * Swift.max(-lower, upper) else { return nil }
    let m = midpoint
    return (m, self - DoubleInterval(uncheckedLower: m, upper: m))
  }

  /// An enclosure of `e^d − 1` for every `d` in this interval, assumed inside `[−1/2, 1]`:
  /// `[lower, upper + upper²]`, as `d ≤ e^d − 1 ≤ d + d²` there and `d + d²` increases.
  var expm1Bracket: DoubleInterval {
    DoubleInterval(uncheckedLower: lower, upper: DoubleInterval.up(upper + DoubleInterval.up(upper * upper)))
  }

  /// `e^m` for `−708 < m < 709`: `2^n · e^r`, `r = m − n·ln2High − n·ln2Low` (n nearest to `m/log 2`,
  /// the first product exact, `|r| ≤ 0.35`), `e^r` by its Taylor polynomial of degree 13 (neglected
  /// terms below `0.35^14/14! · 1.03 < 10⁻¹⁷`); the scaling by `2^n` is exact because `e^r ≥ 0.7`
  /// keeps the result normal for `n ≥ −1021`.
  private static func expOfPoint(_ m: Double) -> DoubleInterval {
    let n = (m * 1.4426950408889634).rounded()
    let r =
      (DoubleInterval(exactly: m) - DoubleInterval(exactly: n * Reduction.ln2High))
      - DoubleInterval(exactly: n) * Reduction.ln2Low
    precondition(
      r.lower >= -Reduction.halfLn2Bound && r.upper <= Reduction.halfLn2Bound, "exp's reduction left |r| > 0.35")
    let power = horner(Coefficients.exp, at: r).widened(by: 1e-17)
    let scale = Double(sign: .plus, exponent: Int(n), significand: 1)
    return DoubleInterval(uncheckedLower: power.lower * scale, upper: power.upper * scale)
  }

  /// `e^m − 1` for `|m| ≤ 0.35`: `m · Σ_{j≥0} m^j/(j+1)!`, the terms beyond `j = 13` below 10⁻¹⁸.
  private static func expm1OfPoint(_ m: Double) -> DoubleInterval {
    let x = DoubleInterval(exactly: m)
    return x * horner(Coefficients.expm1Quotient, at: x).widened(by: 1e-18)
  }

  /// `log(1 + a)` for a finite `a > −1`: the series near 0, else `log` of `1 + a` rounded outward
  /// (where `|log(1 + a)| ≥ 0.34`, so that rounding costs no relative accuracy).
  private static func log1pOfPoint(_ a: Double) -> DoubleInterval {
    if a >= -0.29 && a <= 0.41 { return log1pNearZero(a) }
    let sum = DoubleInterval(exactly: 1) + DoubleInterval(exactly: a)
    let nearest = 1 + a
    if sum.lower > 0 && sum.upper.isFinite {
      // One evaluation at the rounded sum: log(1 + a) − log(nearest) = (1 + a − nearest)/ξ with ξ
      // between them, so 1/ξ ∈ (0, 1/sum.lower].
      let offset = sum - DoubleInterval(exactly: nearest)
      return logOfPoint(nearest) + offset * DoubleInterval(uncheckedLower: 0, upper: up(1 / down(sum.lower)))
    }
    let low = sum.lower > 0 ? logOfPoint(sum.lower).lower : -.infinity
    // Near the largest `Double`, `1 + a` rounded up overflows.
    let high = sum.upper.isFinite ? logOfPoint(sum.upper).upper : .infinity
    return DoubleInterval(uncheckedLower: low, upper: high)
  }

  /// `log a` for a finite `a > 0`: `a = 2^e · m` with `m ∈ [√2/2, √2]`, `log a = e log 2 + log1p(m − 1)`
  /// (`m − 1` exact by Sterbenz's lemma).
  private static func logOfPoint(_ a: Double) -> DoubleInterval {
    var exponent = Int(a.exponent)
    var significand = a.significand
    if significand > 1.4142135623730951 {
      significand /= 2
      exponent += 1
    }
    let e = Double(exponent)
    let scaled = DoubleInterval(exactly: e * Reduction.ln2High) + DoubleInterval(exactly: e) * Reduction.ln2Low
    return scaled + log1pNearZero(significand - 1)
  }

  /// `log(1 + a)` for `a ∈ [−0.2929, 0.4143]`: `2 atanh(u) = 2u Σ_j u^{2j}/(2j+1)`, `u = a/(2 + a)`,
  /// `|u| ≤ 0.1716`; the terms beyond `j = 10` sum to at most `w^11/(23(1 − w)) < 10⁻¹⁸` for `w = u² ≤ 0.0295`.
  private static func log1pNearZero(_ a: Double) -> DoubleInterval {
    let x = DoubleInterval(exactly: a)
    let u = x / (DoubleInterval(exactly: 2) + x)
    // A square is non-negative: the lower end rounded below 0 (when u meets 0) is raised back.
    let square = u.squared
    let w = DoubleInterval(uncheckedLower: Swift.max(square.lower, 0), upper: square.upper)
    precondition(w.upper <= 0.0295, "log1pNearZero needs |u| ≤ 0.1717")
    let series = hornerNonNegative(Coefficients.atanhQuotient, at: w).widened(by: 1e-18)
    return DoubleInterval(exactly: 2) * u * series
  }

  /// Constants of the range reductions.
  enum Reduction {
    /// `log 2` rounded to 32 significant bits (fdlibm's `ln2_hi`), so `n · ln2High` is exact for `|n| < 2²¹`.
    static let ln2High = 0x1.62e42feep-1
    /// An enclosure of `log 2 − ln2High`, computed once with MPFR.
    static let ln2Low = DoubleInterval(
      enclosing: Interval.ln2(precision: 256) - Interval(exactly: ln2High).rounded(toPrecision: 256))
    /// A bound on `|r|` after reduction: `log 2 / 2 = 0.3466…` plus rounding.
    static let halfLn2Bound = 0.35
    /// Below this `e^x` is under the smallest normal number; `e^{−708} < 3.31·10⁻³⁰⁸`.
    static let underflow = -708.0
    static let belowUnderflow = 3.31e-308
    /// Above this `e^x` nears the largest `Double`; `e^{709} > 8.2·10³⁰⁷`.
    static let overflow = 709.0
    static let aboveOverflow = 8.2e307
  }

  /// Polynomial coefficients, each enclosed by MPFR once.
  enum Coefficients {
    /// `1/j!`, `j = 0…13`.
    static let exp = (0...13).map { DoubleInterval(Rational(1, factorial($0))) }
    /// `1/(j+1)!`, `j = 0…13`.
    static let expm1Quotient = (0...13).map { DoubleInterval(Rational(1, factorial($0 + 1))) }
    /// `1/(2j+1)`, `j = 0…10`.
    static let atanhQuotient = (0...10).map { DoubleInterval(Rational(1, 2 * $0 + 1)) }

    private static func factorial(_ n: Int) -> Int { (1...Swift.max(n, 1)).reduce(1, *) }
  }
}
