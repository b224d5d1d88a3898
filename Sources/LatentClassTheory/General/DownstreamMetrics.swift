import ContrastiveLoss
import ExactArithmetic

/// The downstream quantities of docs/theory.md §4 for a rational Gram matrix, or for every
/// Gram matrix in a ball around it, certified.
///
/// The mean-classifier scores `⟨μ_{c'}, f(x)⟩ = Σ_y D_{c'}(y) G_{yx}` are exact
/// rationals at the centre, so the accuracy there is exact and the losses are enclosures
/// whose only error is the outward rounding of ``MeanClassifierLoss`` at `precision` bits.
///
/// With a `radius` δ > 0 the losses enclose their values at every `G = Ĝ + Δ` with
/// `|Δ_ij| ≤ δ`: each score moves by at most `δ` (the `D_{c'}` sum to 1), and each score
/// difference by at most `δ Σ_y |D_c(y) − D_{c'}(y)|`, which decides the accuracy range.
/// docs/theory.md §8 uses this to enclose the quantities of the exact optimum.
public struct DownstreamMetrics: Sendable {
  /// `E_{c~ρ, x~D_c} L_sup^μ(x, c)`.
  public let weightedLoss: Interval
  /// The same with uniform class weights `1/N`.
  public let balancedLoss: Interval
  /// `P_{c~ρ, x~D_c}(argmax_{c'} ⟨μ_{c'}, f(x)⟩ = c)` at the centre, ties counting as errors; exact.
  public let accuracy: Rational
  /// The accuracy over the ball: the lower end counts the inputs classified correctly at every
  /// point of it, the upper end those classified correctly at some point. Equal to `accuracy`
  /// when the radius is 0.
  public let accuracyRange: ClosedRange<Rational>
  /// The Gram matrix `⟨μ_c, μ_{c'}⟩` of the class means the mean classifier uses; exact
  /// (see ``LatentClassModel/classMeanGram(_:)``). For the class-level model it is `G` itself.
  public let classMeanGram: RationalMatrix

  /// - Complexity: O(N²·M²) exact operations and O(N²·M) interval operations.
  public init(
    model: LatentClassModel, gram: RationalMatrix, scale: Rational, precision: Int = Defaults.precision,
    radius: Rational = .zero
  ) {
    let n = model.classCount
    let m = model.pointCount
    let s = Interval(scale, precision: precision)
    var weighted = Interval(0)
    var balanced = Interval(0)
    var accuracy = Rational.zero
    var certainlyCorrect = Rational.zero
    var possiblyCorrect = Rational.zero
    let spread = Interval(lower: -radius, upper: radius, precision: precision)
    // How far the difference of the scores of c and c' can move inside the ball: δ Σ_y |D_c(y) − D_c'(y)|,
    // the same for every input.
    let reach = (0..<n).map { c in
      (0..<n).map { other in
        radius
          * (0..<m).reduce(Rational.zero) { $0 + (model.withinClass[c][$1] - model.withinClass[other][$1]).magnitude }
      }
    }
    for x in 0..<m {
      let scores = (0..<n).map { c in
        (0..<m).reduce(Rational.zero) {
          model.withinClass[c][$1].signum == 0 ? $0 : $0 + model.withinClass[c][$1] * gram[$1, x]
        }
      }
      let enclosed = scores.map { Interval($0, precision: precision) + spread }
      for c in model.classes(containing: x) {
        let probability = model.withinClass[c][x]
        let loss = MeanClassifierLoss.loss(innerProducts: enclosed, label: c, scale: s)
        weighted = weighted + Interval(model.rho[c] * probability, precision: precision) * loss
        balanced = balanced + Interval(probability / Rational(n), precision: precision) * loss
        if (0..<n).allSatisfy({ $0 == c || scores[$0] < scores[c] }) { accuracy += model.rho[c] * probability }
        let margins = (0..<n).map { other in (scores[c] - scores[other], reach[c][other]) }
        let others = margins.indices.filter { $0 != c }
        if others.allSatisfy({ margins[$0].0 > margins[$0].1 }) { certainlyCorrect += model.rho[c] * probability }
        if others.allSatisfy({ margins[$0].0 + margins[$0].1 > 0 }) { possiblyCorrect += model.rho[c] * probability }
      }
    }
    accuracyRange = certainlyCorrect...possiblyCorrect
    weightedLoss = weighted
    balancedLoss = balanced
    self.accuracy = accuracy
    classMeanGram = model.classMeanGram(gram)
  }
}
