import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The certificate's enclosure spreads the Laplace pairs over the cores; its bits must not depend on that.
final class ParallelEnclosureTests: XCTestCase {
  /// `LaplaceEngine.enclose` (pairs on every core) and the one-thread generic `evaluate` give
  /// endpoint-for-endpoint the same loss and gradient enclosures.
  func testParallelEnclosureIsTheSequentialEvaluationBitForBit() throws {
    try forEachSeed(3) { random, seed in
      let model = try RandomModels.model(
        classes: 2, points: 3 + Int(random.next() % 2), using: &random)
      let problem = ContrastiveProblem(model: model, negatives: 1 + Int(random.next() % 20), scale: 1)
      let gram = RandomModels.gram(rows: model.pointCount, using: &random)
      let entries = (0..<gram.rows).map { i in (0..<gram.columns).map { Interval(gram[i, $0], precision: 96) } }
      let engine = LaplaceEngine(tolerance: 1e-10)
      let parallel = engine.enclose(problem, gram: entries, precision: 96)
      let sequential: LossAndGradient<Interval> = engine.evaluate(problem, gram: entries, precision: 96)
      func endpoints(_ x: Interval) -> [Rational?] { [x.lowerBound, x.upperBound] }
      XCTAssertEqual(endpoints(parallel.loss), endpoints(sequential.loss), seed)
      XCTAssertNotNil(parallel.loss.lowerBound, seed)
      for (p, s) in zip(parallel.gradient.joined(), sequential.gradient.joined()) {
        XCTAssertEqual(endpoints(p), endpoints(s), seed)
      }
    }
  }
}
