import ExactArithmetic
import Foundation

/// A certified bound on the optimality gap of a rational feasible `Ĝ` (docs/theory.md §6).
///
/// With `C` the gradient of `L_k` at `Ĝ` enclosed entrywise by `C_int` (midpoint
/// `C_mid`, radius `R`), and rational `λ ≥ 0` with `C_mid + diag(λ) ⪰ 0` proved by an
/// exact LDLᵀ, every `H ∈ F` has `⟨C_mid, H⟩ ≥ −Σ λ_i H_ii ≥ −Σ λ_i` and `|H_ij| ≤ 1`, so
///
///     L* ≥ L(Ĝ) + min_{H∈F} ⟨C, H⟩ − ⟨C, Ĝ⟩ ≥ L_lo(Ĝ) − Σλ − Σ_ij R_ij − hi⟨C_int, Ĝ⟩.
///
/// (⟨C, Ĝ⟩ is enclosed directly, so the error of `C_mid` against `Ĝ` is covered; a single `ΣR`
/// with `⟨C_mid, Ĝ⟩` would miss it, docs/theory.md §12 note 1.) The certified gap is
/// `gap = L_hi(Ĝ) − lowerBound ≥ L(Ĝ) − L*`, an exact rational.
///
/// Feasibility is exact: `Ĝ = V̂ V̂ᵀ` with rational `V̂` whose rows satisfy `‖v̂_i‖² ≤ 1`.
public struct OptimalityCertificate: Sendable {
  /// The rational feasible point.
  public let gram: RationalMatrix
  /// Its rational factor, `gram = factor · factorᵀ`.
  public let factor: RationalMatrix
  /// An enclosure of `L_k(Ĝ)`.
  public let loss: Interval
  /// A certified lower bound on `L* = min_F L_k` (`nil` when no dual PSD proof was found).
  public let lowerBound: Rational?
  /// `L_hi(Ĝ) − lowerBound`, a certified bound on `L_k(Ĝ) − L*` (`nil` without a proof).
  public let gap: Rational?
  /// The multipliers `λ` of the proof.
  public let multipliers: [Rational]

  /// Whether a dual proof exists and the gap is at most `tolerance`.
  public func certifies(gapAtMost tolerance: Rational) -> Bool {
    guard let gap else { return false }
    return gap <= tolerance
  }

  /// Rounds `solution` to a rational feasible `Ĝ` and certifies it.
  ///
  /// Rounding: `V` to multiples of `2^{−48}`, then any row with `‖v̂‖² > 1` scaled by a
  /// rational `r < 1` with `r²‖v̂‖² ≤ 1` checked exactly. Because `C V ≈ −diag(λ) V` at
  /// an optimum, the rounding costs only `O(2^{−96})` in `⟨C + diag λ, Ĝ⟩`.
  ///
  /// - Complexity: see ``certify(_:factor:precision:refined:targetGap:)``.
  public static func certify(
    _ loss: PopulationLoss, solution: GramSolver.Solution, precision: Int = Defaults.precision,
    targetGap: Rational? = nil
  ) -> OptimalityCertificate {
    certify(loss, factor: roundedFactor(solution.factor), precision: precision, refined: false, targetGap: targetGap)
  }

  /// Certifies the rational feasible point `Ĝ = factor · factorᵀ` (every row of `factor` in the unit ball).
  ///
  /// Multipliers: `λ_i = −(C_mid Ĝ)_ii / Ĝ_ii` on rows with `Ĝ_ii ≈ 1` (else 0), clamped at 0,
  /// plus a shift `δ` increased from a start until `C_mid + diag λ` is proven positive semidefinite
  /// (``RationalMatrix/isPositiveSemidefinite``: `Double` proofs either way where they apply, else the exact LDLᵀ). A
  /// `refined` point (accurate far beyond `Double`) uses the exact midpoints of the gradient's
  /// enclosures (the accurate ones of ``PopulationLoss/enclose(gram:precision:accurate:)``) and
  /// multiplies the shift by 16 from near `2^{−precision}`; otherwise `C_mid` is rounded to
  /// `Double` (cheaper exact arithmetic) and the shift grows tenfold from `10^{−15}`; when the
  /// gap then misses `targetGap`, the shift is narrowed by three geometric bisections, each kept
  /// only when ``RationalMatrix/isPositiveDefiniteByFloatingCholesky`` proves the shifted matrix
  /// positive definite. Either way the bound is rigorous: the radius `R` accounts for the distance of
  /// `C_mid` from the enclosures, and the gap grows by `m·δ·(1 + max|C_mid|)`.
  ///
  /// - Complexity: one `Interval` evaluation of `L_k` and its gradient, O(M³) exact
  ///   operations for `Ĝ`, and up to about twenty semidefiniteness decisions (each a `Double`
  ///   factorization, and an exact LDLᵀ only when neither `Double` proof applies).
  public static func certify(
    _ loss: PopulationLoss, factor: RationalMatrix, precision: Int, refined: Bool, targetGap: Rational? = nil
  ) -> OptimalityCertificate {
    let gram = factor * factor.transposed
    let m = gram.rows
    let enclosure = loss.enclose(gram: gram, precision: precision, accurate: refined)
    func uncertified() -> OptimalityCertificate {
      OptimalityCertificate(
        gram: gram, factor: factor, loss: enclosure.loss, lowerBound: nil, gap: nil, multipliers: [])
    }

    // C_mid: rational midpoints, symmetric; R_ij bounds |C_ij − C_mid,ij|.
    var middle = [[Rational]](repeating: [Rational](repeating: 0, count: m), count: m)
    var radiusSum = Rational.zero
    for i in 0..<m {
      for j in i..<m {
        let entry = enclosure.gradient[i][j]
        guard let low = entry.lowerBound, let high = entry.upperBound else { return uncertified() }
        let mid = refined ? (low + high) / 2 : Rational(exactly: entry.approximateDouble)!
        let radius = max(high - mid, mid - low)
        middle[i][j] = mid
        middle[j][i] = mid
        radiusSum += i == j ? radius : 2 * radius
      }
    }
    let grid = Rational(1, 2).power(precision + 16)
    let estimates = (0..<m).map { i -> Rational in
      guard gram[i, i].approximateDouble > 1 - 1e-6 else { return .zero }
      let cg = (0..<m).reduce(Rational.zero) { $0 + middle[i][$1] * gram[$1, i] }
      let estimate = -cg / gram[i, i]
      guard estimate.signum > 0 else { return .zero }
      return refined ? (estimate / grid).rounded(.down) * grid : Rational(exactly: estimate.approximateDouble)!
    }
    let scale = 1 + (middle.flatMap { $0 }.map { abs($0.approximateDouble) }.max() ?? 0)
    let start = refined ? pow(2, -Double(precision - 8)) : 1e-15
    func shifted(_ shift: Double) -> (multipliers: [Rational], dual: RationalMatrix) {
      let candidate = estimates.map { $0 + Rational(exactly: shift * scale)! }
      return (
        candidate, RationalMatrix(rows: m, columns: m) { i, j in i == j ? middle[i][j] + candidate[i] : middle[i][j] }
      )
    }
    var shift = start
    var multipliers: [Rational]? = nil
    while shift <= 1e-5 {
      let candidate = shifted(shift)
      if candidate.dual.isPositiveSemidefinite {
        multipliers = candidate.multipliers
        break
      }
      shift *= refined ? 16 : 10
    }
    guard var multipliers, let lossLow = enclosure.loss.lowerBound, let lossHigh = enclosure.loss.upperBound else {
      return uncertified()
    }
    var pairing = Interval(0)
    for i in 0..<m {
      for j in 0..<m { pairing = pairing + enclosure.gradient[i][j] * Interval(gram[i, j], precision: precision + 64) }
    }
    guard let pairingHigh = pairing.upperBound else { return uncertified() }
    func lowerBound(_ multipliers: [Rational]) -> Rational {
      lossLow - pairingHigh - multipliers.reduce(0, +) - radiusSum
    }
    var lower = lowerBound(multipliers)
    // The shift enters the gap as m·shift·scale (at M = 100 classes that alone was 1.06e-8, over
    // the 1e-8 tolerance), and the tenfold steps overshoot the smallest working shift by up to 10×:
    // when the gap misses `targetGap`, three geometric bisections between the last failing and the
    // first working shift bring it within 10^{1/8} of it. Each step must be proven by the floating
    // Cholesky (a step it cannot prove keeps the larger shift). Refined points, whose shift starts
    // near 2^{−precision}, skip this.
    if !refined, let targetGap, lossHigh - lower > targetGap, shift > start {
      var failing = shift / 10
      for _ in 0..<3 {
        let middleShift = (failing * shift).squareRoot()
        let candidate = shifted(middleShift)
        if candidate.dual.isPositiveDefiniteByFloatingCholesky {
          shift = middleShift
          multipliers = candidate.multipliers
        } else {
          failing = middleShift
        }
      }
      lower = lowerBound(multipliers)
    }
    return OptimalityCertificate(
      gram: gram, factor: factor, loss: enclosure.loss, lowerBound: lower, gap: lossHigh - lower,
      multipliers: multipliers)
  }

  /// `V` on the `2^{−48}` grid with every row pulled exactly into the unit ball.
  static func roundedFactor(_ v: [[Double]]) -> RationalMatrix {
    let grid = Rational(1, 1 << 48)
    let rows = v.map { row -> [Rational] in
      var rational = row.map { Rational(exactly: ($0 * 0x1p48).rounded())! * grid }
      let squared = rational.reduce(Rational.zero) { $0 + $1 * $1 }
      if squared > 1 {
        var shrink =
          Rational(exactly: ((1 / squared.approximateDouble.squareRoot()) * 0x1p52).rounded(.down))! / Rational(
            exactly: 0x1p52)!
        while shrink * shrink * squared > 1 { shrink -= Rational(1, 1 << 52) }
        rational = rational.map { $0 * shrink }
      }
      return rational
    }
    return RationalMatrix(rows)
  }
}
