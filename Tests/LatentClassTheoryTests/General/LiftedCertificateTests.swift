import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// proofs/lifted-certificate.md: a class-level certificate lifted to the points of a non-overlapping model.
final class LiftedCertificateTests: XCTestCase {
  private func owner(of model: LatentClassModel) -> [Int] {
    (0..<model.pointCount).map { model.classes(containing: $0)[0] }
  }

  /// Lemma 1, against the point-level engine itself: at `lift(g)` the point-level loss is the
  /// class-level loss and the gradient is `D(x) D(z) C_class`.
  func testPointLevelEngineAtALiftMatchesTheLemma() throws {
    try forEachSeed(6) { random, seed in
      let model = try ModelSpecification.pointLevel(
        rho: [Rational(1 + Int(random.next() % 3), 6), Rational(1, 6), Rational(5 - Int(random.next() % 3), 6)]
          .normalizedForTest, pointsPerClass: 2, within: .random(seed: random.next() % 100))
      let classModel = try XCTUnwrap(model.collapsed)
      let owner = owner(of: model)
      let g = RandomModels.gram(rows: classModel.pointCount, using: &random)
      let k = 1 + Int(random.next() % 3)
      let scale = Rational(1 + Int(random.next() % 2))
      let classLoss = PopulationLoss(
        problem: ContrastiveProblem(model: classModel, negatives: k, scale: scale), engine: .multinomial)
      let pointLoss = PopulationLoss(
        problem: ContrastiveProblem(model: model, negatives: k, scale: scale), engine: .multinomial)
      let atClass = classLoss.enclose(gram: g, precision: 96)
      let atPoints = pointLoss.enclose(gram: CollapseCheck.lift(g, owner: owner), precision: 96)
      XCTAssertTrue(atPoints.loss.overlaps(atClass.loss), seed)
      for x in 0..<model.pointCount {
        for z in 0..<model.pointCount {
          let weight = model.withinClass[owner[x]][x] * model.withinClass[owner[z]][z]
          let predicted = Interval(weight, precision: 96) * atClass.gradient[owner[x]][owner[z]]
          XCTAssertTrue(atPoints.gradient[x][z].overlaps(predicted), "\(seed) entry (\(x), \(z))")
        }
      }
    }
  }

  /// Lemma 2, decided by exact LDLᵀ: `A + diag λ ⪰ 0` (here singular: `A = B Bᵀ − diag λ` with `B`
  /// of rank 1) lifts to `P A Pᵀ + diag(D(x) λ_{c(x)}) ⪰ 0`.
  func testDualProofLiftsExactly() throws {
    try forEachSeed(8) { random, seed in
      let model = try ModelSpecification.pointLevel(
        rho: [Rational(1, 2), Rational(1, 3), Rational(1, 6)], pointsPerClass: 1 + Int(random.next() % 3),
        within: .random(seed: random.next() % 100))
      let owner = owner(of: model)
      let b = (0..<3).map { _ in random.smallRational(bound: 5) }
      let lambda = (0..<3).map { _ in Rational(Int(random.next() % 4), 1 + Int(random.next() % 3)) }
      let a = RationalMatrix(rows: 3, columns: 3) { b[$0] * b[$1] - ($0 == $1 ? lambda[$0] : .zero) }
      let m = model.pointCount
      let lifted = RationalMatrix(rows: m, columns: m) { x, z in
        model.withinClass[owner[x]][x] * model.withinClass[owner[z]][z] * a[owner[x], owner[z]]
          + (x == z ? model.withinClass[owner[x]][x] * lambda[owner[x]] : .zero)
      }
      XCTAssertTrue(lifted.semidefinitenessCertificate().isPositiveSemidefinite, seed)
    }
  }

  /// The lifted certificate against a point-level certificate computed on its own (solver, point-level
  /// engine, point-level LDLᵀ): their certified intervals `[lower bound, L_hi]` for the same minimum meet.
  func testLiftedCertificateAgreesWithAnIndependentPointLevelCertificate() throws {
    let model = try ModelSpecification.pointLevel(
      rho: [Rational(2, 3), Rational(1, 3)], pointsPerClass: 2, within: .random(seed: 3))
    let comparisons = CollapseCheck.compareOptima(model: model, ks: [1, 2], scale: 1)
    let independent = GeneralVerification.run(model: model, ks: [1, 2], scale: 1, locate: false)
    for (comparison, own) in zip(comparisons, independent) {
      let lifted = comparison.pointLevel.certificate
      XCTAssertEqual(lifted.gap, comparison.classLevel.certificate.gap)
      XCTAssertEqual(lifted.gram.rows, model.pointCount)
      let liftedLow = try XCTUnwrap(lifted.lowerBound)
      let ownLow = try XCTUnwrap(own.certificate.lowerBound)
      XCTAssertLessThanOrEqual(liftedLow, try XCTUnwrap(own.certificate.loss.upperBound), "k = \(own.negatives)")
      XCTAssertLessThanOrEqual(ownLow, try XCTUnwrap(lifted.loss.upperBound), "k = \(own.negatives)")
    }
  }
}

extension Array where Element == Rational {
  /// The entries divided by their sum (a random weight vector made a distribution).
  fileprivate var normalizedForTest: [Rational] {
    let total = reduce(Rational.zero, +)
    return map { $0 / total }
  }
}
