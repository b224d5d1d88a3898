import ExactArithmetic

/// The defaults and limits every entry point shares, library and commands alike, so a
/// default stated in `--help` is the one the library uses.
public enum Defaults {
  /// Bits per MPFR endpoint of reported enclosures: at least 25 correct decimal digits for N ≤ 1000.
  public static let precision = 128
  /// Accepted precisions: below 32 bits the enclosures cannot separate the claims; above 4096 a run takes hours.
  public static let precisionRange = 32...4096
  /// The certified gap a general row needs to count as verified.
  public static let gapTolerance = Rational(1, 100_000_000)
  /// The largest class count of the uniform engine.
  public static let maximumUniformClasses = 1000
  /// The largest Gram matrix (points `N·m`) a general run accepts: the solver's cost grows
  /// like `M²` per pair and there are `N·m²` pairs, so `M = 256` already takes hours.
  public static let maximumPoints = 256
  /// The most count vectors × pairs `--engine multinomial` may enumerate for one `k`
  /// (about a minute per evaluation at this size).
  public static let maximumEnumeration = 1e8
}
