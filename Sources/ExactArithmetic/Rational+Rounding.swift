import CGMP

extension Rational {
  /// An integer next to this value, exactly: the floor for `.down`, the ceiling for `.up`,
  /// the truncation for `.towardZero`, and for every other rule the nearest integer with
  /// ties rounded up.
  ///
  /// - Complexity: one GMP division of the numerator by the denominator.
  public func rounded(_ rule: FloatingPointRoundingRule) -> Rational {
    let n = numerator
    let d = denominator
    let quotient = BigInt.make { __gmpz_fdiv_q($0, n.storage.pointer, d.storage.pointer) }
    let floor = Rational(quotient)
    switch rule {
    case .down: return floor
    case .up: return floor == self ? floor : floor + 1
    case .towardZero: return signum >= 0 ? floor : (floor == self ? floor : floor + 1)
    default:
      let fraction = self - floor
      return fraction < Rational(1, 2) ? floor : floor + 1
    }
  }
}
