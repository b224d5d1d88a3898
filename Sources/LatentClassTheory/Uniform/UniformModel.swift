import ContrastiveLoss
import ExactArithmetic

/// The class-level latent-class model with `N` equally likely classes and scale `s`
/// (docs/theory.md §1, §5 T2), at a given working precision.
public struct UniformModel: Sendable {
  /// The number of classes `N ≥ 2`.
  public let classes: Int
  /// The scale (inverse temperature) `s > 0`.
  public let scale: Rational
  /// Bits per endpoint of every enclosure.
  public let precision: Int

  public init(classes: Int, scale: Rational, precision: Int) {
    precondition(classes >= 2, "at least two classes")
    precondition(scale.signum > 0, "scale must be positive")
    precondition(precision >= Interval.minimumPrecision, "precision too small")
    self.classes = classes
    self.scale = scale
    self.precision = precision
  }

  /// The class distribution `ρ_c = 1/N`.
  public var rho: [Rational] { Array(repeating: Rational(1, classes), count: classes) }

  /// The inner product `−1/(N−1)` between distinct vertices of the regular simplex.
  public var simplexOffDiagonal: Rational { Rational(-1, classes - 1) }

  /// The regular simplex Gram matrix `G* = N/(N−1)·I − 1/(N−1)·J`, exactly.
  /// - Complexity: O(N²) rationals; ``simplexMatrix`` is the same matrix in O(1).
  public var simplexGram: RationalMatrix { simplexMatrix.dense }

  /// `G*` as its two coefficients `N/(N−1)` (of `I`) and `−1/(N−1)` (of `J`).
  public var simplexMatrix: ScalarPlusOnesMatrix {
    ScalarPlusOnesMatrix(
      size: classes, identityCoefficient: Rational(classes, classes - 1), onesCoefficient: simplexOffDiagonal)
  }

  /// The scale as an enclosure at the working precision.
  var scaleEnclosure: Interval { Interval(scale, precision: precision + 20) }

  /// `a = exp(−s·N/(N−1))`: the exponentiated score gap of a negative from another
  /// class at the simplex (positive score 1, negative score −1/(N−1)).
  var otherClassGap: Interval {
    NCELoss.exponentiatedGap(
      positive: Interval(1), negative: Interval(simplexOffDiagonal, precision: precision + 20),
      scale: scaleEnclosure)
  }

  /// The number of negatives that collide with the anchor's class, for `k` negatives.
  func collisions(negatives k: Int) -> BinomialDistribution {
    BinomialDistribution(trials: k, success: Rational(1, classes))
  }
}
