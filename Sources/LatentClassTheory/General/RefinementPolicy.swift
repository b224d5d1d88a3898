/// Which rows of a general study Newton's method refines in MPFR before their optima are located
/// (docs/theory.md §8).
///
/// Both kinds of row are certified. An unrefined row keeps the certificate of the rounded `Double`
/// solution, enclosed in ``ExactArithmetic/DoubleInterval`` (gap about `10^{−11}`, distance bound
/// `δ` about `10^{−4}`); a refined row's gap is near `2^{−precision}` and its `δ` near `10^{−17}`
/// at 128 bits. A refinement only tightens the location; it never changes what a decided verdict says.
public enum RefinementPolicy: String, CaseIterable, Sendable {
  /// Refine a row only where a verdict needs it: when its unrefined certificate misses the gap
  /// tolerance, or when it belongs to a C1 pair the unrefined locations leave undecided (Laplace
  /// rows of such pairs only with `refineUndecidedPairs`, since each costs about three unrefined rows).
  case needed
  /// Refine every row before locating it: the tightest locations, at several times the cost.
  case every
}
