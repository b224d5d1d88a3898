import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// T1 (collapse), downstream metrics (docs/theory.md §4) and the C1 verdict logic.
final class StructuralTests: XCTestCase {
  func testPointLevelOptimumEqualsClassLevelOptimum() throws {
    let model = try ModelSpecification.pointLevel(
      rho: [Rational(2, 3), Rational(1, 3)], pointsPerClass: 2, within: .random(seed: 3))
    let comparisons = CollapseCheck.compareOptima(model: model, ks: [1, 2], scale: 1, gapTolerance: Rational("1e-8")!)
    XCTAssertEqual(comparisons.count, 2)
    for comparison in comparisons {
      XCTAssertEqual(comparison.pointLevel.status, .verified, "k=\(comparison.negatives)")
      XCTAssertEqual(comparison.classLevel.status, .verified, "k=\(comparison.negatives)")
      XCTAssertEqual(comparison.minimaAgree, .verified, "k=\(comparison.negatives)")
    }
  }

  func testJensenCollapseNeverIncreasesTheLossOnRandomRepresentations() throws {
    let model = try ModelSpecification.pointLevel(
      rho: [Rational(3, 4), Rational(1, 4)], pointsPerClass: 2, within: .random(seed: 5))
    var strictlyBetter = 0
    for seed in UInt64(21)...26 {
      var generator = SplitMix64(seed: seed)
      let gram = RandomModels.gram(rows: model.pointCount, using: &generator)
      let check = CollapseCheck.jensen(gram, model: model, negatives: 1 + Int(seed % 3), scale: 1)
      XCTAssertNotEqual(check.order, .less, "seed \(seed): \(check.original) < \(check.collapsed)")
      if check.order == .greater { strictlyBetter += 1 }
    }
    XCTAssertGreaterThan(strictlyBetter, 0)
  }

  /// docs/theory.md §4: for the simplex and uniform ρ, `L_sup^μ = log(1 + (N−1)e^{−sN/(N−1)})` and accuracy 1.
  func testDownstreamOfTheSimplex() throws {
    let n = 5
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, n), count: n))
    let simplex = RationalMatrix(rows: n, columns: n) { $0 == $1 ? 1 : Rational(-1, n - 1) }
    let metrics = DownstreamMetrics(model: model, gram: simplex, scale: 2)
    let expected = Interval.log1p(Interval(n - 1) * Interval.exp(-Interval(Rational(2 * n, n - 1), precision: 128)))
    XCTAssertTrue(metrics.weightedLoss.overlaps(expected))
    XCTAssertTrue(metrics.balancedLoss.overlaps(expected))
    XCTAssertLessThan(metrics.weightedLoss.width, 1e-20)
    XCTAssertEqual(metrics.accuracy, 1)
  }

  /// `⟨μ_c, μ_d⟩ = Σ D_c(x) D_d(y) G_xy`: `G` itself at class level; by hand for an overlapping model.
  func testClassMeanGram() throws {
    let classLevel = try LatentClassModel.classLevel(rho: [Rational(3, 4), Rational(1, 4)])
    let gram = RationalMatrix([[1, Rational(-1, 3)], [Rational(-1, 3), Rational(1, 2)]])
    XCTAssertEqual(DownstreamMetrics(model: classLevel, gram: gram, scale: 1).classMeanGram, gram)
    // Class 0 uniform on points {0, 1}, class 1 on point 1 alone; points 0 and 1 orthogonal unit vectors.
    let half = Rational(1, 2)
    let overlapping = try LatentClassModel(rho: [half, half], withinClass: [[half, half], [0, 1]])
    let means = overlapping.classMeanGram(.identity(2))
    XCTAssertEqual(means, RationalMatrix([[half, half], [half, 1]]))
  }

  func testDownstreamWeightsAndTies() throws {
    let model = try LatentClassModel.classLevel(rho: [Rational(3, 4), Rational(1, 4)])
    // All scores equal: every prediction is a tie, so accuracy 0 and loss log 2 under both weightings.
    let zero = DownstreamMetrics(model: model, gram: RationalMatrix(rows: 2, columns: 2) { _, _ in 0 }, scale: 1)
    XCTAssertEqual(zero.accuracy, 0)
    XCTAssertTrue(zero.weightedLoss.overlaps(Interval.log1p(Interval(1))))
    // Class 0 at (1, 0), class 1 at (1/2, 0): both score highest on class 0's mean, so only class 0 is right.
    let gram = RationalMatrix([[1, Rational(1, 2)], [Rational(1, 2), Rational(1, 4)]])
    let metrics = DownstreamMetrics(model: model, gram: gram, scale: 1)
    XCTAssertEqual(metrics.accuracy, Rational(3, 4))
    // Class 1's loss log(1 + e^{1/4}) exceeds class 0's log(1 + e^{-1/2}), so balancing raises the loss.
    XCTAssertEqual(Interval.compare(metrics.balancedLoss, metrics.weightedLoss), .greater)
  }
}
