import CGMP

/// An arbitrary-precision signed integer backed by GMP's `mpz_t`.
///
/// `BigInt` is a value type with copy-on-write storage: copies share one
/// `mpz_t` until one of them is mutated.
public struct BigInt: Sendable {
  var storage: Storage

  /// Owns one initialized `mpz_t` at a stable address for its whole life.
  final class Storage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<__mpz_struct>

    init() {
      pointer = .allocate(capacity: 1)
      __gmpz_init(pointer)
    }

    convenience init(copying other: UnsafePointer<__mpz_struct>) {
      self.init()
      __gmpz_set(pointer, other)
    }

    deinit {
      __gmpz_clear(pointer)
      pointer.deallocate()
    }
  }

  init(storage: Storage) { self.storage = storage }

  /// Creates the value `0`.
  public init() { storage = Storage() }

  /// Creates a value by running `body` on a fresh `mpz_t` (initialized to 0).

  static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
    let result = BigInt()
    body(result.storage.pointer)
    return result
  }

  /// Read-only access to the underlying `mpz_t`.

  public func withUnsafePointer<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
    try body(storage.pointer)
  }

  /// Gives `body` a uniquely owned `mpz_t` to mutate.

  mutating func mutate(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) {
    if !isKnownUniquelyReferenced(&storage) {
      storage = Storage(copying: storage.pointer)
    }
    body(storage.pointer)
  }
}

// MARK: - Conversions

extension BigInt {
  /// Creates the exact value of `value`.
  public init(_ value: Int) {
    self.init()
    __gmpz_set_si(storage.pointer, value)
  }

  /// Parses a decimal integer with an optional leading sign; `nil` when malformed.
  public init?(_ text: some StringProtocol) {
    var digits = Substring(text)
    var negative = false
    if let sign = digits.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    self.init()
    let status = __gmpz_set_str(storage.pointer, String(digits), 10)
    guard status == 0 else { return nil }
    if negative { __gmpz_neg(storage.pointer, storage.pointer) }
  }

  /// The value as an `Int`, or `nil` when it does not fit.
  public var exactInt: Int? {
    guard __gmpz_fits_slong_p(storage.pointer) != 0 else { return nil }
    return __gmpz_get_si(storage.pointer)
  }

  /// -1, 0 or 1.
  public var signum: Int { Int(cgmp_mpz_sgn(storage.pointer)) }

  /// The number of bits in the absolute value (0 for zero).
  public var bitWidth: Int { signum == 0 ? 0 : Int(__gmpz_sizeinbase(storage.pointer, 2)) }

  /// `n!`.
  ///
  /// - Complexity: O(n log n) multiplications of growing size (GMP's `mpz_fac_ui`).
  public static func factorial(_ n: Int) -> BigInt {
    precondition(n >= 0, "factorial of a negative number")
    return make { __gmpz_fac_ui($0, UInt(n)) }
  }

  /// The binomial coefficient `C(n, k)`, 0 when `k` is outside `0...n`.
  public static func binomial(_ n: Int, _ k: Int) -> BigInt {
    guard n >= 0, k >= 0, k <= n else { return BigInt() }
    return make { __gmpz_bin_uiui($0, UInt(n), UInt(k)) }
  }

  /// `self` raised to `exponent`.
  public func power(_ exponent: Int) -> BigInt {
    precondition(exponent >= 0, "negative exponent")
    return BigInt.make { __gmpz_pow_ui($0, storage.pointer, UInt(exponent)) }
  }

  /// The greatest common divisor, always non-negative.
  public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
    make { __gmpz_gcd($0, a.storage.pointer, b.storage.pointer) }
  }

  /// The absolute value.
  public var magnitude: BigInt { BigInt.make { __gmpz_abs($0, storage.pointer) } }
}

// MARK: - Arithmetic

extension BigInt: AdditiveArithmetic {
  public static var zero: BigInt { BigInt() }

  public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
    make { __gmpz_add($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
    make { __gmpz_sub($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func += (lhs: inout BigInt, rhs: BigInt) {
    let other = rhs.storage
    lhs.mutate { __gmpz_add($0, $0, other.pointer) }
  }

  public static func -= (lhs: inout BigInt, rhs: BigInt) {
    let other = rhs.storage
    lhs.mutate { __gmpz_sub($0, $0, other.pointer) }
  }
}

extension BigInt {
  public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
    make { __gmpz_mul($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  public static func *= (lhs: inout BigInt, rhs: BigInt) {
    let other = rhs.storage
    lhs.mutate { __gmpz_mul($0, $0, other.pointer) }
  }

  public static prefix func - (operand: BigInt) -> BigInt {
    make { __gmpz_neg($0, operand.storage.pointer) }
  }

  /// Quotient rounded toward zero, like `Int./`.
  public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
    precondition(rhs.signum != 0, "division by zero")
    return make { __gmpz_tdiv_q($0, lhs.storage.pointer, rhs.storage.pointer) }
  }

  /// Remainder with the sign of the dividend, like `Int.%`.
  public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
    precondition(rhs.signum != 0, "division by zero")
    return make { __gmpz_tdiv_r($0, lhs.storage.pointer, rhs.storage.pointer) }
  }
}

// MARK: - Comparison, hashing, printing

extension BigInt: Comparable, Hashable {
  public static func == (lhs: BigInt, rhs: BigInt) -> Bool {
    __gmpz_cmp(lhs.storage.pointer, rhs.storage.pointer) == 0
  }

  public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
    __gmpz_cmp(lhs.storage.pointer, rhs.storage.pointer) < 0
  }

  public func hash(into hasher: inout Hasher) {
    let size = cgmp_mpz_size(storage.pointer)
    hasher.combine(size)
    for index in 0..<Int32(abs(size)) {
      hasher.combine(cgmp_mpz_limb(storage.pointer, index))
    }
  }
}

extension BigInt: CustomStringConvertible, ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self.init(value) }

  /// The decimal digits, with a leading `-` when negative.
  public var description: String {
    guard let text = __gmpz_get_str(nil, 10, storage.pointer) else { return "?" }
    defer { free(text) }
    return String(cString: text)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
