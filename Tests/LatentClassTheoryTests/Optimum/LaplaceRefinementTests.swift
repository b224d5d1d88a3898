import ExactArithmetic
import Foundation
import TestSupport
import XCTest

@testable import LatentClassTheory

/// Newton's refinement on the Laplace engine (``RefinementEvaluations/quadrature(_:working:)``), held
/// against the multinomial engine, which shares no code with it below the exponentiated gaps.
final class LaplaceRefinementTests: XCTestCase {
  /// The quadrature's Hessians in the log-gaps against the enumerated softmax covariances at random
  /// models and Gram matrices.
  func testLogGapHessiansMatchEnumeration() throws {
    try forEachSeed(4) { random, seed in
      let (problem, rational) = try RandomModels.problemAndGram(maximumNegatives: 6, using: &random)
      let table = MultinomialEngine(problem: problem)
      let gram = rational.approximateDoubles
      let enumerated = table.logGapHessians(problem, gram: gram, prepared: table.prepared(precision: 53))
      let quadrature = LaplaceEngine().logGapHessians(problem, gram: gram)
      for (pair, (exact, integrated)) in zip(enumerated, quadrature).enumerated() {
        for z in 0..<3 {
          for w in 0..<3 {
            XCTAssertEqual(integrated[z][w], exact[z][w], accuracy: 1e-10, "\(seed) pair \(pair) B[\(z)][\(w)]")
          }
        }
      }
    }
  }

  /// On seeded 4-class models small enough for both engines, the refined Laplace row certifies a gap
  /// far below the unrefined one, and its `Ĝ` agrees modulo `J` with the multinomial engine's refined `Ĝ`.
  func testRefinedLaplaceRowAgreesWithTheMultinomialEngine() throws {
    try forEachSeed(2) { random, seed in
      let rho = (0..<4).map { _ in Int(random.next() % 5) + 1 }
      let model = try LatentClassModel.classLevel(rho: rho.map { Rational($0, rho.reduce(0, +)) })
      let problem = ContrastiveProblem(model: model, negatives: 2 + Int(random.next() % 5), scale: 2)
      let laplace = PopulationLoss(problem: problem, engine: .laplace)
      let solution = GramSolver().solve(laplace)
      let plain = OptimalityCertificate.certify(laplace, solution: solution, precision: 128)
      let (_, refined) = try XCTUnwrap(
        GeneralVerification.refinedCertificate(
          laplace, gram: solution.gram, precision: 128, gapTolerance: Defaults.gapTolerance),
        seed)
      let plainGap = try XCTUnwrap(plain.gap, seed)
      let refinedGap = try XCTUnwrap(refined.gap, seed)
      XCTAssertLessThan(refinedGap, plainGap / 1_000_000, seed)
      XCTAssertLessThan(refinedGap.approximateDouble, 1e-25, seed)

      let multinomial = PopulationLoss(problem: problem, engine: .multinomial)
      let enumerated = try XCTUnwrap(
        OptimumRefinement(multinomial, solution: GramSolver().solve(multinomial), precision: 128), seed)
      let other = enumerated.factor * enumerated.factor.transposed
      let difference = (0..<4).map { i in (0..<4).map { (refined.gram[i, $0] - other[i, $0]).approximateDouble } }
      let mean = difference.joined().reduce(0, +) / 16
      for i in 0..<4 {
        for j in 0..<4 { XCTAssertEqual(difference[i][j] - mean, 0, accuracy: 1e-20, "\(seed) (\(i), \(j))") }
      }
    }
  }

  /// Refining on demand decides a C1 pair that the unrefined Laplace rows leave undecided, and
  /// every refined row stays verified and is located more tightly.
  func testRefiningOnDemandDecidesAnUndecidedPair() throws {
    let model = try LatentClassModel.classLevel(rho: [
      Rational(11, 20), Rational(1, 4), Rational(3, 20), Rational(1, 20),
    ])
    let rows = GeneralVerification.run(model: model, ks: [30, 31], scale: 2, engine: .laplace)
    XCTAssertEqual(GeneralVerification.verdicts(rows), [.undecided])
    let refined = GeneralVerification.refiningUndecidedPairs(rows, model: model, scale: 2)
    XCTAssertNotEqual(GeneralVerification.verdicts(refined), [.undecided])
    for (before, after) in zip(rows, refined) {
      XCTAssertNotNil(after.refinement)
      XCTAssertEqual(after.status, .verified)
      XCTAssertLessThan(
        try XCTUnwrap(after.location?.distanceBound), try XCTUnwrap(before.location?.distanceBound) / 1_000_000)
    }
  }
}
