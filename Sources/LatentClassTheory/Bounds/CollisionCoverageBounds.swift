import ExactArithmetic

/// The "collision–coverage" quantities and the three prior upper bounds on the
/// downstream loss of theory.md §7, for `N` uniform classes and `k` negatives.
public struct CollisionCoverageBounds: Sendable {
  /// Collision probability `τ_k = 1 − (1 − 1/N)^k`, exact.
  public let collisionProbability: Rational
  /// Coverage `υ_k`: the probability that `k + 1` uniform draws hit all `N` classes, exact.
  public let coverage: Rational
  /// The collision term `col_k = E[log(1 + m)]`, `m ~ Binomial(k, 1/N)`.
  public let collisionTerm: Interval
  /// Arora/Saunshi: `(L_k − col_k) / ((1 − τ_k) υ_k)`; `nil` when `υ_k = 0`.
  public let arora: Interval?
  /// Nozawa & Sato: `(2 L_k − col_k) / υ_k`; `nil` when `υ_k = 0`.
  public let nozawa: Interval?
  /// Ash et al.: `2 max(1, 2(N−1) H_{N−1} / k) (L_k − col_k) / (1 − τ_k)`.
  public let ash: Interval

  /// The bounds evaluated at a representation whose NCE loss is enclosed by `contrastiveLoss`.
  ///
  /// Error bound: the exact quantities are converted with one rounding each; the
  /// collision term is a certified binomial expectation; the quotients are interval
  /// arithmetic at `precision` bits.
  /// - Complexity: O(N) big-integer powers of size O(k log N) bits, plus O(√k) logarithms.
  public init(classes: Int, negatives k: Int, contrastiveLoss: Interval, precision: Int) {
    let n = classes
    let miss = Rational(n - 1, n)
    collisionProbability = 1 - miss.power(k)
    coverage = CollisionCoverageBounds.coverage(classes: n, draws: k + 1)
    collisionTerm = BinomialDistribution(trials: k, success: Rational(1, n)).expectation(
      precision: precision, range: Interval.hull(Interval(0), Interval.log1p(Interval(k)))
    ) { m in Interval.log1p(Interval(m)) }

    let noCollision = Interval(1 - collisionProbability, precision: precision)
    let excess = contrastiveLoss - collisionTerm
    let harmonic = (1..<n).reduce(Rational.zero) { $0 + Rational(1, $1) }
    let ashFactor = 2 * max(1, 2 * Rational(n - 1) * harmonic / Rational(k))
    ash = Interval(ashFactor, precision: precision) * excess / noCollision
    if coverage.signum == 0 {
      arora = nil
      nozawa = nil
    } else {
      let covered = Interval(coverage, precision: precision)
      arora = excess / (noCollision * covered)
      nozawa = (Interval(2) * contrastiveLoss - collisionTerm) / covered
    }
  }

  /// `P(d uniform draws from N classes hit every class) = Σ_i (−1)^i C(N,i) (1 − i/N)^d`,
  /// exactly, by inclusion–exclusion over the missed classes.
  ///
  /// - Complexity: O(N) powers of integers below N to the d.
  public static func coverage(classes n: Int, draws d: Int) -> Rational {
    guard d >= n else { return .zero }
    var numerator = BigInt(0)
    for i in 0...n {
      let term = BigInt.binomial(n, i) * BigInt(n - i).power(d)
      if i % 2 == 0 { numerator += term } else { numerator -= term }
    }
    return Rational(numerator, BigInt(n).power(d))
  }
}
