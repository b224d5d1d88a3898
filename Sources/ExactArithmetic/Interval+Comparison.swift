import CMPFR

/// The answer of a comparison between two enclosures: decided only when they are disjoint.
public enum CertifiedOrder: Sendable, Equatable {
  case less, greater, undecided
}

extension Interval {
  /// Compares two enclosures. `.less` means every point of `lhs` is below every
  /// point of `rhs`; overlapping enclosures are `.undecided`, never guessed.
  public static func compare(_ lhs: Interval, _ rhs: Interval) -> CertifiedOrder {
    if mpfr_less_p(lhs.storage.upper, rhs.storage.lower) != 0 { return .less }
    if mpfr_greater_p(lhs.storage.lower, rhs.storage.upper) != 0 { return .greater }
    return .undecided
  }

  /// Whether every point is `> 0`.
  public var isCertainlyPositive: Bool { cmpfr_sgn(storage.lower) > 0 }

  /// Whether every point is `< 0`.
  public var isCertainlyNegative: Bool { cmpfr_sgn(storage.upper) < 0 }

  /// Whether every point is `≥ 0`.
  public var isCertainlyNonNegative: Bool { cmpfr_sgn(storage.lower) >= 0 }
}
