import ContrastiveLoss
import ExactArithmetic
import Foundation

/// Method 3 of docs/theory.md §3: the Laplace (Frullani) form
///
///     E log(1 + S) = ∫_0^∞ e^{−t} (1 − φ(t)^k) / t dt,          φ(t) = Σ_z p_z e^{−t y_z},
///     ∂/∂ log y_z   = ∫_0^∞ e^{−t} k p_z y_z e^{−t y_z} φ(t)^{k−1} dt,
///
/// whose cost does not depend on the number of count vectors, so any `k` is cheap.
///
/// **Rigorous quadrature without derivative bounds.** Every integrand above is
/// *completely monotone* on `[0, ∞)`: `φ` is a Laplace transform of a positive
/// measure, so `1 − φ^k` is a Bernstein function vanishing at 0, `(1 − φ^k)/t =
/// ∫_0^1 (1 − φ^k)'(ut) du` is completely monotone, and products of completely
/// monotone functions are completely monotone. Hence every even derivative is
/// `≥ 0`, and on each panel the error terms have known signs: the `n`-point
/// Gauss–Legendre rule (error `+c·h^{2n+1} f⁽²ⁿ⁾(ξ)`) is a lower bound and the `(n+1)`-point
/// Gauss–Lobatto rule (error `−c'·h^{2n+1} f⁽²ⁿ⁾(η)`) an upper bound, `n` =
/// ``QuadratureRules/gaussPoints``. In `Interval`, the hull of the two interval-evaluated rules
/// (nodes and weights enclosed by interval Newton, ``GaussLobattoPair``) therefore contains each
/// panel's integral. The
/// removable singularity at `t = 0` needs no special bound: the integrand is
/// entire, its value at 0 is the limit `k·E[Y]`, which is what a node at 0 uses.
/// The tail is bounded by `0 ≤ ∫_T^∞ e^{−t}(1 − φ^k)/t ≤ e^{−T}/T` (as `0 ≤ 1 − φ^k ≤ 1`) and
/// `0 ≤ ∫_T^∞ e^{−t} k p_z y_z e^{−t y_z} φ^{k−1} ≤ k p_z y_z e^{−T(1+y_z)}/(1+y_z) ≤ k p_z e^{−T}` (as `φ ≤ 1`).
/// Proofs: proofs/laplace-representation.md.
///
/// Error bound (`Interval`): the result contains the exact value; its width is the
/// sum over panels of `|Lobatto − Gauss|` (driven below `tolerance` by bisection,
/// up to a depth limit) plus `e^{−T}/T` plus the rounding at `precision` bits.
/// In `Double` the midpoint of the two rules is returned.
public struct LaplaceEngine: Sendable {
  /// Target for the total quadrature error of one pair's expectation.
  public let tolerance: Double

  public init(tolerance: Double = 1e-12) { self.tolerance = tolerance }

  /// `L_k(G)` and its gradient (convention of ``LossAndGradient``); `Double` goes through
  /// ``evaluateInDouble(_:gram:)``, the same quadrature laid out for speed.
  ///
  /// - Complexity: O(pairs · panels · M); panels grow like `log(k·max y / tolerance)`.
  public func evaluate<T: EngineScalar>(_ problem: ContrastiveProblem, gram: [[T]], precision: Int) -> LossAndGradient<
    T
  > {
    if T.self == Double.self {
      let doubles = evaluateInDouble(problem, gram: unsafeBitCast(gram, to: [[Double]].self))
      return unsafeBitCast(doubles, to: LossAndGradient<T>.self)
    }
    let s = T(problem.scale, precision: precision)
    let p = problem.negativeDistribution.map { T($0, precision: precision) }
    let rules = QuadratureRules<T>(precision: precision)
    let expectations = problem.pairs.map { pair in
      pairExpectation(
        gaps: problem.exponentiatedGaps(pair, gram: gram, scale: s), probabilities: p,
        negatives: problem.negatives, rules: rules, precision: precision)
    }
    return problem.assemble(expectations, precision: precision)
  }

  /// `E log(1 + Σ_{i≤k} Y_i)` and `∂/∂ log y_z` for i.i.d. `Y` with `P(Y = y_z) = p_z`.
  ///
  /// - Complexity: O(panels · M).
  public func pairExpectation<T: EngineScalar>(
    gaps y: [T], probabilities p: [T], negatives k: Int, rules: QuadratureRules<T>, precision: Int
  ) -> PairExpectation<T> {
    var value = T(0)
    var derivatives = [T](repeating: T(0), count: y.count)
    let tailStart = forEachPanel(gaps: y, probabilities: p, negatives: k, rules: rules, precision: precision) {
      _, gauss, lobatto in
      value = value + T.bracket(gauss.value, lobatto.value)
      for z in derivatives.indices {
        derivatives[z] = derivatives[z] + T.bracket(gauss.derivatives[z], lobatto.derivatives[z])
      }
    }
    let tail = T(Rational(exactly: tailStart)!, precision: precision)
    let decay = T.exp(-tail)
    value = value + T.bracket(T(0), decay / tail)
    for z in derivatives.indices { derivatives[z] = derivatives[z] + T.bracket(T(0), T(k) * p[z] * decay) }
    return PairExpectation(value: value, logGapDerivatives: derivatives)
  }

  /// Lower bounds on `E[n_z y_z / (1 + S)²]` for each `z`: the curvature weights of docs/theory.md §8.
  ///
  /// `1/(1+S)² = ∫_0^∞ t e^{−t(1+S)} dt` gives `E[n_z y_z/(1+S)²] = ∫_0^∞ t·g_z(t) dt` with `g_z` the
  /// (completely monotone, so decreasing) gradient integrand. On a panel `[a, b]`, `h = b − a`,
  ///
  ///     ∫_a^b t g_z = a ∫_a^b g_z + ∫_a^b (t − a) g_z ≥ a · Gauss(g_z) + g_z(b) · h²/2,
  ///
  /// as the Gauss rule is below the integral of a completely monotone function and `g_z ≥ g_z(b)`.
  /// A lower bound needs no adaptive refinement, so the panels are fixed: geometric with ratio `√2` from
  /// ``curvatureCuts(gaps:probabilities:negatives:)``, with a ``curvatureGaussPoints``-point rule in `rules`;
  /// the head `[0, t₀]` and the tail are dropped, as
  /// they are non-negative. Curvature bounds need only a few correct digits of these weights, so callers
  /// evaluate them in ``DoubleInterval`` with ``curvatureRules``.
  ///
  /// Error bound (`Interval`): the lower end of each result is a certified lower bound. On each panel it
  /// is at least `a/b = 1/√2` of the panel's integral (up to the Gauss rule's own error), and exact when
  /// `g_z` is constant on the panel; the dropped head is at most `t₀² k p_z y_z / 2` (as `g_z ≤ g_z(0)`) and
  /// the tail at most `k p_z y_z · 41 e^{−40}`. The tests hold it within 20% of the exact weights.
  ///
  /// - Complexity: O(panels · M), panels about `2 log₂(40 · 64 (1 + k E[Y] + max y))`.
  public func curvatureWeights<T: EngineScalar>(
    gaps y: [T], probabilities p: [T], negatives k: Int, rules: QuadratureRules<T>, precision: Int
  ) -> [T] {
    let integrand = FrullaniIntegrand(gaps: y, probabilities: p, negatives: k, precision: precision)
    let zero = integrand.zero
    let one = T(Rational(1), precision: precision)
    var weights = [T](repeating: zero, count: y.count)
    var decays = [T](repeating: zero, count: y.count)
    var unused = zero
    let cuts = LaplaceEngine.curvatureCuts(gaps: y, probabilities: p, negatives: k)
    for (a, b) in zip(cuts, cuts.dropFirst()) {
      let gauss = rules.gauss(integrand, from: a, to: b)
      var atEnd = [T](repeating: zero, count: y.count)
      integrand.accumulate(
        at: T(dyadic: b), isZero: false, weight: one, value: &unused, derivatives: &atEnd, decays: &decays)
      let start = T(dyadic: a)
      let width = T(dyadic: b) - start
      let halfSquare = width * width * rules.oneHalf
      for z in weights.indices {
        weights[z].addProduct(start, gauss.derivatives[z])
        weights[z].addProduct(halfSquare, atEnd[z])
      }
    }
    return weights
  }

  /// The panel ends of ``curvatureWeights(gaps:probabilities:negatives:rules:precision:)``: from
  /// `t₀ = min(1/(4(1 + k E[Y])), 1/(1 + max y))/16`, where every integrand is still near its value at 0,
  /// by factors `√2` up to 40, beyond which `e^{−t}` leaves less than `10^{−16}`.
  static func curvatureCuts<T: EngineScalar>(gaps y: [T], probabilities p: [T], negatives k: Int) -> [Double] {
    let meanGap = zip(p, y).reduce(0.0) { $0 + $1.0.estimate * $1.1.estimate }
    let largestGap = y.map(\.estimate).max() ?? 0
    let head = min(1 / (4 * (1 + Double(k) * meanGap)), 1 / (1 + largestGap)) / 16
    var cuts = [max(head, 0x1p-1000)]
    while cuts.last! < 40 { cuts.append(cuts.last! * 2.0.squareRoot()) }
    return cuts
  }

  /// The curvature weights' rule, enclosed once: their lower bounds feed a 30-bit rounding
  /// (``CurvatureCertificate``), so ``DoubleInterval`` endpoints suffice.
  static let curvatureRules = QuadratureRules<DoubleInterval>(
    computing: 64, points: curvatureGaussPoints, guardBits: 3 * curvatureGaussPoints)

  /// Gauss points of the curvature weights' rule: on a `√2` panel of an integrand that varies like
  /// `1/t`, 4 points leave a relative error near `10^{−6}`, far below what the bound gives away.
  static let curvatureGaussPoints = 4

  /// Runs the adaptive quadrature of one pair's integrands and hands every accepted panel, with its
  /// Gauss (lower) and Lobatto (upper) rule values, to `body`; returns where the tail starts.
  ///
  /// Panels are dyadic in `t` (the integrands vary on the scale `1/(k E[Y])` near 0 and 1 far out),
  /// bisected until the two rules agree to the panel's share of ``tolerance``, at most 24 times
  /// (with the 10-point rules a dyadic panel rarely needs a bisection).
  /// The number of panels is capped at ``maximumPanels``: past it the remaining panels are accepted as
  /// they are (still certified, only wider), so extreme scales cannot exhaust memory.
  ///
  /// - Complexity: O(panels · M).
  func forEachPanel<T: EngineScalar>(
    gaps y: [T], probabilities p: [T], negatives k: Int, rules: QuadratureRules<T>, precision: Int,
    _ body: (
      _ panel: (a: Double, b: Double), _ gauss: (value: T, derivatives: [T]), _ lobatto: (value: T, derivatives: [T])
    ) -> Void
  ) -> Double {
    let integrand = FrullaniIntegrand(gaps: y, probabilities: p, negatives: k, precision: precision)
    let meanGap = zip(p, y).reduce(0.0) { $0 + $1.0.estimate * $1.1.estimate }
    let cuts = LaplaceEngine.dyadicCuts(
      negatives: Double(k), meanGap: meanGap, through: LaplaceEngine.tailCut(tolerance: tolerance))
    let start = cuts[1]
    let levels = Double(cuts.count)
    var stack =
      zip(cuts, cuts.dropFirst()).map { (a: $0, b: $1, depth: 0) }.reversed() as [(a: Double, b: Double, depth: Int)]
    var accepted = 0
    while let panel = stack.popLast() {
      let (gauss, lobatto) = rules.integrate(integrand, from: panel.a, to: panel.b, precision: precision)
      let error = abs(lobatto.value.estimate - gauss.value.estimate)
      // Below a few ulps of the panel's integral (at the working precision, or `Double`'s if finer: the
      // midpoints are `Double`s) the estimate of the error is rounding noise; bisecting further would
      // never stop (at 32 bits every panel went to the depth or panel limit).
      let noise = 64 * max(Double.ulpOfOne, pow(2, -Double(precision))) * abs(lobatto.value.estimate)
      let allowed = max(tolerance * (panel.b - panel.a) / max(panel.b, start) / levels, noise)
      if error > allowed && panel.depth < 24 && accepted + stack.count < LaplaceEngine.maximumPanels {
        let middle = (panel.a + panel.b) / 2
        stack.append((middle, panel.b, panel.depth + 1))
        stack.append((panel.a, middle, panel.depth + 1))
        continue
      }
      accepted += 1
      body((panel.a, panel.b), gauss, lobatto)
    }
    return cuts.last!
  }

  /// The most panels one pair's quadrature may use (about 40 MB of `Interval` work at 128 bits).
  public static let maximumPanels = 20_000

  /// The dyadic panel ends `0, t₀, 2t₀, 4t₀, …` up to the first at or beyond `end`, with
  /// `t₀ = min(1/2, 1/(4(1 + k E[Y])))`: the integrands vary on the scale `1/(k E[Y])` near 0 and 1 far out.
  /// The floor `t₀ ≥ 2^{−1000}` keeps the cuts finite when `E[Y]` overflows `Double` (scales beyond
  /// ``PopulationLoss/maximumScale``).
  static func dyadicCuts(negatives k: Double, meanGap: Double, through end: Double) -> [Double] {
    var cuts = [0.0, max(min(0.5, 1 / (4 * (1 + k * meanGap))), 0x1p-1000)]
    while cuts.last! < end { cuts.append(cuts.last! * 2) }
    return cuts
  }

  /// Where the adaptive quadrature's panels end and its tail bound `e^{−T}/T` (below `tolerance/16`) begins.
  static func tailCut(tolerance: Double) -> Double { max(2.0, -log(tolerance / 16)) }
}

/// The integrands of ``LaplaceEngine`` at one point, evaluated in the cancellation-free form
/// `1 − φ^k = −expm1(k · log1p(ψ))`, `ψ = Σ p_z expm1(−t y_z) = φ − 1`.
struct FrullaniIntegrand<T: EngineScalar> {
  let gaps: [T]
  let probabilities: [T]
  let negatives: Int
  /// `k p_z y_z`, the gradient integrands' constant factors (and their values at `t = 0`).
  let weightedGaps: [T]
  /// 0 at the working precision: in-place sums round at their accumulator's precision.
  let zero: T

  init(gaps: [T], probabilities: [T], negatives: Int, precision: Int) {
    self.gaps = gaps
    self.probabilities = probabilities
    self.negatives = negatives
    weightedGaps = zip(probabilities, gaps).map { T(negatives) * $0 * $1 }
    zero = T(Rational.zero, precision: precision)
  }

  /// Adds `weight ·` the integrands at `t` to the accumulators: `e^{−t}(1 − φ^k)/t` to `value`,
  /// `e^{−t} k p_z y_z e^{−t y_z} φ^{k−1}` to `derivatives[z]`; at `t = 0` their limits.
  /// `decays` is scratch space of length M, reused across calls to avoid allocation.
  func accumulate(at t: T, isZero: Bool, weight: T, value: inout T, derivatives: inout [T], decays: inout [T]) {
    if isZero {
      for z in gaps.indices {
        value.addProduct(weight, weightedGaps[z])
        derivatives[z].addProduct(weight, weightedGaps[z])
      }
      return
    }
    // One expm1 per support point serves both φ and the gradient integrands (e^{−t y} = 1 + expm1(−t y)).
    var psi = zero
    for z in gaps.indices {
      decays[z] = T.expm1(-(t * gaps[z]))
      psi.addProduct(probabilities[z], decays[z])
    }
    let logPhi = T.log1p(psi)
    value.addProduct(weight, T.exp(-t) * (-T.expm1(T(negatives) * logPhi)) / t)
    let shared = weight * T.exp(T(negatives - 1) * logPhi - t)
    for z in gaps.indices { derivatives[z].addProduct(shared, weightedGaps[z] * (T(1) + decays[z])) }
  }
}

/// The ``QuadratureRules/gaussPoints``-point Gauss–Legendre and the next Gauss–Lobatto rule on
/// `[−1, 1]`, with nodes and weights enclosed at the working precision (``GaussLobattoPair``).
public struct QuadratureRules<T: EngineScalar> {
  let gaussNodes: [T]
  let gaussWeights: [T]
  let lobattoNodes: [T]
  let lobattoWeights: [T]
  let oneHalf: T

  /// Points of the Gauss rule (the Lobatto rule has one more): both are exact for polynomials of
  /// degree `2n − 1`, so a dyadic panel `[a, 2a]` of an integrand that varies like `1/t` needs no
  /// bisection for a relative error near `3^{−2n}`.
  public static var gaussPoints: Int { 10 }

  /// - Complexity: `Double`: O(1) after the first call (the enclosures are computed once);
  ///   `Interval`: O(n³) interval operations.
  public init(precision: Int) {
    if T.self == Double.self, let cached = doubleQuadratureRules as? QuadratureRules<T> {
      self = cached
    } else if T.self == DoubleInterval.self, let cached = doubleIntervalQuadratureRules as? QuadratureRules<T> {
      self = cached
    } else {
      self.init(computing: precision, points: QuadratureRules.gaussPoints)
    }
  }

  /// The rules with `points` Gauss points (and one more Lobatto point), nodes and weights enclosed at
  /// `precision` bits; computed with `guardBits` more and rounded outward, because the weights' interval
  /// formulas widen their enclosures by about `2^{2·points}` (``LaplaceEngine/accurate(precision:)``).
  init(computing precision: Int, points: Int, guardBits: Int = 0) {
    let pair = GaussLobattoPair(points: points, precision: precision + guardBits)
    func working(_ x: Interval) -> T { T(enclosure: guardBits == 0 ? x : x.rounded(toPrecision: precision)) }
    gaussNodes = pair.gaussNodes.map(working)
    gaussWeights = pair.gaussWeights.map(working)
    lobattoNodes = pair.lobattoNodes.map(working)
    lobattoWeights = pair.lobattoWeights.map(working)
    oneHalf = T(Rational(1, 2), precision: precision)
  }

  /// Both rules applied to the integrand on `[a, b]` (a lower and an upper bound for
  /// completely monotone integrands).
  func integrate(
    _ f: FrullaniIntegrand<T>, from a: Double, to b: Double, precision: Int
  ) -> (gauss: (value: T, derivatives: [T]), lobatto: (value: T, derivatives: [T])) {
    (gauss(f, from: a, to: b), apply(f, lobattoNodes, lobattoWeights, from: a, to: b, endpoints: true))
  }

  /// The Gauss rule alone (a lower bound for completely monotone integrands).
  func gauss(_ f: FrullaniIntegrand<T>, from a: Double, to b: Double) -> (value: T, derivatives: [T]) {
    apply(f, gaussNodes, gaussWeights, from: a, to: b, endpoints: false)
  }

  /// One rule on `[a, b]`; with `endpoints`, the first and last nodes are the exact panel ends.
  private func apply(
    _ f: FrullaniIntegrand<T>, _ nodes: [T], _ weights: [T], from a: Double, to b: Double, endpoints: Bool
  ) -> (value: T, derivatives: [T]) {
    let zero = f.zero
    // At the working precision: an exact `Double` alone would round the Lobatto end nodes' `e^{−t}` at 64 bits.
    let left = T(dyadic: a) + zero
    let right = T(dyadic: b) + zero
    let half = (right - left) * oneHalf
    let middle = left + half
    var decays = [T](repeating: zero, count: f.gaps.count)
    var value = zero
    var derivatives = [T](repeating: zero, count: f.gaps.count)
    for (i, (node, weight)) in zip(nodes, weights).enumerated() {
      // The Lobatto end nodes are the exact panel ends, so a panel starting at 0 evaluates the limit there.
      let t = endpoints && i == 0 ? left : endpoints && i == nodes.count - 1 ? right : middle + half * node
      f.accumulate(
        at: t, isZero: endpoints && i == 0 && a == 0, weight: half * weight, value: &value, derivatives: &derivatives,
        decays: &decays)
    }
    return (value, derivatives)
  }
}

extension QuadratureRules: Sendable where T: Sendable {}

/// The `Double` rules, converted once: the solver builds rules for each of thousands of evaluations.
private let doubleQuadratureRules = QuadratureRules<Double>(computing: 64, points: QuadratureRules<Double>.gaussPoints)

/// The `DoubleInterval` rules, enclosed once (at 64 bits with the guard bits the weights' formulas need).
private let doubleIntervalQuadratureRules = QuadratureRules<DoubleInterval>(
  computing: 64, points: QuadratureRules<DoubleInterval>.gaussPoints,
  guardBits: 3 * QuadratureRules<DoubleInterval>.gaussPoints)
