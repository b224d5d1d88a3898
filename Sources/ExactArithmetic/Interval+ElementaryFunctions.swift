import CMPFR

/// Certified elementary functions. MPFR rounds each endpoint correctly in the
/// requested direction, and each function is monotone on its domain, so the
/// result contains `f(x)` for every `x` in the operand at every precision
/// (error bound: each endpoint is within one ulp of the exact image of the
/// operand's endpoint).
extension Interval {
  private typealias UnaryFunction = (
    UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t
  ) -> Int32

  /// Applies an increasing function defined on `[domainStart, ∞)` (or everywhere when `nil`).
  ///
  /// Points of the operand below the domain are dropped (the true value must lie in
  /// the domain); an operand entirely outside it gives the whole line.
  private func increasing(_ function: UnaryFunction, domainStart: Int? = nil) -> Interval {
    let a = storage
    if let start = domainStart {
      if mpfr_cmp_si(a.upper, start) < 0 { return .entire(precision: precision) }
      if mpfr_cmp_si(a.lower, start) < 0 {
        return Interval.make(precision: precision) { lower, upper in
          let clamped = Interval(start).rounded(toPrecision: precision)
          _ = function(lower, clamped.storage.lower, MPFR_RNDD)
          _ = function(upper, a.upper, MPFR_RNDU)
        }
      }
    }
    return Interval.make(precision: precision) { lower, upper in
      _ = function(lower, a.lower, MPFR_RNDD)
      _ = function(upper, a.upper, MPFR_RNDU)
    }
  }

  /// `e^x`.
  public static func exp(_ x: Interval) -> Interval { x.increasing(mpfr_exp) }

  /// `e^x − 1`, accurate near 0.
  public static func expm1(_ x: Interval) -> Interval { x.increasing(mpfr_expm1) }

  /// The natural logarithm; −∞ at a lower endpoint ≤ 0.
  public static func log(_ x: Interval) -> Interval {
    x.pointImage(mpfr_log, pole: 0) ?? x.increasing(mpfr_log, domainStart: 0)
  }

  /// `log(1 + x)`, accurate near 0.
  public static func log1p(_ x: Interval) -> Interval {
    x.pointImage(mpfr_log1p, pole: -1) ?? x.increasing(mpfr_log1p, domainStart: -1)
  }

  /// For a point operand: one correctly rounded evaluation downward, whose
  /// ternary value says whether MPFR rounded; if it did, the upward rounding is the
  /// next representable number. Identical to two directed evaluations at half the cost.
  private func pointImage(_ function: UnaryFunction, pole: Int) -> Interval? {
    let a = storage
    guard mpfr_equal_p(a.lower, a.upper) != 0, mpfr_cmp_si(a.lower, pole) > 0, isBounded else { return nil }
    return Interval.make(precision: precision) { lower, upper in
      let inexact = function(lower, a.lower, MPFR_RNDD) != 0
      mpfr_set(upper, lower, MPFR_RNDU)
      if inexact { mpfr_nextabove(upper) }
    }
  }

  /// The square root of the non-negative part.
  public static func sqrt(_ x: Interval) -> Interval { x.increasing(mpfr_sqrt, domainStart: 0) }

  /// `[min(a.lower, b.lower), …]`-style enclosure of `max(a, b)`.
  public static func maximum(_ a: Interval, _ b: Interval) -> Interval {
    make(precision: Swift.max(a.precision, b.precision)) { lower, upper in
      mpfr_max(lower, a.storage.lower, b.storage.lower, MPFR_RNDD)
      mpfr_max(upper, a.storage.upper, b.storage.upper, MPFR_RNDU)
    }
  }

  /// An enclosure of `log 2` at `precision` bits (MPFR's cached constant).
  public static func ln2(precision: Int) -> Interval {
    make(precision: precision) { lower, upper in
      mpfr_const_log2(lower, MPFR_RNDD)
      mpfr_const_log2(upper, MPFR_RNDU)
    }
  }
}
