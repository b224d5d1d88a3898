import ExactArithmetic

/// The "collision–coverage" quantities and the three prior upper bounds on the
/// downstream loss of docs/theory.md §7, for `N` uniform classes and `k` negatives.
public struct CollisionCoverageBounds: Sendable {
  /// Collision probability `τ_k = 1 − (1 − 1/N)^k`.
  public let collisionProbability: Interval
  /// Coverage `υ_k`: the probability that `k + 1` uniform draws hit all `N` classes
  /// (exactly 0 when `k + 1 < N`).
  public let coverage: Interval
  /// The collision term `col_k = E[log(1 + m)]`, `m ~ Binomial(k, 1/N)`.
  public let collisionTerm: Interval
  /// Arora/Saunshi: `(L_k − col_k) / ((1 − τ_k) υ_k)`; `nil` when `υ_k = 0`.
  public let arora: Interval?
  /// Nozawa & Sato: `(2 L_k − col_k) / υ_k`; `nil` when `υ_k = 0`.
  public let nozawa: Interval?
  /// Ash et al.: `2 max(1, 2(N−1) H_{N−1} / k) (L_k − col_k) / (1 − τ_k)`.
  public let ash: Interval

  /// The bounds evaluated at a representation whose NCE loss is enclosed by
  /// `contrastiveLoss`, given an enclosure of `col_k`.
  ///
  /// Error bound: the exact quantities are converted with one rounding each; the
  /// quotients are interval arithmetic at `precision` bits.
  /// - Complexity: O(N) big-integer powers of size O(k log N) bits.
  public init(classes: Int, negatives k: Int, contrastiveLoss: Interval, collisionTerm: Interval, precision: Int) {
    let n = classes
    let noCollision = Interval(Rational(n - 1, n), precision: precision + 20).power(k)
    collisionProbability = Interval(1) - noCollision
    self.collisionTerm = collisionTerm
    let excess = contrastiveLoss - collisionTerm
    let harmonic = (1..<n).reduce(Rational.zero) { $0 + Rational(1, $1) }
    let ashFactor = 2 * max(1, 2 * Rational(n - 1) * harmonic / Rational(k))
    ash = Interval(ashFactor, precision: precision) * excess / noCollision
    guard let covered = CollisionCoverageBounds.coverage(classes: n, draws: k + 1, precision: precision + 20) else {
      coverage = Interval(0)
      arora = nil
      nozawa = nil
      return
    }
    coverage = covered
    arora = excess / (noCollision * covered)
    nozawa = (Interval(2) * contrastiveLoss - collisionTerm) / covered
  }

  /// `P(d uniform draws from N classes hit every class) = Σ_i (−1)^i C(N,i) (1 − i/N)^d`,
  /// by inclusion–exclusion over the missed classes; `nil` when it is exactly 0 (`d < N`).
  ///
  /// When `d ≫ N` every term but the first is negligible: `|Σ_{i≥1} …| ≤ 2^N (1 − 1/N)^d =: T`
  /// and the coverage is a probability, so it lies in `[1 − T, 1]`; that enclosure is used
  /// when `T < 2^−(precision+8)` (for N = 10 at 148 bits: d ≥ 1092). Otherwise the
  /// alternating sum is formed exactly in integers (it cancels badly when `d ≈ N`), then
  /// divided by `N^d` with one outward rounding.
  /// - Complexity: one interval power, or O(N) powers of integers below N to the d.
  public static func coverage(classes n: Int, draws d: Int, precision: Int) -> Interval? {
    guard d >= n else { return nil }
    let tail =
      Interval(BigInt(2).power(n), precision: precision) * Interval(Rational(n - 1, n), precision: precision).power(d)
    if let bound = tail.upperBound, bound < Rational(BigInt(1), BigInt(2).power(precision + 8)) {
      return Interval(lower: 1 - bound, upper: 1, precision: precision)
    }
    var numerator = BigInt(0)
    for i in 0...n {
      let term = BigInt.binomial(n, i) * BigInt(n - i).power(d)
      if i % 2 == 0 { numerator += term } else { numerator -= term }
    }
    return Interval(numerator, precision: precision) / Interval(BigInt(n).power(d), precision: precision)
  }
}
