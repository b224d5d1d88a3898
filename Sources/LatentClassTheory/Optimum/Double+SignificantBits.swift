extension Double {
  /// This positive normal number rounded in the direction of `rule` to a multiple of
  /// `2^(exponent − bits)`: a short dyadic, which keeps the exact rational arithmetic built on it cheap.
  func rounded(toSignificantBits bits: Int, _ rule: FloatingPointRoundingRule) -> Double {
    let quantum = Double(sign: .plus, exponent: exponent - bits, significand: 1)
    return (self / quantum).rounded(rule) * quantum
  }
}
