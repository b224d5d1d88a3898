import ContrastiveLoss
import ExactArithmetic

/// The downstream quantities of docs/theory.md §4 for the simplex `G*` with uniform `ρ`,
/// reduced by symmetry to one class.
///
/// Every permutation of the classes maps `G*` to itself and leaves `ρ` unchanged, so
/// every class sees the same scores: `1` for its own mean and `−1/(N−1)` for each of the
/// `N − 1` others (the class-level model's class means are the points themselves).
/// The ρ-weighted and balanced N-way losses therefore both equal that one class's loss,
/// and every binary task `{c, c'}` has scores `(1, −1/(N−1))` for either label, so the
/// average binary-task loss equals one two-way loss (proofs/simplex-optimality.md, T3).
/// `DownstreamMetrics` on the dense `G*` computes the same values in `O(N⁴)`; the tests
/// compare the two for small `N`.
public struct SimplexDownstream: Sendable {
  /// The N-way mean-classifier loss `L_sup^μ` (ρ-weighted).
  public let weightedLoss: Interval
  /// The same with uniform class weights, equal to ``weightedLoss`` for uniform `ρ`.
  public let balancedLoss: Interval
  /// The mean-classifier accuracy, decided exactly from the rational scores.
  public let accuracy: Rational
  /// Saunshi et al.'s average binary-task loss.
  public let averageBinaryLoss: Interval

  /// Error bound: the outward rounding of one ``MeanClassifierLoss`` evaluation at `precision` bits.
  /// - Complexity: O(N) interval operations.
  public init(model: UniformModel) {
    let n = model.classes
    let precision = model.precision
    let s = Interval(model.scale, precision: precision)
    let own = Rational(1)
    let other = model.simplexOffDiagonal
    let scores =
      [Interval(own, precision: precision)]
      + Array(
        repeating: Interval(other, precision: precision), count: n - 1)
    weightedLoss = MeanClassifierLoss.loss(innerProducts: scores, label: 0, scale: s)
    balancedLoss = weightedLoss
    accuracy = other < own ? 1 : 0
    averageBinaryLoss = MeanClassifierLoss.loss(innerProducts: Array(scores.prefix(2)), label: 0, scale: s)
  }
}
