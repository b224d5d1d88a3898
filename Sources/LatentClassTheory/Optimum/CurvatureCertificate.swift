import ExactArithmetic
import Foundation

/// A certified lower bound `μ₀` on the curvature of `L_k` at a rational `Ĝ`, on the
/// complement of `span(J)` (docs/theory.md §8):
///
///     ∂²L(Ĝ)[H, H] ≥ μ₀ · ‖P(H)‖²_F   for every symmetric H,   P(H) = H − (ΣH_ij / M²)·J.
///
/// **The lower-bound form.** For one draw, `∂²ℓ[H, H] = s²·Var_π(δ)` and keeping only the pairs
/// of the variance that involve the positive, `Var_π(δ) ≥ π₀ Σ_{i≥1} π_i (δ_i − δ₀)²`. In
/// expectation this is
///
///     ∂²L(Ĝ)[H, H] ≥ Q(H) = s² Σ_{pairs (x, x⁺)} w_{x x⁺} Σ_z c_z (H_{xz} − H_{x x⁺})²,
///     c_z = E[n_z y_z / (1 + S)²] ≥ 0,
///
/// a weighted sum of squared differences of entries of `H`, whose coefficients are replaced
/// by certified lower bounds (``PopulationLoss/curvatureWeights(gram:precision:)``). `Q`
/// vanishes exactly on `span(J)` when every point has positive mass under `D̄`: a zero of
/// `Q` is constant on every row, and symmetric.
///
/// **The proof.** In coordinates `h_e = H_ij` (`e = {i, j}`, `i ≤ j`), `‖H‖²_F = Σ c_e h_e²`
/// (`c_e = 1` on the diagonal, 2 off it) and `ΣH_ij = Σ c_e h_e`. With `K` the exact matrix
/// of `Q` and any `β ≥ 0`, an exact LDLᵀ showing
///
///     K + β·c cᵀ − μ₀·diag(c) ⪰ 0
///
/// gives `Q(H) ≥ μ₀‖H‖²_F` for every `H` with `ΣH_ij = 0`, that is on `J^⊥`; `Q(H) = Q(P(H))`
/// extends it to every `H`. `β` only lifts the `J` direction, which `Q` ignores.
///
/// Error bound: `μ₀` is a proven lower bound; it is within a factor of about
/// `0.9 · Q/∂²L` of the true smallest eigenvalue, `Q/∂²L` being the share of the variance the
/// lower-bound form keeps (near 1 when the positive dominates the softmax).
public struct CurvatureCertificate: Sendable {
  /// `μ₀ > 0`, proven; `nil` when no bound could be proven (the form is singular on `J^⊥` at
  /// this working precision, or the weights' enclosures are too wide).
  public let lowerBound: Rational?

  /// The largest `M` whose curvature is bounded: the exact LDLᵀ has size `M(M+1)/2` (528 at `M = 32`);
  /// beyond it no bound is attempted and the optimum is reported as not located.
  public static let maximumPoints = 32

  /// Bounds the curvature of `loss` at `gram` (no bound when `M` exceeds ``maximumPoints``).
  ///
  /// - Complexity: one engine evaluation, then a `D × D` eigen-decomposition in `Double` and at
  ///   most six exact LDLᵀ factorizations of size `D = M(M+1)/2`, `O(D³)` rational operations each.
  public init(_ loss: PopulationLoss, gram: RationalMatrix, precision: Int) {
    let problem = loss.problem
    let m = problem.dimension
    guard m <= CurvatureCertificate.maximumPoints else {
      lowerBound = nil
      return
    }
    let weights = loss.curvatureWeights(gram: gram, precision: precision)
    let scaleSquared = Interval(problem.scale * problem.scale, precision: precision)
    var form = SquaredDifferenceForm(dimension: m)
    for (pair, pairWeights) in zip(problem.pairs, weights) {
      let factor = scaleSquared * Interval(pair.weight, precision: precision)
      for z in 0..<m where z != pair.positive {
        guard let coefficient = CurvatureCertificate.shortLowerBound(factor * pairWeights[z]) else { continue }
        form.add(coefficient, pair.anchor, z, pair.anchor, pair.positive)
      }
    }
    lowerBound = form.provenLowerBound()
  }

  /// A lower bound of a non-negative quantity's enclosure with at most 30 significant bits
  /// (short numbers keep the exact LDLᵀ cheap), or `nil` when it is not certainly positive.
  static func shortLowerBound(_ value: Interval) -> Rational? {
    guard let low = value.lowerBound, low.signum > 0 else { return nil }
    var estimate = low.approximateDouble * (1 - 0x1p-40)
    guard estimate.isNormal else { return nil }
    estimate = estimate.rounded(toSignificantBits: 30, .down)
    let short = Rational(exactly: estimate)!
    return short <= low && short.signum > 0 ? short : nil
  }
}

/// The quadratic form `Σ a (h_e − h_f)²` on the entries of a symmetric `M × M` matrix, stored
/// as its exact `D × D` matrix in the coordinates `e = {i, j}`, `i ≤ j`.
struct SquaredDifferenceForm {
  let dimension: Int
  private(set) var matrix: [[Rational]]

  init(dimension m: Int) {
    dimension = m
    let d = m * (m + 1) / 2
    matrix = [[Rational]](repeating: [Rational](repeating: .zero, count: d), count: d)
  }

  /// The coordinate of the entry `(i, j)`.
  func coordinate(_ i: Int, _ j: Int) -> Int {
    let (a, b) = i <= j ? (i, j) : (j, i)
    return a * dimension - a * (a - 1) / 2 + (b - a)
  }

  /// `c_e`: 1 for a diagonal entry, 2 for an off-diagonal one (it stands twice in `‖H‖²_F`).
  var metric: [Rational] {
    var c = [Rational](repeating: 2, count: matrix.count)
    for i in 0..<dimension { c[coordinate(i, i)] = 1 }
    return c
  }

  /// Adds `a (H_{ij} − H_{kl})²`.
  mutating func add(_ a: Rational, _ i: Int, _ j: Int, _ k: Int, _ l: Int) {
    let e = coordinate(i, j)
    let f = coordinate(k, l)
    guard e != f else { return }
    matrix[e][e] += a
    matrix[f][f] += a
    matrix[e][f] -= a
    matrix[f][e] -= a
  }

  /// The largest `μ₀` of the form `0.9·λ·2^{−j}` (`λ` the `Double` estimate of the smallest
  /// eigenvalue on `J^⊥`, `j = 0…5`) for which `K + β c cᵀ − μ₀ diag(c) ⪰ 0` is proven, by a
  /// `Double` Cholesky with a certified error bound or else by an exact LDLᵀ.
  func provenLowerBound() -> Rational? {
    let c = metric
    let d = matrix.count
    let m2 = Double(dimension * dimension)
    let cDouble = c.map(\.approximateDouble)
    let k = matrix.map { $0.map(\.approximateDouble) }
    // β·M² is the eigenvalue of the J direction; above the trace bound it never is the smallest.
    let trace = (0..<d).reduce(0.0) { $0 + k[$1][$1] / cDouble[$1] }
    guard trace > 0 else { return nil }
    let beta = Rational(exactly: CurvatureCertificate.shortDyadic(2 * trace / m2))!
    let betaDouble = beta.approximateDouble
    let scaled = (0..<d).map { e in
      (0..<d).map { f in (k[e][f] + betaDouble * cDouble[e] * cDouble[f]) / (cDouble[e] * cDouble[f]).squareRoot() }
    }
    guard let smallest = SymmetricEigen(scaled).values.first, smallest > 0 else { return nil }
    // K + β c cᵀ once (c_e is 1 or 2, so β c_e c_f takes three values); each candidate μ₀ only
    // moves the diagonal.
    let lift = [beta, 2 * beta, 4 * beta]
    let lifted = (0..<d).map { e in
      (0..<d).map { f in matrix[e][f] + lift[(c[e] == 2 ? 1 : 0) + (c[f] == 2 ? 1 : 0)] }
    }
    var candidate = 0.9 * smallest
    for _ in 0..<6 {
      let mu = Rational(exactly: CurvatureCertificate.shortDyadic(candidate))!
      let shifts = [mu, 2 * mu]
      let shifted = RationalMatrix(rows: d, columns: d) { e, f in
        e == f ? lifted[e][e] - shifts[c[e] == 2 ? 1 : 0] : lifted[e][f]
      }
      // Decided by `Double` proofs where they apply, by the exact LDLᵀ otherwise: the same bound as
      // with the exact test alone.
      if shifted.isPositiveSemidefinite { return mu }
      candidate /= 2
    }
    return nil
  }
}

extension CurvatureCertificate {
  /// `x` rounded down to 20 significant bits (a short dyadic for exact arithmetic).
  static func shortDyadic(_ x: Double) -> Double {
    guard x.isNormal, x > 0 else { return 0 }
    return x.rounded(toSignificantBits: 20, .down)
  }
}
