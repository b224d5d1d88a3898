import CGMP
import CMPFR

/// A certified enclosure `[lower, upper]` of a real number, with MPFR endpoints.
///
/// Every operation rounds its lower endpoint toward −∞ and its upper endpoint
/// toward +∞ (MPFR's correctly rounded `RNDD`/`RNDU`), so the result contains
/// the exact result of the operation applied to every pair of points of its
/// operands. Where an operation is undefined somewhere on its operand (division
/// by an interval containing 0, `log` of a non-positive number), the result is
/// the whole line, which still contains any true value and decides nothing.
///
/// An interval carries a working precision (bits per endpoint). A binary
/// operation works at the larger of its operands' precisions; integers convert
/// exactly at 64 bits, so precision flows from the rational inputs of a model.
public struct Interval: Sendable {
  var storage: Storage

  /// Owns the two MPFR endpoints at a stable address.
  ///
  /// Both endpoints and both significands live in one allocation (MPFR's custom interface),
  /// where `mpfr_init2` would make two more: intervals are created by the million and their
  /// allocations were a tenth of the uniform engine's time. MPFR never reallocates a custom
  /// significand (nothing here changes an endpoint's precision), and the block is freed whole.
  final class Storage: @unchecked Sendable {
    let lower: UnsafeMutablePointer<__mpfr_struct>
    var upper: UnsafeMutablePointer<__mpfr_struct> { lower + 1 }

    init(precision: Int) {
      let bits = mpfr_prec_t(precision)
      let significandBytes = mpfr_custom_get_size(bits)
      let headerBytes = 2 * MemoryLayout<__mpfr_struct>.stride
      let block = UnsafeMutableRawPointer.allocate(
        byteCount: headerBytes + 2 * significandBytes, alignment: MemoryLayout<__mpfr_struct>.alignment)
      lower = block.bindMemory(to: __mpfr_struct.self, capacity: 2)
      mpfr_custom_init_set(lower, Int32(MPFR_ZERO_KIND.rawValue), 0, bits, block + headerBytes)
      mpfr_custom_init_set(lower + 1, Int32(MPFR_ZERO_KIND.rawValue), 0, bits, block + headerBytes + significandBytes)
    }

    deinit {
      UnsafeMutableRawPointer(lower).deallocate()
    }
  }

  /// Bits per endpoint.
  public var precision: Int { Int(cmpfr_get_prec(storage.lower)) }

  /// The smallest precision MPFR accepts here; below it an enclosure is too coarse to be useful.
  public static let minimumPrecision = 16

  init(precision: Int) {
    storage = Storage(precision: max(precision, Interval.minimumPrecision))
  }

  /// Builds an interval by computing each endpoint into fresh storage.

  static func make(
    precision: Int,
    _ body: (_ lower: UnsafeMutablePointer<__mpfr_struct>, _ upper: UnsafeMutablePointer<__mpfr_struct>) -> Void
  ) -> Interval {
    let result = Interval(precision: precision)
    body(result.storage.lower, result.storage.upper)
    result.replaceNaNs()
    return result
  }

  /// A NaN endpoint (∞ − ∞, 0 · ∞) stands for "anything": widen it to the infinite side.
  func replaceNaNs() {
    if cmpfr_nan_p(storage.lower) != 0 { mpfr_set_inf(storage.lower, -1) }
    if cmpfr_nan_p(storage.upper) != 0 { mpfr_set_inf(storage.upper, 1) }
  }
}

// MARK: - Construction

extension Interval {
  /// The exact value of `value`, at 64 bits.
  public init(_ value: Int) {
    self.init(precision: 64)
    mpfr_set_si(storage.lower, value, MPFR_RNDD)
    mpfr_set_si(storage.upper, value, MPFR_RNDU)
  }

  /// The exact value of `value` at `precision` bits (rounded outward if it needs more).
  public init(_ value: Int, precision: Int) {
    self.init(precision: precision)
    mpfr_set_si(storage.lower, value, MPFR_RNDD)
    mpfr_set_si(storage.upper, value, MPFR_RNDU)
  }

  /// The tightest enclosure of an integer at `precision` bits.
  public init(_ value: BigInt, precision: Int) {
    self.init(precision: precision)
    value.withUnsafePointer { integer in
      mpfr_set_z(storage.lower, integer, MPFR_RNDD)
      mpfr_set_z(storage.upper, integer, MPFR_RNDU)
    }
  }

  /// The exact value of a finite `Double`, at 53 bits.
  public init(exactly value: Double) {
    precondition(value.isFinite, "an interval needs a finite Double")
    self.init(precision: 53)
    mpfr_set_d(storage.lower, value, MPFR_RNDD)
    mpfr_set_d(storage.upper, value, MPFR_RNDU)
  }

  /// The tightest enclosure of `value` at `precision` bits: both endpoints are the
  /// correctly rounded neighbours, at most one ulp apart, equal when `value` is representable.
  public init(_ value: Rational, precision: Int) {
    self.init(lower: value, upper: value, precision: precision)
  }

  /// An enclosure of `[lower, upper]` with outward-rounded endpoints.
  public init(lower: Rational, upper: Rational, precision: Int) {
    precondition(lower <= upper, "empty interval")
    self.init(precision: precision)
    _ = lower.withUnsafePointer { mpfr_set_q(storage.lower, $0, MPFR_RNDD) }
    _ = upper.withUnsafePointer { mpfr_set_q(storage.upper, $0, MPFR_RNDU) }
  }

  /// `[-∞, +∞]`: the enclosure that decides nothing.
  public static func entire(precision: Int) -> Interval {
    make(precision: precision) { lower, upper in
      mpfr_set_inf(lower, -1)
      mpfr_set_inf(upper, 1)
    }
  }

  /// The smallest interval containing both operands.
  public static func hull(_ a: Interval, _ b: Interval) -> Interval {
    make(precision: max(a.precision, b.precision)) { lower, upper in
      mpfr_min(lower, a.storage.lower, b.storage.lower, MPFR_RNDD)
      mpfr_max(upper, a.storage.upper, b.storage.upper, MPFR_RNDU)
    }
  }

  /// This enclosure, re-rounded outward to `precision` bits.
  public func rounded(toPrecision precision: Int) -> Interval {
    Interval.make(precision: precision) { lower, upper in
      mpfr_set(lower, storage.lower, MPFR_RNDD)
      mpfr_set(upper, storage.upper, MPFR_RNDU)
    }
  }

  /// `self` widened by `radius` on both sides (`radius ≥ 0` is a bound, e.g. on a neglected tail).
  public func widened(by radius: Interval) -> Interval {
    Interval.make(precision: max(precision, radius.precision)) { lower, upper in
      mpfr_sub(lower, storage.lower, radius.storage.upper, MPFR_RNDD)
      mpfr_add(upper, storage.upper, radius.storage.upper, MPFR_RNDU)
    }
  }
}

// MARK: - Inspection

extension Interval {
  /// Whether both endpoints are finite.
  public var isBounded: Bool { cmpfr_inf_p(storage.lower) == 0 && cmpfr_inf_p(storage.upper) == 0 }

  /// The exact lower endpoint (`nil` when it is −∞).
  public var lowerBound: Rational? { Interval.exactValue(storage.lower) }

  /// The exact upper endpoint (`nil` when it is +∞).
  public var upperBound: Rational? { Interval.exactValue(storage.upper) }

  private static func exactValue(_ endpoint: UnsafePointer<__mpfr_struct>) -> Rational? {
    guard cmpfr_inf_p(endpoint) == 0 else { return nil }
    return Rational.make { mpfr_get_q($0, endpoint) }
  }

  /// `upper − lower`, rounded up to a `Double` (+∞ when unbounded).
  public var width: Double {
    let difference = Interval(precision: 53)
    mpfr_sub(difference.storage.upper, storage.upper, storage.lower, MPFR_RNDU)
    return mpfr_get_d(difference.storage.upper, MPFR_RNDU)
  }

  /// The width relative to the smallest magnitude in the interval, rounded up;
  /// the number of correct significant digits is about `−log10(relativeWidth)`.
  public var relativeWidth: Double {
    let low = abs(mpfr_get_d(storage.lower, MPFR_RNDZ))
    let high = abs(mpfr_get_d(storage.upper, MPFR_RNDZ))
    let containsZero = cmpfr_sgn(storage.lower) <= 0 && cmpfr_sgn(storage.upper) >= 0
    let smallest = containsZero ? 0 : min(low, high)
    return smallest == 0 ? .infinity : (width / smallest).nextUp
  }

  /// A `Double` inside the interval (the lower endpoint rounded up, capped by the upper), for display and plots.
  public var approximateDouble: Double {
    let lower = mpfr_get_d(storage.lower, MPFR_RNDU)
    let upper = mpfr_get_d(storage.upper, MPFR_RNDD)
    return lower <= upper ? (lower + upper) / 2 : mpfr_get_d(storage.lower, MPFR_RNDN)
  }

  /// Whether `value` lies in the interval (decided exactly).
  public func contains(_ value: Rational) -> Bool {
    value.withUnsafePointer { point in
      mpfr_cmp_q(storage.lower, point) <= 0 && mpfr_cmp_q(storage.upper, point) >= 0
    }
  }

  /// Whether `other` lies entirely in the interval.
  public func contains(_ other: Interval) -> Bool {
    mpfr_lessequal_p(storage.lower, other.storage.lower) != 0
      && mpfr_greaterequal_p(storage.upper, other.storage.upper) != 0
  }

  /// Whether the two enclosures share a point (two enclosures of one true value always do).
  public func overlaps(_ other: Interval) -> Bool {
    mpfr_lessequal_p(storage.lower, other.storage.upper) != 0
      && mpfr_lessequal_p(other.storage.lower, storage.upper) != 0
  }
}
