import CMPFR

/// A certified enclosure `[lower, upper]` of a real number with `Double` endpoints: the fast
/// counterpart of ``Interval`` for enclosures that need about fifteen digits, not more.
///
/// Every operation computes each endpoint in IEEE 754 round-to-nearest and then moves it one unit
/// in the last place outward (`nextDown`, `nextUp`). Round-to-nearest lands within half an ulp of
/// the exact result, so the moved endpoint lies on the outer side of it: the result contains the
/// exact result of the operation applied to every pair of points of its operands. The argument holds
/// through overflow (an endpoint that rounds to ±∞ moves, if at all, to the largest finite number,
/// still outside) and underflow (the spacing of subnormals is their ulp); proofs/double-interval.md.
/// Infinite endpoints mean "unbounded", not members: `0 · [−∞, 1] = 0`, and a NaN endpoint
/// (`∞ − ∞`) becomes the infinite side. There is no precision to choose and no allocation, so an
/// operation costs a few nanoseconds where an ``Interval`` at 128 bits costs a hundred.
///
/// Error bound: each arithmetic operation returns endpoints at most one ulp beyond the correctly
/// rounded endpoints of the exact image; the elementary functions document theirs.
@frozen
public struct DoubleInterval: Sendable, Hashable {
  /// The lower endpoint (−∞ when unbounded below).
  public let lower: Double
  /// The upper endpoint (+∞ when unbounded above).
  public let upper: Double

  /// `[lower, upper]` as given; the caller guarantees `lower ≤ upper` and that it encloses the value.
  @inlinable
  init(uncheckedLower lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// The exact value of a finite `Double` (every one is a dyadic rational).
  @inlinable
  public init(exactly value: Double) {
    precondition(value.isFinite, "an interval needs a finite Double")
    self.init(uncheckedLower: value, upper: value)
  }

  /// `value` exactly when `|value| ≤ 2^53`, else its neighbouring `Double`s.
  @inlinable
  public init(_ value: Int) {
    let nearest = Double(value)
    if value.magnitude <= 1 << 53 {
      self.init(uncheckedLower: nearest, upper: nearest)
    } else {
      self.init(uncheckedLower: nearest.nextDown, upper: nearest.nextUp)
    }
  }

  /// The tightest `Double` enclosure of `interval`: its endpoints rounded outward.
  public init(enclosing interval: Interval) {
    self.init(
      uncheckedLower: mpfr_get_d(interval.storage.lower, MPFR_RNDD),
      upper: mpfr_get_d(interval.storage.upper, MPFR_RNDU))
  }

  /// The tightest `Double` enclosure of `value`: its two correctly rounded neighbours (equal when exact).
  public init(_ value: Rational) {
    // A non-dyadic rational is no `Double`: its neighbours are GMP's truncation toward zero and the
    // next `Double` away from zero, when that truncation is normal (about 40 times cheaper than MPFR's
    // two directed roundings, which handle dyadic values, subnormals and overflow).
    if !value.isDyadic {
      let truncated = value.approximateDouble
      if truncated.isNormal {
        self.init(
          uncheckedLower: truncated > 0 ? truncated : truncated.nextDown,
          upper: truncated > 0 ? truncated.nextUp : truncated)
        return
      }
    }
    self.init(enclosing: Interval(value, precision: 53))
  }

  /// `[−∞, +∞]`: the enclosure that decides nothing.
  public static let entire = DoubleInterval(uncheckedLower: -.infinity, upper: .infinity)

  /// The smallest interval containing both operands.
  @inlinable
  public static func hull(_ a: DoubleInterval, _ b: DoubleInterval) -> DoubleInterval {
    DoubleInterval(uncheckedLower: Swift.min(a.lower, b.lower), upper: Swift.max(a.upper, b.upper))
  }

  /// Whether both endpoints are finite.
  @inlinable
  public var isBounded: Bool { lower.isFinite && upper.isFinite }

  /// `upper − lower`, rounded up.
  @inlinable
  public var width: Double { (upper - lower).nextUp }

  /// A `Double` inside the interval (its midpoint; an endpoint when the other is infinite).
  @inlinable
  public var midpoint: Double {
    if lower == -.infinity { return upper == .infinity ? 0 : upper }
    if upper == .infinity { return lower }
    let middle = lower / 2 + upper / 2
    return Swift.min(Swift.max(middle, lower), upper)
  }

  /// Whether `value` lies in the interval.
  @inlinable
  public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

extension Interval {
  /// The exact value of `interval` at `precision` bits (rounded outward below 53 bits); infinite
  /// endpoints stay infinite.
  public init(_ interval: DoubleInterval, precision: Int) {
    self.init(precision: precision)
    mpfr_set_d(storage.lower, interval.lower, MPFR_RNDD)
    mpfr_set_d(storage.upper, interval.upper, MPFR_RNDU)
  }
}
