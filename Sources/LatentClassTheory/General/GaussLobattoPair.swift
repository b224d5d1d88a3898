import ContrastiveLoss
import ExactArithmetic
import Foundation

/// Enclosures of the nodes and weights of the `n`-point Gauss–Legendre and the `(n+1)`-point
/// Gauss–Lobatto rules on `[−1, 1]`, proven by interval Newton.
///
/// Both rules' errors are multiples of `f⁽²ⁿ⁾` with opposite signs (Gauss: `+c h^{2n+1} f⁽²ⁿ⁾(ξ)`,
/// Lobatto: `−c' h^{2n+1} f⁽²ⁿ⁾(η)`, `c, c' > 0`), so for completely monotone `f` they bracket the
/// integral (proofs/laplace-representation.md).
///
/// **The enclosures.** Gauss nodes are the roots of `P_n`, Lobatto's interior nodes the roots of
/// `P_n'`. Each root is approximated in `Double` and then by point Newton steps at the working
/// precision; an interval `X` around the approximation is accepted when the interval Newton image
/// `N(X) = m − F(m)/F'(X)` lies inside `X`, which proves that `X` holds exactly one root (and that
/// `N(X)` holds it). Weights are then enclosed by evaluating their formulas over the node enclosure:
/// Gauss `2/((1 − x²) P_n'(x)²)`, Lobatto `2/(n(n+1) P_n(x)²)` inside and `2/(n(n+1))` at `±1`.
/// A root whose proof fails (never seen) gets the enclosure `[−1, 1]`: still certified, only wide.
///
/// Error bound: node and weight widths are a few units of `2^{−precision}`.
struct GaussLobattoPair {
  let gaussNodes: [Interval]
  let gaussWeights: [Interval]
  /// Ordered from −1 to 1: the first and last are exactly ∓1.
  let lobattoNodes: [Interval]
  let lobattoWeights: [Interval]

  /// - Complexity: O(n²) interval operations per Newton step, a few steps per node.
  init(points n: Int, precision: Int) {
    precondition(n >= 2)
    let one = Interval(1, precision: precision)
    let gauss = GaussLobattoPair.roots(of: n, derivative: false, precision: precision)
    gaussNodes = gauss
    gaussWeights = gauss.map { x in
      let derivative = GaussLobattoPair.legendre(n, x).derivative
      return Interval(2, precision: precision) / ((one - x * x) * derivative * derivative)
    }
    let interior = GaussLobattoPair.roots(of: n, derivative: true, precision: precision)
    let end = Interval(Rational(2, n * (n + 1)), precision: precision)
    lobattoNodes = [-one] + interior + [one]
    lobattoWeights =
      [end]
      + interior.map { x in
        let value = GaussLobattoPair.legendre(n, x).value
        return end / (value * value)
      } + [end]
  }

  /// `P_n(x)`, `P_n'(x)` and `P_n''(x)` by the recurrences `(j+1)P_{j+1} = (2j+1)x P_j − j P_{j−1}`,
  /// `P'_{j+1} = P'_{j−1} + (2j+1)P_j`, `P''_{j+1} = P''_{j−1} + (2j+1)P'_j` (no division by `1 − x²`,
  /// so they hold on intervals that touch ±1).
  static func legendre<T: EngineScalar>(_ n: Int, _ x: T) -> (value: T, derivative: T, second: T) {
    var p = (T(1), x)
    var d = (T(0), T(1))
    var s = (T(0), T(0))
    for j in 1..<n {
      let oddCount: Int = 2 * j + 1
      let odd = T(oddCount)
      let scaled: T = odd * x * p.1 - T(j) * p.0
      let next: T = scaled / T(j + 1)
      let nextDerivative: T = d.0 + odd * p.1
      s = (s.1, s.0 + odd * d.1)
      d = (d.1, nextDerivative)
      p = (p.1, next)
    }
    return (p.1, d.1, s.1)
  }

  /// The roots of `P_n` (or of `P_n'`), increasing, each enclosed by interval Newton.
  static func roots(of n: Int, derivative: Bool, precision: Int) -> [Interval] {
    // F and F' in either arithmetic: (P_n, P_n') or (P_n', P_n'').
    func f<T: EngineScalar>(_ x: T) -> (T, T) {
      let l = legendre(n, x)
      return derivative ? (l.derivative, l.second) : (l.value, l.derivative)
    }
    // Gauss roots near cos(π(i − 1/4)/(n + 1/2)); the roots of P_n' interlace them.
    let gauss = (1...n).map { i in -cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5)) }
    let guesses = derivative ? zip(gauss, gauss.dropFirst()).map { ($0 + $1) / 2 } : gauss
    let enclosures = guesses.map { guess in
      var x = guess
      for _ in 0..<50 {
        let (value, slope) = f(x)
        let step = value / slope
        x -= step
        if abs(step) < 1e-17 { break }
      }
      return enclose(root: x, precision: precision, f)
    }
    // Each enclosure holds exactly one root; disjoint and increasing, they hold all of them.
    let separated = zip(enclosures, enclosures.dropFirst()).allSatisfy { Interval.compare($0, $1) == .less }
    return separated ? enclosures : enclosures.map { _ in Interval(lower: -1, upper: 1, precision: precision) }
  }

  /// An interval Newton proof of a root of `f` near `x`, refined to about `2^{−precision}`.
  private static func enclose(
    root x: Double, precision: Int, _ f: (Interval) -> (Interval, Interval)
  ) -> Interval {
    var point = Rational(exactly: x)!
    // Point Newton at the working precision: each step doubles the correct bits of the Double root.
    for _ in 0..<Int(log2(Double(precision) / 40).rounded(.up)) + 1 {
      let at = Interval(point, precision: precision)
      let (value, slope) = f(at)
      let step = (value / slope).approximateRational(precision: precision)
      point -= step
    }
    // A generous radius: F(m) carries rounding of about n³ units of 2^{−precision} (the recurrence's
    // terms grow like n² for P_n'), which a radius near 2^{−precision} would not cover; N(X) is
    // tight anyway, its width being that rounding over |F'|.
    let radius = Rational(1, 2).power(precision / 2)
    let candidate = Interval(lower: point - radius, upper: point + radius, precision: precision)
    let center = Interval(point, precision: precision)
    let image = center - f(center).0 / f(candidate).1
    return candidate.contains(image) ? image : Interval(lower: -1, upper: 1, precision: precision)
  }
}

extension Interval {
  /// A rational near the enclosure's midpoint (the exact midpoint of its endpoints).
  fileprivate func approximateRational(precision: Int) -> Rational {
    guard let low = lowerBound, let high = upperBound else { return .zero }
    return (low + high) / 2
  }
}
