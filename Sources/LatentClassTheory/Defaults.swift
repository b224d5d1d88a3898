import ExactArithmetic

/// The defaults, limits and choices every entry point shares, library and commands alike, so a
/// default stated in `--help` is the one the library uses. The choices where the paper is silent
/// are listed with their alternatives in docs/theory.md §11.
public enum Defaults {
  /// Bits per MPFR endpoint of reported enclosures: at least 25 correct decimal digits for N ≤ 1000.
  public static let precision = 128
  /// Accepted precisions: below 32 bits the enclosures cannot separate the claims; above 4096 a run takes hours.
  public static let precisionRange = 32...4096
  /// The certified gap a general row needs to count as verified.
  public static let gapTolerance = Rational(1, 100_000_000)
  /// Which rows of a general study are refined in MPFR before they are located: only those a verdict
  /// needs, so that a run costs little more than its `Double` solves; `--refine every` tightens every location.
  public static let refinement = RefinementPolicy.needed
  /// Whether a general study refines, after its rows, the unrefined Laplace rows of C1 pairs it left
  /// undecided. Each such row costs a Newton refinement and a certificate on accurate quadrature rules,
  /// about three plain rows' worth (`--rho zipf:1:10 --k 1...100` refines 100 rows), and usually decides
  /// the pair; off by default so that plain runs keep their speed, `--refine-undecided on` turns it on.
  public static let refineUndecidedPairs = false
  /// The largest class count of the uniform engine.
  public static let maximumUniformClasses = 1000
  /// The largest Gram matrix (points `N·m`) a general run accepts: the solver's cost grows
  /// like `M²` per pair and there are `N·m²` pairs, so `M = 256` already takes hours.
  public static let maximumPoints = 256
  /// The most count vectors × pairs `--engine multinomial` may enumerate for one `k`
  /// (about a minute per evaluation at this size).
  public static let maximumEnumeration = 1e8
  /// Which mean-classifier loss the C1 and overlap verdicts order: the ρ-weighted one, the
  /// downstream task of the contrastive model's own class distribution.
  public static let downstreamWeighting = DownstreamWeighting.weighted
  /// How exactly equal losses at consecutive `k` count: C1 says "does not increase", which equality satisfies.
  public static let ties = TieRule.nonIncreasing
  /// How Saunshi et al.'s binary tasks weight their two classes: `ρ` restricted to the pair.
  public static let binaryTaskWeighting = BinaryTaskWeighting.restrictedRho
}
