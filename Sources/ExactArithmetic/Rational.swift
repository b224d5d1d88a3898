import CGMP

/// An exact rational number backed by GMP's `mpq_t`, always in lowest terms
/// with a positive denominator.
///
/// `Rational` is a value type with copy-on-write storage.
public struct Rational: Sendable {
  var storage: Storage

  /// Owns one initialized, canonical `mpq_t` at a stable address.
  final class Storage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<__mpq_struct>

    init() {
      pointer = .allocate(capacity: 1)
      __gmpq_init(pointer)
    }

    convenience init(copying other: UnsafePointer<__mpq_struct>) {
      self.init()
      __gmpq_set(pointer, other)
    }

    deinit {
      __gmpq_clear(pointer)
      pointer.deallocate()
    }
  }

  /// Creates the value `0`.
  public init() { storage = Storage() }

  static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
    let result = Rational()
    body(result.storage.pointer)
    return result
  }

  /// Read-only access to the underlying canonical `mpq_t`.

  public func withUnsafePointer<R>(_ body: (UnsafePointer<__mpq_struct>) throws -> R) rethrows -> R {
    try body(storage.pointer)
  }

  mutating func mutate(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) {
    if !isKnownUniquelyReferenced(&storage) {
      storage = Storage(copying: storage.pointer)
    }
    body(storage.pointer)
  }
}

// MARK: - Conversions

extension Rational {
  /// Creates the exact value of `value`.
  public init(_ value: Int) {
    self.init()
    __gmpq_set_si(storage.pointer, value, 1)
  }

  /// Creates the exact value of `value`.
  public init(_ value: BigInt) {
    self.init()
    value.withUnsafePointer { __gmpq_set_z(storage.pointer, $0) }
  }

  /// Creates `numerator / denominator` in lowest terms.
  ///
  /// - Precondition: `denominator != 0`.
  public init(_ numerator: BigInt, _ denominator: BigInt) {
    precondition(denominator.signum != 0, "zero denominator")
    self.init()
    numerator.withUnsafePointer { __gmpz_set(cgmp_mpq_numref(storage.pointer), $0) }
    denominator.withUnsafePointer { __gmpz_set(cgmp_mpq_denref(storage.pointer), $0) }
    __gmpq_canonicalize(storage.pointer)
  }

  /// Creates `numerator / denominator` in lowest terms.
  public init(_ numerator: Int, _ denominator: Int) {
    self.init(BigInt(numerator), BigInt(denominator))
  }

  /// The exact value of a finite `Double` (every finite `Double` is a dyadic rational);
  /// `nil` for NaN and infinities.
  public init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    self.init()
    __gmpq_set_d(storage.pointer, value)
  }

  /// The numerator, with the sign of the value.
  public var numerator: BigInt {
    BigInt.make { __gmpz_set($0, cgmp_mpq_numref_const(storage.pointer)) }
  }

  /// The denominator, always positive.
  public var denominator: BigInt {
    BigInt.make { __gmpz_set($0, cgmp_mpq_denref_const(storage.pointer)) }
  }

  /// -1, 0 or 1.
  public var signum: Int { Int(cgmp_mpq_sgn(storage.pointer)) }

  /// Whether the denominator is 1.
  public var isInteger: Bool { __gmpz_cmp_ui(cgmp_mpq_denref_const(storage.pointer), 1) == 0 }

  /// Whether the denominator is a power of 2 (1 included): only such a rational can be a `Double`.
  public var isDyadic: Bool { __gmpz_popcount(cgmp_mpq_denref_const(storage.pointer)) == 1 }

  /// The nearest `Double` below or equal in magnitude (GMP's `mpq_get_d` truncates toward zero, and
  /// returns 0 or an infinity outside the range of `Double`).
  public var approximateDouble: Double { __gmpq_get_d(storage.pointer) }

  /// The absolute value.
  public var magnitude: Rational { Rational.make { __gmpq_abs($0, storage.pointer) } }

  /// `1 / self`.
  ///
  /// - Precondition: `self != 0`.
  public var reciprocal: Rational {
    precondition(signum != 0, "reciprocal of zero")
    return Rational.make { __gmpq_inv($0, storage.pointer) }
  }

  /// `self` raised to an integer power (negative powers need `self != 0`).
  ///
  /// - Complexity: O(log |exponent|) multiplications.
  public func power(_ exponent: Int) -> Rational {
    let base = exponent < 0 ? reciprocal : self
    return Rational(base.numerator.power(exponent.magnitude), base.denominator.power(exponent.magnitude))
  }
}

extension BigInt {
  fileprivate func power(_ exponent: UInt) -> BigInt { power(Int(exponent)) }
}

// MARK: - Arithmetic

extension Rational: AdditiveArithmetic {
  public static var zero: Rational { Rational() }

  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    make { __gmpq_add($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func - (lhs: Rational, rhs: Rational) -> Rational {
    make { __gmpq_sub($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func += (lhs: inout Rational, rhs: Rational) {
    let other = rhs.storage
    lhs.mutate { __gmpq_add($0, $0, other.pointer) }
  }

  public static func -= (lhs: inout Rational, rhs: Rational) {
    let other = rhs.storage
    lhs.mutate { __gmpq_sub($0, $0, other.pointer) }
  }
}

extension Rational {
  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    make { __gmpq_mul($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func *= (lhs: inout Rational, rhs: Rational) {
    let other = rhs.storage
    lhs.mutate { __gmpq_mul($0, $0, other.pointer) }
  }

  /// Exact quotient.
  ///
  /// - Precondition: `rhs != 0`.
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    precondition(rhs.signum != 0, "division by zero")
    return make { __gmpq_div($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func /= (lhs: inout Rational, rhs: Rational) {
    lhs = lhs / rhs
  }

  public static prefix func - (operand: Rational) -> Rational {
    make { __gmpq_neg($0, operand.storage.pointer) }
  }
}

// MARK: - Comparison, hashing

extension Rational: Comparable, Hashable {
  public static func == (lhs: Rational, rhs: Rational) -> Bool {
    __gmpq_equal(lhs.storage.pointer, rhs.storage.pointer) != 0
  }

  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    __gmpq_cmp(lhs.storage.pointer, rhs.storage.pointer) < 0
  }

  public func hash(into hasher: inout Hasher) {
    // Canonical form makes (numerator, denominator) a faithful key.
    hasher.combine(numerator)
    hasher.combine(denominator)
  }
}

extension Rational: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self.init(value) }
}
