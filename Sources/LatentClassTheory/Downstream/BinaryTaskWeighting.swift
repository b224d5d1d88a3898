import ExactArithmetic

/// How the two classes of one binary task `{c, c'}` of Saunshi et al.'s average task loss are
/// weighted (docs/theory.md §4, §11): the paper does not say. For uniform `ρ` both agree.
public enum BinaryTaskWeighting: String, Sendable, CaseIterable {
  /// `ρ` restricted to the pair: `ρ_c / (ρ_c + ρ_c')` (the default).
  case restrictedRho = "restricted-rho"
  /// Each class of the task `1/2`.
  case balanced

  /// The weight of `label` in the task against `opponent`.
  func weight(of label: Int, against opponent: Int, rho: [Rational]) -> Rational {
    self == .balanced ? Rational(1, 2) : rho[label] / (rho[label] + rho[opponent])
  }
}
