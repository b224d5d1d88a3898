import ExactArithmetic
import Foundation
import LatentClassTheory
import XCTest

final class DownstreamAndBoundsTests: XCTestCase {
  func testSimplexDownstreamMatchesClosedForms() {
    for (classes, scale) in [(2, Rational(1)), (10, Rational(1)), (7, Rational(5, 2))] {
      let model = UniformModel(classes: classes, scale: scale, precision: 128)
      let downstream = DownstreamMetrics(
        model: .uniformClassLevel(classes: classes), gram: model.simplexGram, scale: scale, precision: 128)
      let binary = AverageBinaryTaskLoss.of(gram: model.simplexGram, rho: model.rho, scale: scale, precision: 128)
      let gap = scale.approximateDouble * Double(classes) / Double(classes - 1)
      XCTAssertEqual(downstream.weightedLoss.approximateDouble, log1p(Double(classes - 1) * exp(-gap)), accuracy: 1e-14)
      XCTAssertTrue(downstream.weightedLoss.overlaps(downstream.balancedLoss))
      XCTAssertEqual(binary.approximateDouble, log1p(exp(-gap)), accuracy: 1e-14)
      XCTAssertEqual(downstream.accuracy, 1)
    }
  }

  /// Two classes, ρ = (3/4, 1/4): both ordered pairs are the one task {0, 1}, so the average is that
  /// task's loss, `w₀·log(1 + e^{−1}) + w₁·log(1 + e^{−1/4})` with the weights the choice names.
  func testBinaryTaskWeightingWeighsTheTwoClassesOfATask() {
    let gram = RationalMatrix([[1, 0], [0, Rational(1, 4)]])
    let rho = [Rational(3, 4), Rational(1, 4)]
    let (first, second) = (log1p(exp(-1.0)), log1p(exp(-0.25)))
    for (weighting, expected) in [
      (BinaryTaskWeighting.restrictedRho, 0.75 * first + 0.25 * second), (.balanced, 0.5 * first + 0.5 * second),
    ] {
      let loss = AverageBinaryTaskLoss.of(gram: gram, rho: rho, scale: 1, precision: 128, weighting: weighting)
      XCTAssertEqual(loss.approximateDouble, expected, accuracy: 1e-14, weighting.rawValue)
    }
  }

  func testTiedClassesCountAsErrors() {
    // Two identical class vectors: the mean classifier cannot separate them.
    let gram = RationalMatrix([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    let rho = [Rational(1, 2), Rational(1, 4), Rational(1, 4)]
    let downstream = DownstreamMetrics(model: try! .classLevel(rho: rho), gram: gram, scale: 1, precision: 64)
    XCTAssertEqual(downstream.accuracy, Rational(1, 4))
  }

  /// Coverage against a count of all `N^d` draw sequences that hit every class.
  /// Many draws: the `[1 − 2^N (1 − 1/N)^d, 1]` shortcut must contain the exact coverage,
  /// computed here by the coupon-collector recurrence over the number of classes seen.
  func testCoverageOfManyDrawsContainsTheExactValue() {
    for (classes, draws) in [(5, 100), (5, 600), (10, 1200), (3, 300)] {
      // seen[m] = P(exactly m distinct classes after the draws so far).
      var seen = [Rational](repeating: 0, count: classes + 1)
      seen[0] = 1
      for _ in 0..<draws {
        var next = [Rational](repeating: 0, count: classes + 1)
        for m in 0...classes where seen[m].signum != 0 {
          next[m] += seen[m] * Rational(m, classes)
          if m < classes { next[m + 1] += seen[m] * Rational(classes - m, classes) }
        }
        seen = next
      }
      let enclosure = CollisionCoverageBounds.coverage(classes: classes, draws: draws, precision: 128)
      XCTAssertTrue(enclosure?.contains(seen[classes]) ?? false, "N=\(classes) d=\(draws)")
      XCTAssertLessThan(enclosure?.width ?? 1, 1e-35, "N=\(classes) d=\(draws)")
    }
  }

  func testCoverageMatchesBruteForce() {
    for (classes, draws) in [(2, 1), (2, 2), (3, 3), (3, 5), (4, 6)] {
      let total = Int(pow(Double(classes), Double(draws)))
      let hits = (0..<total).filter { code in
        var seen = Set<Int>()
        var rest = code
        for _ in 0..<draws {
          seen.insert(rest % classes)
          rest /= classes
        }
        return seen.count == classes
      }.count
      let exact = Rational(hits, total)
      let enclosure = CollisionCoverageBounds.coverage(classes: classes, draws: draws, precision: 128)
      if hits == 0 {
        XCTAssertNil(enclosure, "N=\(classes) d=\(draws)")
      } else {
        XCTAssertTrue(
          enclosure?.contains(exact) ?? false, "N=\(classes) d=\(draws): \(String(describing: enclosure)) vs \(exact)")
      }
    }
  }

  /// The bounds are upper bounds on the downstream loss of any representation, so
  /// at the optimum they must lie above its true downstream loss.
  func testPriorBoundsLieAboveTheOptimumsDownstreamLoss() {
    let model = UniformModel(classes: 10, scale: 1, precision: 128)
    let verification = UniformVerification(model: model, negatives: [1, 5, 9, 10, 20, 50, 100, 1000])
    let truth = verification.downstream.weightedLoss
    for row in verification.rows {
      XCTAssertEqual(Interval.compare(row.bounds.ash, truth), .greater, "Ash, k = \(row.negatives)")
      if row.negatives + 1 < 10 {
        XCTAssertNil(row.bounds.arora)
        XCTAssertNil(row.bounds.nozawa)
      } else {
        XCTAssertEqual(Interval.compare(row.bounds.arora!, truth), .greater, "Arora, k = \(row.negatives)")
        XCTAssertEqual(Interval.compare(row.bounds.nozawa!, truth), .greater, "Nozawa, k = \(row.negatives)")
      }
    }
    // The collision–coverage trade-off: for large k the bounds grow with k.
    let ash = verification.rows.map(\.bounds.ash)
    XCTAssertEqual(Interval.compare(ash[5], ash[7]), .less)
  }
}
