import CMPFR

/// Outward-rounded arithmetic: each result contains every exact result of its operands' points.
extension Interval {
  public static func + (lhs: Interval, rhs: Interval) -> Interval {
    make(precision: max(lhs.precision, rhs.precision)) { lower, upper in
      mpfr_add(lower, lhs.storage.lower, rhs.storage.lower, MPFR_RNDD)
      mpfr_add(upper, lhs.storage.upper, rhs.storage.upper, MPFR_RNDU)
    }
  }

  public static func - (lhs: Interval, rhs: Interval) -> Interval {
    make(precision: max(lhs.precision, rhs.precision)) { lower, upper in
      mpfr_sub(lower, lhs.storage.lower, rhs.storage.upper, MPFR_RNDD)
      mpfr_sub(upper, lhs.storage.upper, rhs.storage.lower, MPFR_RNDU)
    }
  }

  public static prefix func - (operand: Interval) -> Interval {
    make(precision: operand.precision) { lower, upper in
      mpfr_neg(lower, operand.storage.upper, MPFR_RNDD)
      mpfr_neg(upper, operand.storage.lower, MPFR_RNDU)
    }
  }

  /// The product; the sign cases reduce to the four endpoint products.
  public static func * (lhs: Interval, rhs: Interval) -> Interval {
    let a = lhs.storage
    let b = rhs.storage
    if cmpfr_sgn(a.lower) >= 0 && cmpfr_sgn(b.lower) >= 0 {
      // Both non-negative: the common case in probability weights.
      return make(precision: max(lhs.precision, rhs.precision)) { lower, upper in
        mpfr_mul(lower, a.lower, b.lower, MPFR_RNDD)
        mpfr_mul(upper, a.upper, b.upper, MPFR_RNDU)
      }
    }
    return make(precision: max(lhs.precision, rhs.precision)) { lower, upper in
      cornerExtremes(mpfr_mul, a, b, into: lower, upper)
    }
  }

  private typealias BinaryFunction = (
    UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t
  ) -> Int32

  /// `[min, max]` of `operation` over the four endpoint pairs, each rounded outward.
  /// Valid for operations monotone in each argument on the box (`·` always, `/` when
  /// `0 ∉ b`). A NaN corner (0 · ∞) makes the result unbounded.
  private static func cornerExtremes(
    _ operation: BinaryFunction, _ a: Storage, _ b: Storage,
    into lower: UnsafeMutablePointer<__mpfr_struct>, _ upper: UnsafeMutablePointer<__mpfr_struct>
  ) {
    let scratch = Interval(precision: Int(cmpfr_get_prec(lower)))
    let pairs = [(a.lower, b.lower), (a.lower, b.upper), (a.upper, b.lower), (a.upper, b.upper)]
    mpfr_set_inf(lower, 1)
    mpfr_set_inf(upper, -1)
    for (x, y) in pairs {
      _ = operation(scratch.storage.lower, x, y, MPFR_RNDD)
      _ = operation(scratch.storage.upper, x, y, MPFR_RNDU)
      if cmpfr_nan_p(scratch.storage.lower) != 0 {
        mpfr_set_inf(lower, -1)
        mpfr_set_inf(upper, 1)
        return
      }
      mpfr_min(lower, lower, scratch.storage.lower, MPFR_RNDD)
      mpfr_max(upper, upper, scratch.storage.upper, MPFR_RNDU)
    }
  }

  /// The quotient; the whole line when `rhs` contains 0.
  public static func / (lhs: Interval, rhs: Interval) -> Interval {
    let precision = max(lhs.precision, rhs.precision)
    let b = rhs.storage
    guard cmpfr_sgn(b.lower) > 0 || cmpfr_sgn(b.upper) < 0 else { return .entire(precision: precision) }
    if cmpfr_sgn(lhs.storage.lower) >= 0 && cmpfr_sgn(b.lower) > 0 {
      // Both non-negative: one directed division per endpoint is tighter than lhs · (1/rhs).
      return make(precision: precision) { lower, upper in
        mpfr_div(lower, lhs.storage.lower, b.upper, MPFR_RNDD)
        mpfr_div(upper, lhs.storage.upper, b.lower, MPFR_RNDU)
      }
    }
    if lhs.isBounded && rhs.isBounded {
      // The other sign cases: x / y is monotone in x and in y on a box where y ≠ 0, so its
      // extremes are quotients of endpoints, each rounded once (lhs · (1/rhs) rounds twice).
      return make(precision: precision) { lower, upper in
        cornerExtremes(mpfr_div, lhs.storage, b, into: lower, upper)
      }
    }
    // An infinite endpoint (∞/∞ has no corner value): the reciprocal route stays valid.
    let reciprocal = make(precision: precision) { lower, upper in
      mpfr_ui_div(lower, 1, b.upper, MPFR_RNDD)
      mpfr_ui_div(upper, 1, b.lower, MPFR_RNDU)
    }
    return lhs * reciprocal
  }

  public static func += (lhs: inout Interval, rhs: Interval) { lhs = lhs + rhs }
  public static func -= (lhs: inout Interval, rhs: Interval) { lhs = lhs - rhs }
  public static func *= (lhs: inout Interval, rhs: Interval) { lhs = lhs * rhs }
  public static func /= (lhs: inout Interval, rhs: Interval) { lhs = lhs / rhs }

  /// `self` raised to an integer power, with the even-power sign cases handled so
  /// that `[-1, 2]²` is `[0, 4]`, not `[-2, 4]`.
  public func power(_ exponent: Int) -> Interval {
    // 1 at this interval's precision: `Interval(1)` is 64 bits and would raise it.
    let one = Interval(Rational(1), precision: precision)
    if exponent < 0 { return one / power(-exponent) }
    if exponent == 0 { return one }
    let n = UInt(exponent)
    let a = storage
    let isOdd = exponent % 2 == 1
    if isOdd || cmpfr_sgn(a.lower) >= 0 {
      return Interval.make(precision: precision) { lower, upper in
        mpfr_pow_ui(lower, a.lower, n, MPFR_RNDD)
        mpfr_pow_ui(upper, a.upper, n, MPFR_RNDU)
      }
    }
    if cmpfr_sgn(a.upper) <= 0 {
      return Interval.make(precision: precision) { lower, upper in
        mpfr_pow_ui(lower, a.upper, n, MPFR_RNDD)
        mpfr_pow_ui(upper, a.lower, n, MPFR_RNDU)
      }
    }
    return Interval.make(precision: precision) { lower, upper in
      mpfr_set_zero(lower, 1)
      let largest = mpfr_cmpabs(a.lower, a.upper) >= 0 ? a.lower : a.upper
      mpfr_pow_ui(upper, largest, n, MPFR_RNDU)
    }
  }
}

extension Interval: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self.init(value) }
}
