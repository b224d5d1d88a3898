import ContrastiveLoss
import ExactArithmetic

/// Method 2 of docs/theory.md §3: the expectation over the negatives as an exact finite
/// sum over count vectors `n ~ Multinomial(k, D̄)`.
///
/// Every count vector's weight `k!/Π n_z! · Π D̄_z^{n_z}` is an exact rational, and
/// every draw's loss is evaluated by ``NCELoss``. In `Interval` the result is an
/// enclosure of `L_k(G)`: the only errors are the outward roundings of the
/// operations (no truncation), so the width is a small multiple of
/// `2^{-precision}` times the number of count vectors.
public struct MultinomialEngine: Sendable {
  /// The count vectors, `counts[v][z] = n_z`.
  public let counts: [[Int]]
  /// Their exact probabilities, summing to 1.
  public let weights: [Rational]

  /// Enumerates the `C(k+M−1, M−1)` count vectors of `problem`.
  ///
  /// - Complexity: O(C(k+M−1, M−1) · M) exact operations.
  public init(problem: ContrastiveProblem) {
    let p = problem.negativeDistribution
    let k = problem.negatives
    var counts: [[Int]] = []
    var weights: [Rational] = []
    var current = [Int](repeating: 0, count: p.count)
    // Every leaf and node multiplies by p_z^n and C(r, n) with r, n ≤ k: tables instead of a power
    // and a binomial per visit (the enumeration was 4% of a 4-class run).
    let powers = p.map { base in sequence(first: Rational(1)) { $0 * base }.prefix(k + 1).map { $0 } }
    let binomials = (0...k).map { r in (0...r).map { Rational(BigInt.binomial(r, $0)) } }
    func visit(_ z: Int, remaining: Int, weight: Rational) {
      if z == p.count - 1 {
        current[z] = remaining
        counts.append(current)
        weights.append(weight * powers[z][remaining])
        return
      }
      for n in 0...remaining {
        current[z] = n
        visit(z + 1, remaining: remaining - n, weight: weight * binomials[remaining][n] * powers[z][n])
      }
    }
    visit(0, remaining: k, weight: 1)
    self.counts = counts
    self.weights = weights
  }

  /// The number of count vectors, `C(k+M−1, M−1)`, as a `Double` (to choose an engine before enumerating).
  public static func cost(of problem: ContrastiveProblem) -> Double {
    cost(points: problem.dimension, negatives: problem.negatives)
  }

  /// The number of count vectors of `k` negatives over `points` points, `C(k+M−1, M−1)`,
  /// known before any problem is built (for cost guards).
  public static func cost(points m: Int, negatives k: Int) -> Double {
    var total = 1.0
    for i in 1..<max(m, 1) { total *= Double(k + i) / Double(i) }
    return total
  }

  /// The count vectors' probabilities and multiplicities converted to `T` once, for repeated evaluation.
  public struct Prepared<T: EngineScalar> {
    let probabilities: [T]
    let multiplicities: [[T]]
    /// `present[v]`: the `z` with `n_z > 0`, so sparse count vectors cost O(support).
    let present: [[Int]]
  }

  /// - Complexity: O(count vectors · M).
  public func prepared<T: EngineScalar>(precision: Int) -> Prepared<T> {
    Prepared(
      probabilities: weights.map { T($0, precision: precision) },
      multiplicities: counts.map { $0.map { T($0) } },
      present: counts.map { n in n.indices.filter { n[$0] != 0 } })
  }

  /// `L_k(G)` and its gradient (convention of ``LossAndGradient``).
  ///
  /// - Complexity: O(pairs · count vectors · M).
  public func evaluate<T: EngineScalar>(
    _ problem: ContrastiveProblem, gram: [[T]], prepared: Prepared<T>, precision: Int
  ) -> LossAndGradient<T> {
    let s = T(problem.scale, precision: precision)
    let expectations = problem.pairs.map { pair -> PairExpectation<T> in
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      var value = T(0)
      var derivatives = [T](repeating: T(0), count: gaps.count)
      for (v, n) in prepared.multiplicities.enumerated() {
        let probability = prepared.probabilities[v]
        // At scale 1 the score derivatives n_z y_z / (1 + Σ n y) are the log-gap derivatives q_z.
        let draw = NCELoss.lossAndGradient(exponentiatedGaps: gaps, multiplicities: n, scale: T(1))
        value = value + probability * draw.loss
        for z in prepared.present[v] { derivatives[z] = derivatives[z] + probability * draw.negatives[z] }
      }
      return PairExpectation(value: value, logGapDerivatives: derivatives)
    }
    return problem.assemble(expectations, precision: precision)
  }
}

extension MultinomialEngine.Prepared: Sendable where T: Sendable {}

extension MultinomialEngine.Prepared {
  /// `Z_v = 1 + Σ_z n_z y_z`, the normaliser of ``NCELoss`` for count vector `v` against the
  /// exponentiated gaps `y`, summed in place over the points `v` holds (`one` is 1 at the working
  /// precision; the sum rounds at its precision).
  ///
  /// - Complexity: O(support of `v`).
  func partition(of v: Int, gaps: [T], one: T) -> T {
    var sum = one
    for z in present[v] { sum.addProduct(multiplicities[v][z], gaps[z]) }
    return sum
  }
}

extension MultinomialEngine {
  /// For each pair (in `problem.pairs` order) and each point `z`, `E[n_z y_z / (1 + S)²]` with
  /// `S = Σ_z n_z y_z`: the curvature weights of docs/theory.md §8. Accumulated in place as
  /// `y_z · Σ_v p_v n_z / Z_v²` (three allocations per count vector instead of about ten per point).
  ///
  /// Error bound: each result encloses the exact expectation (exact weights, outward rounding).
  ///
  /// - Complexity: O(pairs · count vectors · M).
  public func curvatureWeights<T: EngineScalar>(
    _ problem: ContrastiveProblem, gram: [[T]], prepared: Prepared<T>, precision: Int
  ) -> [[T]] {
    let s = T(problem.scale, precision: precision)
    let zero = T(Rational.zero, precision: precision)
    let one = T(Rational(1), precision: precision)
    return problem.pairs.map { pair in
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      var sums = [T](repeating: zero, count: gaps.count)
      for (v, n) in prepared.multiplicities.enumerated() {
        let partition = prepared.partition(of: v, gaps: gaps, one: one)
        let share = prepared.probabilities[v] / (partition * partition)
        for z in prepared.present[v] { sums[z].addProduct(share, n[z]) }
      }
      return zip(gaps, sums).map { $0 * $1 }
    }
  }
}
