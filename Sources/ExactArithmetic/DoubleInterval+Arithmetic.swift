/// Outward-rounded arithmetic: each result contains every exact result of its operands' points
/// (error bound: each endpoint at most one ulp beyond the correctly rounded exact endpoint).
extension DoubleInterval {
  /// A lower endpoint computed in round-to-nearest, moved below the exact value (NaN: unbounded).
  @inlinable @inline(__always)
  static func down(_ nearest: Double) -> Double { nearest.isNaN ? -.infinity : nearest.nextDown }

  /// An upper endpoint computed in round-to-nearest, moved above the exact value (NaN: unbounded).
  @inlinable @inline(__always)
  static func up(_ nearest: Double) -> Double { nearest.isNaN ? .infinity : nearest.nextUp }

  /// A product of endpoints where `0 · ∞` counts as 0: infinite endpoints stand for unbounded
  /// sets, whose points are all finite.
  @inlinable @inline(__always)
  static func product(_ a: Double, _ b: Double) -> Double {
    let p = a * b
    return p.isNaN ? 0 : p
  }

  @inlinable @inline(__always)
  public static func + (lhs: DoubleInterval, rhs: DoubleInterval) -> DoubleInterval {
    DoubleInterval(uncheckedLower: down(lhs.lower + rhs.lower), upper: up(lhs.upper + rhs.upper))
  }

  @inlinable @inline(__always)
  public static func - (lhs: DoubleInterval, rhs: DoubleInterval) -> DoubleInterval {
    DoubleInterval(uncheckedLower: down(lhs.lower - rhs.upper), upper: up(lhs.upper - rhs.lower))
  }

  /// Exact: negation only flips the sign bit.
  @inlinable
  public static prefix func - (operand: DoubleInterval) -> DoubleInterval {
    DoubleInterval(uncheckedLower: -operand.upper, upper: -operand.lower)
  }

  /// The product, by the nine sign cases of the operands (two endpoint products, four when both
  /// contain 0).
  @inlinable
  public static func * (lhs: DoubleInterval, rhs: DoubleInterval) -> DoubleInterval {
    let (a, b, c, d) = (lhs.lower, lhs.upper, rhs.lower, rhs.upper)
    let low: Double
    let high: Double
    if a >= 0 {
      if c >= 0 {
        (low, high) = (product(a, c), product(b, d))
      } else if d <= 0 {
        (low, high) = (product(b, c), product(a, d))
      } else {
        (low, high) = (product(b, c), product(b, d))
      }
    } else if b <= 0 {
      if c >= 0 {
        (low, high) = (product(a, d), product(b, c))
      } else if d <= 0 {
        (low, high) = (product(b, d), product(a, c))
      } else {
        (low, high) = (product(a, d), product(a, c))
      }
    } else if c >= 0 {
      (low, high) = (product(a, d), product(b, d))
    } else if d <= 0 {
      (low, high) = (product(b, c), product(a, c))
    } else {
      low = Swift.min(product(a, d), product(b, c))
      high = Swift.max(product(a, c), product(b, d))
    }
    return DoubleInterval(uncheckedLower: down(low), upper: up(high))
  }

  /// The quotient; the whole line when `rhs` contains 0.
  @inlinable
  public static func / (lhs: DoubleInterval, rhs: DoubleInterval) -> DoubleInterval {
    let (c, d) = (rhs.lower, rhs.upper)
    guard c > 0 || d < 0 else { return .entire }
    let (a, b) = (lhs.lower, lhs.upper)
    if a >= 0 && c > 0 { return DoubleInterval(uncheckedLower: down(a / d), upper: up(b / c)) }
    // x / y is monotone in x and in y on a box where y ≠ 0: the extremes are endpoint quotients.
    let (q1, q2, q3, q4) = (a / c, a / d, b / c, b / d)
    guard !(q1.isNaN || q2.isNaN || q3.isNaN || q4.isNaN) else { return .entire }
    return DoubleInterval(
      uncheckedLower: down(Swift.min(Swift.min(q1, q2), Swift.min(q3, q4))),
      upper: up(Swift.max(Swift.max(q1, q2), Swift.max(q3, q4))))
  }

  /// `self += a · b`.
  @inlinable
  public mutating func addProduct(_ a: DoubleInterval, _ b: DoubleInterval) { self = self + a * b }

  /// `[x², y²]`-style square: tighter than `self * self` when the operand contains 0.
  @inlinable
  public var squared: DoubleInterval {
    if lower >= 0 {
      return DoubleInterval(uncheckedLower: DoubleInterval.down(lower * lower), upper: DoubleInterval.up(upper * upper))
    }
    if upper <= 0 {
      return DoubleInterval(uncheckedLower: DoubleInterval.down(upper * upper), upper: DoubleInterval.up(lower * lower))
    }
    return DoubleInterval(uncheckedLower: 0, upper: DoubleInterval.up(Swift.max(lower * lower, upper * upper)))
  }
}
