import ExactArithmetic
import LatentClassTheory
import XCTest

/// `GeneralVerification.run` solves ahead of its certificates: when a warm start fails and the
/// cold retry is kept, the later rows must be those of a chain restarted from the cold solution.
final class WarmStartRestartTests: XCTestCase {
  func testAKeptColdSolutionRestartsTheChain() throws {
    // Three equally likely classes: a start with classes 0 and 1 at one point is a saddle the
    // solver cannot leave (their gradients stay equal), so k = 2 fails warm and is solved cold.
    let model = LatentClassModel.uniformClassLevel(classes: 3)
    let saddle: [[Double]] = [[1, 0, 0], [1, 0, 0], [-1, 0, 0]]
    let rows = GeneralVerification.run(model: model, ks: [1, 2, 3], scale: 1) { $0 == 2 ? saddle : nil }
    XCTAssertTrue(rows.allSatisfy { $0.status == .verified }, "\(rows.map(\.status))")
    let stuck = GramSolver().solve(
      PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 2, scale: 1)), start: saddle)
    let plainStuck = OptimalityCertificate.certify(
      PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 2, scale: 1)), solution: stuck)
    XCTAssertFalse(plainStuck.certifies(gapAtMost: Defaults.gapTolerance), "the saddle must not certify")

    // k = 2 is the cold solve, and k = 3 continues from it.
    let cold = GramSolver().solve(PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 2, scale: 1)))
    XCTAssertEqual(
      rows[1].certificate.gram, GeneralVerification.run(model: model, ks: [2], scale: 1)[0].certificate.gram)
    let continued = GeneralVerification.run(model: model, ks: [3], scale: 1) { _ in cold.factor }
    XCTAssertEqual(rows[2].certificate.gram, continued[0].certificate.gram)
    XCTAssertEqual(rows[2].solverIterations, continued[0].solverIterations)
  }
}
