import ExactArithmetic
import Foundation
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The pieces of ``OptimumRefinement``: the analytic Jacobian and the in-place MPFR gradient.
final class RefinementTests: XCTestCase {
  /// The analytic Jacobian against central differences of the `Double` residual (error about `1e-9`
  /// at step `1e-5`), at random points with active and inactive rows.
  func testAnalyticJacobianMatchesCentralDifferences() throws {
    try forEachSeed(6) { random, seed in
      let model = try RandomModels.model(classes: 2 + Int(random.next() % 2), points: 3, using: &random)
      let k = 1 + Int(random.next() % 3)
      let loss = PopulationLoss(
        problem: ContrastiveProblem(model: model, negatives: k, scale: Rational(1 + Int(random.next() % 2))),
        engine: .multinomial)
      let rank = 1 + Int(random.next() % 3)
      let active = (0..<3).map { _ in random.next() % 2 == 0 }
      let system = OptimalitySystem(loss: loss, rank: rank, active: active, workingPrecision: 128)
      let unknowns = 3 * rank + active.filter { $0 }.count
      let x = (0..<unknowns).map { _ in Double.random(in: -0.6...0.6, using: &random) }
      let jacobian = system.jacobian(at: x)
      let h = 1e-5
      for u in 0..<unknowns {
        var plus = x
        var minus = x
        plus[u] += h
        minus[u] -= h
        let (fp, fm) = (system.residual(plus), system.residual(minus))
        for e in fp.indices {
          XCTAssertEqual(jacobian[e][u], (fp[e] - fm[e]) / (2 * h), accuracy: 1e-7, "\(seed) ∂F_\(e)/∂x_\(u)")
        }
      }
    }
  }

  /// The in-place gradient encloses the same values as the generic engine (through ``NCELoss``) and
  /// is about as tight.
  func testInPlaceGradientAgreesWithTheEngine() throws {
    try forEachSeed(6) { random, seed in
      let (problem, gram) = try RandomModels.problemAndGram(maximumNegatives: 4, using: &random)
      let table = MultinomialEngine(problem: problem)
      let entries = (0..<3).map { i in (0..<3).map { Interval(gram[i, $0], precision: 160) } }
      let prepared: MultinomialEngine.Prepared<Interval> = table.prepared(precision: 160)
      let generic = table.evaluate(problem, gram: entries, prepared: prepared, precision: 160).gradient
      let inPlace = table.refinementGradient(problem, gram: entries, prepared: prepared, precision: 160).gradient
      for i in 0..<3 {
        for j in 0..<3 {
          XCTAssertTrue(inPlace[i][j].overlaps(generic[i][j]), "\(seed) (\(i), \(j))")
          XCTAssertLessThan(inPlace[i][j].width, 1e-40, "\(seed) (\(i), \(j))")
        }
      }
    }
  }

  /// A refined row reaches the residual the certificate needs in at most three MPFR steps (the
  /// `Double` steps take it to `Double`'s floor, each MPFR step then gains about twelve digits).
  func testRefinementConvergesInFewMPFRSteps() throws {
    let model = try LatentClassModel.classLevel(rho: [
      Rational(11, 20), Rational(1, 4), Rational(3, 20), Rational(1, 20),
    ])
    let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 6, scale: 2))
    let solution = GramSolver().solve(loss)
    let refinement = try XCTUnwrap(OptimumRefinement(loss, solution: solution, precision: 128))
    XCTAssertLessThanOrEqual(refinement.steps, 3)
    XCTAssertLessThan(refinement.residual, pow(2, -136))
  }
}
