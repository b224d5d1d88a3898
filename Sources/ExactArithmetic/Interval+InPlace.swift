import CMPFR

/// In-place operations for hot loops: they reuse this interval's MPFR storage
/// (copying it first only when it is shared) instead of allocating a result, and
/// they round at this interval's precision.
extension Interval {
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      let copy = Storage(precision: precision)
      mpfr_set(copy.lower, storage.lower, MPFR_RNDD)
      mpfr_set(copy.upper, storage.upper, MPFR_RNDU)
      storage = copy
    }
  }

  /// `self += a · b`.
  ///
  /// When `a` and `b` each have a constant sign (the usual case for weights and
  /// moments) each endpoint is one fused multiply-add, correctly rounded outward
  /// (error ≤ 1 ulp per endpoint); otherwise it falls back to `self + a * b`.
  public mutating func addProduct(_ a: Interval, _ b: Interval) {
    guard let (low, high) = Interval.productEndpoints(a, b) else {
      self = self + a * b
      return
    }
    makeUnique()
    mpfr_fma(storage.lower, low.0, low.1, storage.lower, MPFR_RNDD)
    mpfr_fma(storage.upper, high.0, high.1, storage.upper, MPFR_RNDU)
    replaceNaNs()
  }

  /// `self *= other`, rounded outward at this interval's precision; in place when
  /// both are non-negative (each endpoint then depends only on itself and `other`'s).
  public mutating func multiply(by other: Interval) {
    guard cmpfr_sgn(storage.lower) >= 0, cmpfr_sgn(other.storage.lower) >= 0 else {
      self = (self * other).rounded(toPrecision: precision)
      return
    }
    let factor = other.storage
    makeUnique()
    mpfr_mul(storage.lower, storage.lower, factor.lower, MPFR_RNDD)
    mpfr_mul(storage.upper, storage.upper, factor.upper, MPFR_RNDU)
  }

  /// `self *= n` for a non-negative integer `n`, rounded outward.
  public mutating func multiply(byNonNegative n: Int) {
    precondition(n >= 0, "multiply(byNonNegative:) needs n ≥ 0")
    makeUnique()
    mpfr_mul_ui(storage.lower, storage.lower, UInt(n), MPFR_RNDD)
    mpfr_mul_ui(storage.upper, storage.upper, UInt(n), MPFR_RNDU)
  }

  /// `self /= n` for a positive integer `n`, rounded outward.
  public mutating func divide(byPositive n: Int) {
    precondition(n > 0, "divide(byPositive:) needs n > 0")
    makeUnique()
    mpfr_div_ui(storage.lower, storage.lower, UInt(n), MPFR_RNDD)
    mpfr_div_ui(storage.upper, storage.upper, UInt(n), MPFR_RNDU)
  }

  typealias EndpointPair = (UnsafeMutablePointer<__mpfr_struct>, UnsafeMutablePointer<__mpfr_struct>)

  /// The endpoint pairs whose products are the lower and upper end of `a · b`, when
  /// each factor lies on one side of 0; `nil` when one straddles 0 (also used by ``ProductSum``).
  static func productEndpoints(_ a: Interval, _ b: Interval) -> (EndpointPair, EndpointPair)? {
    let (x, y) = (a.storage, b.storage)
    let xPositive = cmpfr_sgn(x.lower) >= 0
    let xNegative = cmpfr_sgn(x.upper) <= 0
    let yPositive = cmpfr_sgn(y.lower) >= 0
    let yNegative = cmpfr_sgn(y.upper) <= 0
    switch (xPositive, xNegative, yPositive, yNegative) {
    case (true, _, true, _): return ((x.lower, y.lower), (x.upper, y.upper))
    case (true, _, _, true): return ((x.upper, y.lower), (x.lower, y.upper))
    case (_, true, true, _): return ((x.lower, y.upper), (x.upper, y.lower))
    case (_, true, _, true): return ((x.upper, y.upper), (x.lower, y.lower))
    default: return nil
    }
  }
}
