import ContrastiveLoss
import ExactArithmetic

/// Saunshi et al.'s average binary-task loss of a class-level representation
/// (docs/theory.md §4): over ordered class pairs `c ≠ c'` drawn from `ρ²` and conditioned
/// on being distinct, the binary mean-classifier loss of the task `{c, c'}`, with the
/// task's two classes weighted as `weighting` says (the choice recorded in docs/theory.md §11;
/// for uniform `ρ` every reading agrees).
public enum AverageBinaryTaskLoss {
  /// An enclosure of the loss for the class-level Gram matrix `gram`.
  ///
  /// Error bound: outward rounding of ``MeanClassifierLoss`` on `O(N²)` terms at `precision` bits.
  /// - Complexity: O(N²) two-way losses.
  public static func of(
    gram: RationalMatrix, rho: [Rational], scale: Rational, precision: Int,
    weighting: BinaryTaskWeighting = Defaults.binaryTaskWeighting
  ) -> Interval {
    let n = rho.count
    precondition(gram.rows == n && gram.isSquare, "Gram matrix and ρ disagree on the number of classes")
    let s = Interval(scale, precision: precision)
    let distinctMass = 1 - rho.reduce(Rational.zero) { $0 + $1 * $1 }
    var total = Interval(0)
    for c in 0..<n {
      for other in 0..<n where other != c {
        var taskLoss = Interval(0)
        for (label, opponent) in [(c, other), (other, c)] {
          let scores = [gram[label, label], gram[label, opponent]].map { Interval($0, precision: precision) }
          let loss = MeanClassifierLoss.loss(innerProducts: scores, label: 0, scale: s)
          taskLoss =
            taskLoss + Interval(weighting.weight(of: label, against: opponent, rho: rho), precision: precision) * loss
        }
        total = total + Interval(rho[c] * rho[other] / distinctMass, precision: precision) * taskLoss
      }
    }
    return total
  }
}
