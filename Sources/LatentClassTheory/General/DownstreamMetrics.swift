import ContrastiveLoss
import ExactArithmetic

/// The downstream quantities of theory.md §4 for a rational Gram matrix, certified.
///
/// The mean-classifier scores `⟨μ_{c'}, f(x)⟩ = Σ_y D_{c'}(y) G_{yx}` are exact
/// rationals, so the accuracy is exact and the losses are enclosures whose only
/// error is the outward rounding of ``MeanClassifierLoss`` at `precision` bits.
public struct DownstreamMetrics: Sendable {
  /// `E_{c~ρ, x~D_c} L_sup^μ(x, c)`.
  public let weightedLoss: Interval
  /// The same with uniform class weights `1/N`.
  public let balancedLoss: Interval
  /// `P_{c~ρ, x~D_c}(argmax_{c'} ⟨μ_{c'}, f(x)⟩ = c)`, ties counting as errors; exact.
  public let accuracy: Rational
  /// The Gram matrix `⟨μ_c, μ_{c'}⟩` of the class means the mean classifier uses; exact
  /// (see ``LatentClassModel/classMeanGram(_:)``). For the class-level model it is `G` itself.
  public let classMeanGram: RationalMatrix

  /// - Complexity: O(N²·M²) exact operations and O(N²·M) interval operations.
  public init(model: LatentClassModel, gram: RationalMatrix, scale: Rational, precision: Int = Defaults.precision) {
    let n = model.classCount
    let m = model.pointCount
    let s = Interval(scale, precision: precision)
    var weighted = Interval(0)
    var balanced = Interval(0)
    var accuracy = Rational.zero
    for x in 0..<m {
      let scores = (0..<n).map { c in
        (0..<m).reduce(Rational.zero) {
          model.withinClass[c][$1].signum == 0 ? $0 : $0 + model.withinClass[c][$1] * gram[$1, x]
        }
      }
      let enclosed = scores.map { Interval($0, precision: precision) }
      for c in model.classes(containing: x) {
        let probability = model.withinClass[c][x]
        let loss = MeanClassifierLoss.loss(innerProducts: enclosed, label: c, scale: s)
        weighted = weighted + Interval(model.rho[c] * probability, precision: precision) * loss
        balanced = balanced + Interval(probability / Rational(n), precision: precision) * loss
        if (0..<n).allSatisfy({ $0 == c || scores[$0] < scores[c] }) { accuracy += model.rho[c] * probability }
      }
    }
    weightedLoss = weighted
    balancedLoss = balanced
    self.accuracy = accuracy
    classMeanGram = model.classMeanGram(gram)
  }
}
