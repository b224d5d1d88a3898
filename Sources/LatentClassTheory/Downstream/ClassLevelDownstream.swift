import ContrastiveLoss
import ExactArithmetic

/// Downstream performance of a class-level representation (theory.md §4): every
/// input of class `c` is the point `v_c`, so the class means are the `v_c`
/// themselves and all scores come from the Gram matrix.
public struct ClassLevelDownstream: Sendable {
  /// `L_sup^μ`, the N-way mean-classifier loss averaged with the class weights `ρ`.
  public let weightedLoss: Interval
  /// The same loss averaged with uniform class weights.
  public let balancedLoss: Interval
  /// Mean-classifier accuracy with the weights `ρ`, exact (ties count as errors).
  public let accuracy: Rational
  /// Saunshi et al.'s average binary-task loss: over ordered class pairs `c ≠ c'`
  /// drawn from `ρ²` and conditioned on being distinct, the binary mean-classifier
  /// loss of the task `{c, c'}` with its classes weighted by `ρ` restricted to the pair.
  public let averageBinaryLoss: Interval

  /// Evaluates every quantity through ``MeanClassifierLoss``.
  ///
  /// Error bound: interval arithmetic at `precision` bits on `O(N²)` terms.
  /// - Complexity: O(N²) loss evaluations for the N-way losses, O(N²) for the pairs.
  public init(gram: RationalMatrix, rho: [Rational], scale: Rational, precision: Int) {
    let n = rho.count
    precondition(gram.rows == n && gram.isSquare, "Gram matrix and ρ disagree on the number of classes")
    let s = Interval(scale, precision: precision)
    let scores = (0..<n).map { c in (0..<n).map { Interval(gram[c, $0], precision: precision) } }
    let perClass = (0..<n).map { c in MeanClassifierLoss.loss(innerProducts: scores[c], label: c, scale: s) }
    let weights = rho.map { Interval($0, precision: precision) }
    weightedLoss = zip(weights, perClass).reduce(Interval(0)) { $0 + $1.0 * $1.1 }
    balancedLoss = perClass.reduce(Interval(0), +) / Interval(n)
    accuracy = (0..<n).reduce(Rational.zero) { total, c in
      let wins = (0..<n).allSatisfy { $0 == c || gram[c, c] > gram[c, $0] }
      return wins ? total + rho[c] : total
    }
    var binary = Interval(0)
    let distinctMass = 1 - rho.reduce(Rational.zero) { $0 + $1 * $1 }
    for c in 0..<n {
      for other in 0..<n where other != c {
        let pair = [c, other]
        let pairMass = rho[c] + rho[other]
        let taskLoss = pair.reduce(Interval(0)) { total, label in
          let opponent = label == c ? other : c
          let loss = MeanClassifierLoss.loss(
            innerProducts: [scores[label][label], scores[label][opponent]], label: 0, scale: s)
          return total + Interval(rho[label] / pairMass, precision: precision) * loss
        }
        binary = binary + Interval(rho[c] * rho[other] / distinctMass, precision: precision) * taskLoss
      }
    }
    averageBinaryLoss = binary
  }
}
