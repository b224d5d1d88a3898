import ExactArithmetic
import Foundation

/// Where the exact minimizer of `L_k` over `F` is, certified (docs/theory.md §8, localization theorem).
///
/// Given a rational feasible `Ĝ` whose certified gap `γ` also bounds the linear gap
/// (`min_{H∈F} ⟨∇L(Ĝ), H − Ĝ⟩ ≥ −γ`, docs/theory.md §6) and a curvature bound `μ₀` at `Ĝ`
/// (``CurvatureCertificate``): if `e^{−2sr}·μ₀·r²/2 > γ` for some `r > 0`, every minimizer `G*`
/// satisfies `‖P(G* − Ĝ)‖_F ≤ δ = (2γ / (e^{−2sr}μ₀))^{1/2} < r`, and `P(G*)` is unique.
///
/// Consequence: every `J`-invariant quantity of the optimum (all of docs/theory.md §4) is enclosed by
/// its value on the ball `Ĝ + Δ`, `|Δ_ij| ≤ δ`.
public struct OptimumLocation: Sendable, Equatable {
  /// `μ₀`, the proven curvature lower bound the location rests on.
  public let curvatureLowerBound: Rational
  /// The radius `r` of the cylinder on which the curvature bound was applied.
  public let cylinderRadius: Rational
  /// `δ`, rounded up: `‖P(G* − Ĝ)‖_F ≤ δ` for every minimizer `G*`.
  public let distanceBound: Rational

  /// The exact optimum of a problem whose optimum is known in closed form (`δ = 0`, `Ĝ = G*`).
  public static func exact(curvatureLowerBound: Rational = .zero) -> OptimumLocation {
    OptimumLocation(curvatureLowerBound: curvatureLowerBound, cylinderRadius: .zero, distanceBound: .zero)
  }

  init(curvatureLowerBound: Rational, cylinderRadius: Rational, distanceBound: Rational) {
    self.curvatureLowerBound = curvatureLowerBound
    self.cylinderRadius = cylinderRadius
    self.distanceBound = distanceBound
  }

  /// Applies the localization theorem, or returns `nil` (undecided) when the certified
  /// inequality `e^{−2sr}μ₀r²/2 > γ` fails for the radii tried.
  ///
  /// Radii tried: `r = 2(2γ/μ₀)^{1/2}` (where `e^{−2sr} > 1/4` makes the inequality hold with room),
  /// then `r = 1/s`, the maximizer of `e^{−2sr}r²` (if that fails, no `r` works).
  ///
  /// Error bound: the inequality is decided with outward-rounded intervals at `precision` bits and
  /// `δ` is the upper end of an enclosure, rounded up to 24 significant bits.
  ///
  /// - Complexity: O(1) interval operations.
  public static func locate(gap: Rational, curvature mu: Rational, scale s: Rational, precision: Int)
    -> OptimumLocation?
  {
    guard gap.signum >= 0, mu.signum > 0 else { return nil }
    let estimate = 2 * (2 * gap.approximateDouble / mu.approximateDouble).squareRoot()
    var radii: [Rational] = []
    if estimate > 0, estimate * s.approximateDouble < 0.5, let r = Rational(exactly: roundedUp(estimate)) {
      radii.append(r)
    }
    radii.append(1 / s)
    for r in radii {
      let softmax = Interval.exp(-(2 * Interval(s * r, precision: precision)))
      let curvature = softmax * Interval(mu, precision: precision)
      let margin = curvature * Interval(r * r / 2, precision: precision) - Interval(gap, precision: precision)
      guard margin.isCertainlyPositive, let low = curvature.lowerBound, low.signum > 0 else { continue }
      let squared = Interval(2 * gap / low, precision: precision)
      guard let high = Interval.sqrt(squared).upperBound else { continue }
      let delta = Rational(exactly: roundedUp(high.approximateDouble * (1 + 0x1p-40)))!
      guard delta >= high else { continue }
      return OptimumLocation(curvatureLowerBound: mu, cylinderRadius: r, distanceBound: delta)
    }
    return nil
  }

  /// `x > 0` rounded up to 24 significant bits (0 stays 0).
  static func roundedUp(_ x: Double) -> Double {
    guard x.isNormal, x > 0 else { return x.isFinite ? max(x, 0) : .greatestFiniteMagnitude }
    return x.rounded(toSignificantBits: 24, .up)
  }
}
