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
    // Over one common denominator D, p_z = a_z / D and each weight is the integer C(k; n) Π a_z^{n_z}
    // over D^k, reduced once at its leaf: the recursion multiplies integers from tables of a_z^n and
    // C(r, n) (exact rational products at every node were 4% of a 4-class run).
    let common = p.reduce(BigInt(1)) { d, q in d / BigInt.gcd(d, q.denominator) * q.denominator }
    let scaled = p.map { $0.numerator * (common / $0.denominator) }
    let powers = scaled.map { a in Array(sequence(first: BigInt(1)) { $0 * a }.prefix(k + 1)) }
    let binomials = (0...k).map { r in (0...r).map { BigInt.binomial(r, $0) } }
    let denominator = common.power(k)
    func visit(_ z: Int, remaining: Int, numerator: BigInt) {
      if z == p.count - 1 {
        current[z] = remaining
        counts.append(current)
        weights.append(Rational(numerator * powers[z][remaining], denominator))
        return
      }
      for n in 0...remaining {
        current[z] = n
        visit(z + 1, remaining: remaining - n, numerator: numerator * binomials[remaining][n] * powers[z][n])
      }
    }
    visit(0, remaining: k, numerator: BigInt(1))
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
  ///
  /// The multiplicities and supports are flat tables rather than an array per count vector: the
  /// solver's `Double` evaluations visit every count vector thousands of times, and retaining and
  /// releasing two arrays per visit cost more than the draw's arithmetic.
  public struct Prepared<T: EngineScalar> {
    let probabilities: [T]
    /// `n_z` of count vector `v` at `v · dimension + z`.
    let multiplicities: [T]
    /// The `z` with `n_z > 0` of every count vector in turn, those of `v` at
    /// `supportStarts[v]..<supportStarts[v + 1]`: a sparse count vector costs O(support).
    let support: [Int]
    let supportStarts: [Int]
    /// `M`, the points of the model.
    let dimension: Int

    /// Calls `body(p_v, n, support)` for each count vector `v` in order, with `n[z] = n_z` and the
    /// `z` with `n_z > 0` as buffers into the tables, valid only during the call.
    ///
    /// - Complexity: O(count vectors) calls.
    @inline(__always)
    func forEachCountVector(
      _ body: (_ probability: T, _ multiplicities: UnsafeBufferPointer<T>, _ support: UnsafeBufferPointer<Int>) -> Void
    ) {
      probabilities.withUnsafeBufferPointer { probabilities in
        multiplicities.withUnsafeBufferPointer { multiplicities in
          support.withUnsafeBufferPointer { support in
            for v in probabilities.indices {
              body(
                probabilities[v],
                UnsafeBufferPointer(rebasing: multiplicities[v * dimension..<(v + 1) * dimension]),
                UnsafeBufferPointer(rebasing: support[supportStarts[v]..<supportStarts[v + 1]]))
            }
          }
        }
      }
    }
  }

  /// - Complexity: O(count vectors · M).
  public func prepared<T: EngineScalar>(precision: Int) -> Prepared<T> {
    let support = counts.map { n in n.indices.filter { n[$0] != 0 } }
    return Prepared(
      probabilities: weights.map { T($0, precision: precision) },
      multiplicities: counts.flatMap { $0.map { T($0) } },
      support: support.flatMap { $0 },
      supportStarts: support.reduce(into: [0]) { $0.append($0.last! + $1.count) },
      dimension: counts.first?.count ?? 0)
  }

  /// `L_k(G)` and its gradient (convention of ``LossAndGradient``), one ``NCELoss`` draw per count
  /// vector and pair, with nothing allocated per draw.
  ///
  /// Error bound: in the interval types, an enclosure (see the type); in `Double`, rounding only.
  ///
  /// - Complexity: O(pairs · Σ_v |support of v|) ≤ O(pairs · count vectors · M).
  public func evaluate<T: EngineScalar>(
    _ problem: ContrastiveProblem, gram: [[T]], prepared: Prepared<T>, precision: Int
  ) -> LossAndGradient<T> {
    let s = T(problem.scale, precision: precision)
    // At scale 1 the score derivatives n_z y_z / (1 + Σ n y) are the log-gap derivatives q_z.
    let one = T(1)
    let expectations = problem.pairs.map { pair -> PairExpectation<T> in
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      var value = T(0)
      var derivatives = [T](repeating: T(0), count: gaps.count)
      gaps.withUnsafeBufferPointer { gaps in
        derivatives.withUnsafeMutableBufferPointer { derivatives in
          prepared.forEachCountVector { probability, n, support in
            let loss = NCELoss.lossAndGradient(
              exponentiatedGaps: gaps, multiplicities: n, support: support, scale: one
            ) { z, derivative in derivatives[z] = derivatives[z] + probability * derivative }
            value = value + probability * loss
          }
        }
      }
      return PairExpectation(value: value, logGapDerivatives: derivatives)
    }
    return problem.assemble(expectations, precision: precision)
  }
}

extension MultinomialEngine.Prepared: Sendable where T: Sendable {}

extension MultinomialEngine.Prepared {
  /// `Z = 1 + Σ_z n_z y_z`, the normaliser of ``NCELoss`` for the count vector `n` (with its
  /// `support`, from ``forEachCountVector(_:)``) against the exponentiated gaps `y`, summed in place
  /// over the support (`one` is 1 at the working precision; the sum rounds at its precision).
  ///
  /// The curvature weights, the refinement's gradient and the log-gap Hessians need `Z` without the
  /// logarithm, and accumulate from 1 with fused multiply-adds where ``NCELoss`` adds 1 to `Σ n_z y_z`:
  /// the same value, rounded differently (each is certified or used on its own terms).
  ///
  /// Error bound: the roundings of one `addProduct` per point of the support (outward in the interval types).
  ///
  /// - Complexity: O(support).
  static func partition(
    _ n: UnsafeBufferPointer<T>, support: UnsafeBufferPointer<Int>, gaps: [T], one: T
  ) -> T {
    var sum = one
    for z in support { sum.addProduct(n[z], gaps[z]) }
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
      prepared.forEachCountVector { probability, n, support in
        let partition = Prepared.partition(n, support: support, gaps: gaps, one: one)
        let share = probability / (partition * partition)
        for z in support { sums[z].addProduct(share, n[z]) }
      }
      return zip(gaps, sums).map { $0 * $1 }
    }
  }
}
