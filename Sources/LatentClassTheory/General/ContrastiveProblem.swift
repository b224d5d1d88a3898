import ContrastiveLoss
import ExactArithmetic

/// The population NCE loss `L_k(G)` of docs/theory.md §3 in point form, ready for an engine.
///
///     L_k(G) = Σ_{(x, x⁺)} w_{x x⁺} · E_{n ~ Mult(k, D̄)} log(1 + Σ_z n_z e^{s(G_{xz} − G_{x x⁺})}),
///     w_{x x⁺} = Σ_c ρ_c D_c(x) D_c(x⁺).
///
/// Merging the classes into the pair weights `w` is exact and lets class-level and
/// point-level models share one code path (a class-level model has pairs `(c, c)`
/// with weight `ρ_c`).
public struct ContrastiveProblem: Sendable {
  /// An anchor–positive pair and its probability.
  public struct Pair: Sendable, Equatable {
    public let anchor: Int
    public let positive: Int
    public let weight: Rational
  }

  /// The pairs with positive probability.
  public let pairs: [Pair]
  /// `D̄`, the distribution of each negative over the `M` points.
  public let negativeDistribution: [Rational]
  /// The number of negatives `k ≥ 1`.
  public let negatives: Int
  /// The scale `s > 0`.
  public let scale: Rational

  /// The size `M` of the Gram matrix.
  public var dimension: Int { negativeDistribution.count }

  /// - Complexity: O(N·M²) exact operations.
  public init(model: LatentClassModel, negatives k: Int, scale: Rational) {
    precondition(k >= 1, "k ≥ 1 negatives")
    precondition(scale.signum > 0, "the scale must be positive")
    var pairs: [Pair] = []
    let m = model.pointCount
    for x in 0..<m {
      for positive in 0..<m {
        var weight = Rational.zero
        for c in 0..<model.classCount
        where model.withinClass[c][x].signum != 0 && model.withinClass[c][positive].signum != 0 {
          weight += model.rho[c] * model.withinClass[c][x] * model.withinClass[c][positive]
        }
        if weight.signum != 0 { pairs.append(Pair(anchor: x, positive: positive, weight: weight)) }
      }
    }
    self.pairs = pairs
    self.negativeDistribution = model.marginal
    self.negatives = k
    self.scale = scale
  }
}

/// One pair's expectation `E log(1 + S)` and its derivatives `q_z = ∂E/∂ log y_z = E[n_z y_z / (1 + S)]`
/// with respect to the log exponentiated gaps `log y_z = s(G_{xz} − G_{x x⁺})`.
public struct PairExpectation<T: EngineScalar> {
  public var value: T
  public var logGapDerivatives: [T]
}

extension PairExpectation: Sendable where T: Sendable {}

/// `L_k(G)` and its gradient.
///
/// Gradient convention: `gradient` is the symmetric matrix `C` with `⟨C, H⟩ =
/// d/dε L_k(G + εH)` at `ε = 0` for every symmetric `H`. A pair's derivative with
/// respect to the entry `G_{xz}` of the anchor's row is therefore split equally
/// between `C_{xz}` and `C_{zx}`.
public struct LossAndGradient<T: EngineScalar> {
  public var loss: T
  public var gradient: [[T]]
}

extension ContrastiveProblem {
  /// Combines per-pair expectations (in `pairs` order) into `L_k(G)` and its gradient.
  ///
  /// `∂E/∂G_{xz} = s·q_z` and `∂E/∂G_{x x⁺} = −s·Σ_z q_z` on the anchor's row, then symmetrized.
  ///
  /// - Complexity: O(pairs · M + M²).
  func assemble<T: EngineScalar>(_ expectations: [PairExpectation<T>], precision: Int) -> LossAndGradient<T> {
    let m = dimension
    let s = T(scale, precision: precision)
    var loss = T(0)
    var rowDerivatives = [[T]](repeating: [T](repeating: T(0), count: m), count: m)
    for (pair, expectation) in zip(pairs, expectations) {
      let w = T(pair.weight, precision: precision)
      loss = loss + w * expectation.value
      let ws = w * s
      var total = T(0)
      for z in 0..<m {
        let d = expectation.logGapDerivatives[z]
        rowDerivatives[pair.anchor][z] = rowDerivatives[pair.anchor][z] + ws * d
        total = total + d
      }
      rowDerivatives[pair.anchor][pair.positive] = rowDerivatives[pair.anchor][pair.positive] - ws * total
    }
    let half = T(Rational(1, 2), precision: precision)
    let gradient = (0..<m).map { i in (0..<m).map { j in half * (rowDerivatives[i][j] + rowDerivatives[j][i]) } }
    return LossAndGradient(loss: loss, gradient: gradient)
  }

  /// The exponentiated gaps `y_z = e^{s(G_{xz} − G_{x x⁺})}` of one pair, through ``NCELoss``.
  func exponentiatedGaps<T: EngineScalar>(_ pair: Pair, gram: [[T]], scale s: T) -> [T] {
    let positive = gram[pair.anchor][pair.positive]
    return gram[pair.anchor].map { NCELoss.exponentiatedGap(positive: positive, negative: $0, scale: s) }
  }
}
