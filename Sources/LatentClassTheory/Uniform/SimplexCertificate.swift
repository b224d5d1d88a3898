import ExactArithmetic

/// The KKT certificate that the regular simplex `G*` minimises `L_k` over
/// `F = {G ⪰ 0, diag G ≤ 1}` (docs/theory.md §5 T2).
///
/// With `∇L_k(G*) = u·J − N·u·I`, the KKT conditions hold with the dual matrix
/// `Z = u·J` and multipliers `λ_c = N·u` on the active constraints `G_cc = 1`:
/// stationarity `∇L + diag(λ) − Z = 0`, dual feasibility `Z ⪰ 0` (`J ⪰ 0` exactly
/// and `u > 0` certified) and `λ ≥ 0`, complementary slackness `⟨Z, G*⟩ = u·⟨J, G*⟩ = 0`
/// exactly. Because `L_k` is convex, KKT implies global optimality.
public struct SimplexCertificate: Sendable {
  /// The enclosure of `u`.
  public let multiplier: Interval
  /// Whether `u > 0` (`.verified`), `u < 0` (`.refuted`) or undecided.
  public let multiplierPositive: Verdict
  /// The exact proof (or refutation) that `J ⪰ 0`, from its eigenvalues `0` and `N`.
  public let onesMatrixSemidefinite: StructuredSemidefiniteness
  /// `⟨J, G*⟩`, which must be exactly 0.
  public let complementarity: Rational
  /// The exact proof that `G* ⪰ 0`, from its eigenvalues `N/(N−1)` and `0`.
  public let primalSemidefinite: StructuredSemidefiniteness
  /// Whether `G*` has unit diagonal: feasible, with every constraint `G_cc ≤ 1` active.
  public let unitDiagonal: Bool

  /// The verdict of the whole certificate.
  public var verdict: Verdict {
    let exactParts: Verdict =
      onesMatrixSemidefinite.isPositiveSemidefinite && complementarity.signum == 0
        && primalSemidefinite.isPositiveSemidefinite && unitDiagonal ? .verified : .refuted
    return Verdict.all([exactParts, multiplierPositive])
  }
}

extension UniformModel {
  /// Builds and checks the KKT certificate of the simplex from the enclosure of `u`
  /// for some `k` (see ``simplexEvaluation(negatives:)``).
  ///
  /// The exact parts (`J ⪰ 0`, `G* ⪰ 0` with unit diagonal, `⟨J, G*⟩ = 0`) do not
  /// depend on `k`; pass them in through `exactParts` to share them across a range.
  /// - Complexity: O(1) rational operations for the exact parts (both matrices are `a·I + b·J`).
  public func simplexCertificate(multiplier u: Interval, exactParts: SimplexExactParts? = nil) -> SimplexCertificate {
    let parts = exactParts ?? SimplexExactParts(model: self)
    let sign: Verdict =
      u.isCertainlyPositive ? .verified : (Interval.compare(u, Interval(0)) == .less ? .refuted : .undecided)
    return SimplexCertificate(
      multiplier: u, multiplierPositive: sign, onesMatrixSemidefinite: parts.onesMatrixSemidefinite,
      complementarity: parts.complementarity, primalSemidefinite: parts.primalSemidefinite,
      unitDiagonal: parts.unitDiagonal)
  }
}

/// The parts of the simplex certificate that are exact and independent of `k`.
///
/// `G*` and `J` are both `a·I + b·J`, so semidefiniteness is decided by their two exact
/// eigenvalues and `⟨J, G*⟩` by a closed form (proofs/simplex-optimality.md, Step 3):
/// no `N×N` matrix is built, which keeps `N = 1000` instant.
public struct SimplexExactParts: Sendable {
  public let onesMatrixSemidefinite: StructuredSemidefiniteness
  public let complementarity: Rational
  public let primalSemidefinite: StructuredSemidefiniteness
  public let unitDiagonal: Bool

  /// - Complexity: O(1) rational operations.
  public init(model: UniformModel) {
    let gram = model.simplexMatrix
    let ones = ScalarPlusOnesMatrix.ones(model.classes)
    onesMatrixSemidefinite = ones.semidefiniteness()
    complementarity = ones.frobenius(gram)
    unitDiagonal = gram[0, 0] == 1
    primalSemidefinite = gram.semidefiniteness()
  }
}
