import CMPFR

#if canImport(Glibc)
  import Glibc
#endif

/// Decimal printing that keeps the enclosure: the lower endpoint rounded down,
/// the upper rounded up.
extension Interval {
  /// The endpoints as decimal strings with `significantDigits` digits, `lower`
  /// rounded toward −∞ and `upper` toward +∞, so `[lower, upper]` still contains
  /// the interval.
  public func decimalBounds(significantDigits: Int = 30) -> (lower: String, upper: String) {
    (
      Interval.decimal(storage.lower, digits: significantDigits, rounding: MPFR_RNDD),
      Interval.decimal(storage.upper, digits: significantDigits, rounding: MPFR_RNDU)
    )
  }

  /// The upper endpoint alone, as in ``decimalBounds(significantDigits:)`` (rounded toward +∞),
  /// for callers that print only an upper bound: half the decimal conversions.
  public func decimalUpperBound(significantDigits: Int = 30) -> String {
    Interval.decimal(storage.upper, digits: significantDigits, rounding: MPFR_RNDU)
  }

  static func decimal(_ value: UnsafePointer<__mpfr_struct>, digits: Int, rounding: mpfr_rnd_t) -> String {
    if cmpfr_inf_p(value) != 0 { return cmpfr_sgn(value) < 0 ? "-inf" : "inf" }
    if cmpfr_zero_p(value) != 0 { return "0" }
    var exponent: mpfr_exp_t = 0
    guard let raw = mpfr_get_str(nil, &exponent, 10, digits, value, rounding) else { return "?" }
    defer { mpfr_free_str(raw) }
    var mantissa = String(cString: raw)
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let text = positional(digits: mantissa, pointAfter: Int(exponent))
    return negative ? "-" + text : text
  }

  /// Formats `0.d₁d₂… × 10^pointAfter` positionally, or in scientific notation far from 1.
  private static func positional(digits: String, pointAfter exponent: Int) -> String {
    // Trailing zeros dropped on the (ASCII) bytes: walking `Character`s backwards is slow.
    let bytes = digits.utf8
    var end = bytes.endIndex
    while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "0") {
      end = bytes.index(before: end)
    }
    let trimmed = String(digits[..<end])
    let significant = trimmed.isEmpty ? "0" : trimmed
    if exponent > 21 || exponent < -6 {
      let head = significant.prefix(1)
      let tail = significant.dropFirst()
      return "\(head)\(tail.isEmpty ? "" : "." + tail)e\(exponent - 1)"
    }
    if exponent <= 0 {
      return "0." + String(repeating: "0", count: -exponent) + significant
    }
    if significant.count <= exponent {
      return significant + String(repeating: "0", count: exponent - significant.count)
    }
    let point = significant.index(significant.startIndex, offsetBy: exponent)
    return significant[..<point] + "." + significant[point...]
  }
}

extension Interval: CustomStringConvertible {
  /// `[lower, upper]` with 20 significant digits, rounded outward.
  public var description: String {
    let bounds = decimalBounds(significantDigits: 20)
    return "[\(bounds.lower), \(bounds.upper)]"
  }
}
