import CArb
import ExactArithmetic

#if canImport(Glibc)
  import Glibc
#endif

/// Arb (FLINT's ball arithmetic) as an oracle independent of MPFR-based `Interval`:
/// each function returns the Arb ball converted exactly to rational endpoints.
///
/// Only integers cross the boundary (as decimal strings), so no GMP/MPFR types of
/// the two libraries meet in Swift.
enum ArbOracle {
  /// Runs `body(ball, precision)` on a fresh `arb_t` and returns `[lower, upper] ⊇ ball`, exactly.
  static func enclosure(
    precision: Int, _ body: (_ ball: UnsafeMutablePointer<arb_struct>, _ precision: Int) -> Void
  ) -> (lower: Rational, upper: Rational) {
    let ball = UnsafeMutablePointer<arb_struct>.allocate(capacity: 1)
    arb_init(ball)
    defer {
      arb_clear(ball)
      ball.deallocate()
    }
    body(ball, precision)
    precondition(arb_is_finite(ball) != 0, "Arb returned a non-finite ball")

    // ball ⊆ [a · 2^e, b · 2^e] with integers a, b, e.
    let integers = UnsafeMutablePointer<fmpz>.allocate(capacity: 3)
    for index in 0..<3 { fmpz_init(integers + index) }
    defer {
      for index in 0..<3 { fmpz_clear(integers + index) }
      integers.deallocate()
    }
    arb_get_interval_fmpz_2exp(integers, integers + 1, integers + 2, ball)
    let exponent = fmpz_get_si(integers + 2)
    let scale =
      exponent >= 0
      ? Rational(BigInt(2).power(exponent)) : Rational(BigInt(1), BigInt(2).power(-exponent))
    return (Rational(bigInt(integers)) * scale, Rational(bigInt(integers + 1)) * scale)
  }

  /// Sets `ball` to the exact rational `value` (then the functions below round as Arb sees fit).
  static func set(_ ball: UnsafeMutablePointer<arb_struct>, to value: Rational, precision: Int) {
    let numerator = UnsafeMutablePointer<fmpz>.allocate(capacity: 2)
    fmpz_init(numerator)
    fmpz_init(numerator + 1)
    defer {
      fmpz_clear(numerator)
      fmpz_clear(numerator + 1)
      numerator.deallocate()
    }
    _ = fmpz_set_str(numerator, value.numerator.description, 10)
    _ = fmpz_set_str(numerator + 1, value.denominator.description, 10)
    arb_set_fmpz(ball, numerator)
    arb_div_fmpz(ball, ball, numerator + 1, precision)
  }

  /// An Arb enclosure of `f(value)` where `f` is one of Arb's unary functions.
  static func apply(
    _ function: (UnsafeMutablePointer<arb_struct>, UnsafePointer<arb_struct>, Int) -> Void,
    to value: Rational, precision: Int
  ) -> (lower: Rational, upper: Rational) {
    enclosure(precision: precision) { ball, precision in
      set(ball, to: value, precision: precision)
      function(ball, ball, precision)
    }
  }

  private static func bigInt(_ integer: UnsafePointer<fmpz>) -> BigInt {
    let text = fmpz_get_str(nil, 10, integer)!
    defer { flint_free(text) }
    return BigInt(String(cString: text))!
  }
}
