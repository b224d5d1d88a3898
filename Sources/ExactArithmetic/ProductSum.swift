import CMPFR

/// A running sum `Σ aᵢ·bᵢ` of interval products, for hot loops such as barycentric
/// interpolation: each product is rounded outward into a scratch interval and added in
/// place, so a term costs two MPFR multiplications and two additions and allocates nothing.
///
/// MPFR's fused `mpfr_fma` (``Interval/addProduct(_:_:)``) forms each product exactly in a
/// temporary before adding it; at two or three limbs the separately rounded multiply and
/// add take MPFR's fixed-size fast paths instead and cost about half as much.
///
/// Error bound: each endpoint of each term is rounded twice in its outward direction
/// (≤ 2 ulps at ``precision`` per term), so ``value`` contains the exact sum of the products
/// of every choice of points in the operands.
public struct ProductSum: ~Copyable {
  private let sum: Interval.Storage
  private let product: Interval.Storage

  /// An empty sum (0) at `precision` bits.
  public init(precision: Int) {
    let bits = max(precision, Interval.minimumPrecision)
    sum = Interval.Storage(precision: bits)
    product = Interval.Storage(precision: bits)
    mpfr_set_zero(sum.lower, 1)
    mpfr_set_zero(sum.upper, 1)
  }

  /// Bits per endpoint of the sum.
  public var precision: Int { Int(cmpfr_get_prec(sum.lower)) }

  /// `sum += a · b`, rounded outward.
  /// - Complexity: two MPFR multiplications and two additions when `a` and `b` each lie on
  ///   one side of 0; a general interval product otherwise.
  public mutating func add(_ a: Interval, times b: Interval) {
    if let (low, high) = Interval.productEndpoints(a, b) {
      mpfr_mul(product.lower, low.0, low.1, MPFR_RNDD)
      mpfr_mul(product.upper, high.0, high.1, MPFR_RNDU)
    } else {
      let general = a * b
      mpfr_set(product.lower, general.storage.lower, MPFR_RNDD)
      mpfr_set(product.upper, general.storage.upper, MPFR_RNDU)
    }
    mpfr_add(sum.lower, sum.lower, product.lower, MPFR_RNDD)
    mpfr_add(sum.upper, sum.upper, product.upper, MPFR_RNDU)
    // 0 · ∞ or ∞ − ∞ stand for "anything".
    if cmpfr_nan_p(sum.lower) != 0 { mpfr_set_inf(sum.lower, -1) }
    if cmpfr_nan_p(sum.upper) != 0 { mpfr_set_inf(sum.upper, 1) }
  }

  /// The sum so far, as an interval of its own.
  public var value: Interval {
    Interval.make(precision: precision) { lower, upper in
      mpfr_set(lower, sum.lower, MPFR_RNDD)
      mpfr_set(upper, sum.upper, MPFR_RNDU)
    }
  }
}
