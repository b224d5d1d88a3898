import ContrastiveLoss
import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The multinomial engine's per-draw loop against its definition, and its `Double` evaluation (the
/// solver's) against its certified enclosure.
final class MultinomialEngineTests: XCTestCase {
  /// `L_k` by the definition the engine's loop computes: every count vector's draw through the
  /// allocating ``NCELoss`` form over every point, weighted and summed in count-vector order.
  private func reference<T: EngineScalar>(
    _ table: MultinomialEngine, _ problem: ContrastiveProblem, gram: [[T]], precision: Int
  ) -> LossAndGradient<T> {
    let s = T(problem.scale, precision: precision)
    let probabilities = table.weights.map { T($0, precision: precision) }
    let expectations = problem.pairs.map { pair -> PairExpectation<T> in
      let gaps = problem.exponentiatedGaps(pair, gram: gram, scale: s)
      var value = T(0)
      var derivatives = [T](repeating: T(0), count: gaps.count)
      for (v, counts) in table.counts.enumerated() {
        let draw = NCELoss.lossAndGradient(exponentiatedGaps: gaps, multiplicities: counts.map { T($0) }, scale: T(1))
        value = value + probabilities[v] * draw.loss
        for z in counts.indices where counts[z] != 0 {
          derivatives[z] = derivatives[z] + probabilities[v] * draw.negatives[z]
        }
      }
      return PairExpectation(value: value, logGapDerivatives: derivatives)
    }
    return problem.assemble(expectations, precision: precision)
  }

  /// Random models of 3 to 6 points (sparse count vectors) with 1 to 6 negatives, and feasible Grams.
  private func forEachProblem(
    _ body: (_ problem: ContrastiveProblem, _ table: MultinomialEngine, _ gram: RationalMatrix, _ seed: String) throws
      -> Void
  ) throws {
    try forEachSeed(12) { random, seed in
      let points = 3 + Int(random.next() % 4)
      let model = try RandomModels.model(classes: 2 + Int(random.next() % 2), points: points, using: &random)
      let problem = ContrastiveProblem(
        model: model, negatives: 1 + Int(random.next() % 6), scale: [Rational(1, 2), 1, 2][Int(random.next() % 3)])
      try body(problem, MultinomialEngine(problem: problem), RandomModels.gram(rows: points, using: &random), seed)
    }
  }

  /// The engine skips the points a count vector does not hold and allocates nothing per draw; it must
  /// still round exactly as the definition does, in `Double` and in `Interval` (the certified outputs'
  /// bits depend on it).
  func testEvaluationHasTheBitsOfTheDefinition() throws {
    try forEachProblem { problem, table, gram, seed in
      let m = gram.rows
      let doubles = (0..<m).map { i in (0..<m).map { gram[i, $0].approximateDouble } }
      let fast = table.evaluate(problem, gram: doubles, prepared: table.prepared(precision: 53), precision: 53)
      let slow = reference(table, problem, gram: doubles, precision: 53)
      XCTAssertEqual(fast.loss.bitPattern, slow.loss.bitPattern, "\(seed) Double loss")
      for (i, (a, b)) in zip(fast.gradient.joined(), slow.gradient.joined()).enumerated() {
        XCTAssertEqual(a.bitPattern, b.bitPattern, "\(seed) Double gradient \(i)")
      }

      let intervals = (0..<m).map { i in (0..<m).map { Interval(gram[i, $0], precision: 128) } }
      let enclosure = table.evaluate(problem, gram: intervals, prepared: table.prepared(precision: 128), precision: 128)
      let definition = reference(table, problem, gram: intervals, precision: 128)
      func same(_ a: Interval, _ b: Interval) -> Bool { a.lowerBound == b.lowerBound && a.upperBound == b.upperBound }
      XCTAssertTrue(same(enclosure.loss, definition.loss), "\(seed) Interval loss")
      for (i, (a, b)) in zip(enclosure.gradient.joined(), definition.gradient.joined()).enumerated() {
        XCTAssertTrue(same(a, b), "\(seed) Interval gradient \(i)")
      }
    }
  }

  /// The solver's `Double` evaluation lies within rounding of the certified enclosure, and the
  /// `DoubleInterval` evaluation encloses the same values.
  func testDoubleEvaluationAgreesWithTheEnclosure() throws {
    try forEachProblem { problem, table, gram, seed in
      let m = gram.rows
      let loss = PopulationLoss(problem: problem, engine: .multinomial)
      let double: LossAndGradient<Double> = loss.evaluate(
        gram: (0..<m).map { i in (0..<m).map { gram[i, $0].approximateDouble } })
      let enclosure = loss.enclose(gram: gram, precision: 128, accurate: true)
      let coarse = table.evaluate(
        problem, gram: (0..<m).map { i in (0..<m).map { DoubleInterval(gram[i, $0]) } },
        prepared: table.prepared(precision: 53), precision: 53)
      func check(_ value: Double, _ fast: DoubleInterval, _ exact: Interval, _ what: String) {
        XCTAssertLessThan(exact.width, 1e-30, "\(seed) \(what)")
        XCTAssertEqual(value, exact.approximateDouble, accuracy: 1e-13 * max(1, abs(value)), "\(seed) \(what)")
        XCTAssertTrue(Interval(fast, precision: 128).overlaps(exact), "\(seed) \(what)")
        XCTAssertLessThan(fast.width, 1e-12 * max(1, abs(value)), "\(seed) \(what)")
      }
      check(double.loss, coarse.loss, enclosure.loss, "loss")
      for i in 0..<m {
        for j in 0..<m { check(double.gradient[i][j], coarse.gradient[i][j], enclosure.gradient[i][j], "(\(i), \(j))") }
      }
    }
  }
}
