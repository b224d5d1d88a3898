import ExactArithmetic
@_exported import SeededRandom

/// Runs a property `cases` times, each case on its own generator seeded with
/// `base + case`. The body gets a label such as `"seed 0x5eed0003"` to put in
/// every assertion message, so a failure names the one case to replay.
public func forEachSeed(
  _ cases: Int, base: UInt64 = 0x5EED_0000,
  _ body: (_ random: inout SplitMix64, _ seed: String) throws -> Void
) rethrows {
  for offset in 0..<UInt64(cases) {
    let seed = base &+ offset
    var random = SplitMix64(seed: seed)
    try body(&random, "seed 0x\(String(seed, radix: 16))")
  }
}

extension SplitMix64 {
  /// An integer with up to `limbs` random 64-bit limbs and a random sign, built
  /// from its decimal digits so that no BigInt arithmetic is trusted to make it.
  public mutating func bigInt(limbs: Int) -> BigInt {
    let count = Int.random(in: 1...limbs, using: &self)
    var digits = String(UInt64.random(in: 0...UInt64.max, using: &self))
    for _ in 1..<count {
      // Append 19 decimal digits per extra limb (zero padded to keep the length).
      let chunk = String(UInt64.random(in: 0..<10_000_000_000_000_000_000, using: &self))
      digits += String(repeating: "0", count: 19 - chunk.count) + chunk
    }
    let negative = Bool.random(using: &self)
    return BigInt((negative ? "-" : "") + digits)!
  }

  /// A rational with a small numerator and denominator (|n| ≤ bound, 1 ≤ d ≤ bound).
  public mutating func smallRational(bound: Int = 1000) -> Rational {
    Rational(Int.random(in: -bound...bound, using: &self), Int.random(in: 1...bound, using: &self))
  }

  /// A rational mixing small and multi-limb numerators and denominators.
  public mutating func rational() -> Rational {
    switch Int.random(in: 0..<3, using: &self) {
    case 0: return smallRational()
    case 1: return Rational(bigInt(limbs: 3), BigInt(Int.random(in: 1...1000, using: &self)))
    default:
      var denominator = bigInt(limbs: 2)
      if denominator.signum == 0 { denominator = BigInt(1) }
      return Rational(bigInt(limbs: 3), denominator)
    }
  }

  /// A non-zero rational.
  public mutating func nonZeroRational() -> Rational {
    while true {
      let value = rational()
      if value.signum != 0 { return value }
    }
  }
}

extension SplitMix64 {
  /// A dyadic rational `n / 2^e` with `|n| ≤ numeratorBound` and `e ≤ maxShift`:
  /// exactly representable at any precision of at least a few dozen bits.
  public mutating func dyadic(numeratorBound: Int, maxShift: Int) -> Rational {
    Rational(
      Int.random(in: -numeratorBound...numeratorBound, using: &self), 1 << Int.random(in: 0...maxShift, using: &self))
  }

  /// The ordered endpoints of a random dyadic interval (see ``dyadic(numeratorBound:maxShift:)``).
  public mutating func dyadicBounds(numeratorBound: Int, maxShift: Int) -> (lower: Rational, upper: Rational) {
    let p = dyadic(numeratorBound: numeratorBound, maxShift: maxShift)
    let q = dyadic(numeratorBound: numeratorBound, maxShift: maxShift)
    return (min(p, q), max(p, q))
  }
}
