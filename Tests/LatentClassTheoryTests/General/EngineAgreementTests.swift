import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The engines of docs/theory.md §3 against its reference values (method 1) and against each other.
final class EngineAgreementTests: XCTestCase {
  /// The regular simplex Gram matrix `N/(N−1)·I − 1/(N−1)·J`.
  private func simplex(_ n: Int) -> RationalMatrix {
    RationalMatrix(rows: n, columns: n) { i, j in i == j ? 1 : Rational(-1, n - 1) }
  }

  /// docs/theory.md §3 method 1, N = 10, s = 1 (reference digits from the spec, computed independently of this code).
  func testLaplaceEnclosesSimplexReferenceValues() throws {
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, 10), count: 10))
    let references: [(Int, String)] = [
      (1, "0.3254295018436390649873374129"), (2, "0.5729143646400687745827701184"),
      (10, "1.594133274495953314409986677"), (100, "3.703221492070737383345047915"),
    ]
    for (k, digits) in references {
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 1), engine: .laplace)
      let enclosure = loss.enclose(gram: simplex(10), precision: 96).loss
      let reference = Rational(digits)!
      let slack = Rational(1, 1_000_000_000_000_000_000)  // the reference is rounded to 28 digits
      XCTAssertTrue(
        enclosure.overlaps(Interval(lower: reference - slack, upper: reference + slack, precision: 128)),
        "k=\(k): \(enclosure)")
      XCTAssertLessThan(enclosure.width, 1e-11, "k=\(k)")
    }
  }

  func testMultinomialEnclosesSimplexReferenceValues() throws {
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, 10), count: 10))
    for (k, digits) in [(1, "0.3254295018436390649873374129"), (2, "0.5729143646400687745827701184")] {
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 1), engine: .multinomial)
      // The accurate enclosure is the MPFR enumeration a refined certificate uses.
      let enclosure = loss.enclose(gram: simplex(10), precision: 96, accurate: true).loss
      let reference = Rational(digits)!
      let slack = Rational("1e-27")!  // the reference is rounded to 28 digits
      XCTAssertTrue(
        enclosure.overlaps(Interval(lower: reference - slack, upper: reference + slack, precision: 128)),
        "k=\(k): \(enclosure)")
      XCTAssertLessThan(enclosure.width, 1e-20)
    }
  }
}

/// Property tests: the engines agree on random small models, and the gradient is the derivative.
final class EngineCrossCheckTests: XCTestCase {
  func testMultinomialAndLaplaceEnclosuresOverlapOnRandomModels() throws {
    for seed in UInt64(1)...6 {
      var generator = SplitMix64(seed: seed)
      let model = try RandomModels.model(classes: 2 + Int(seed % 2), points: 3, using: &generator)
      let gram = RandomModels.gram(rows: model.pointCount, using: &generator)
      let k = 1 + Int(seed % 3)
      let scale = [Rational(1, 2), 1, 2][Int(seed % 3)]
      let problem = ContrastiveProblem(model: model, negatives: k, scale: scale)
      let exact = PopulationLoss(problem: problem, engine: .multinomial).enclose(gram: gram, precision: 96)
      let laplace = PopulationLoss(problem: problem, engine: .laplace).enclose(gram: gram, precision: 96)
      XCTAssertTrue(exact.loss.overlaps(laplace.loss), "seed \(seed): \(exact.loss) vs \(laplace.loss)")
      XCTAssertLessThan(laplace.loss.width, 1e-9, "seed \(seed)")
      for i in 0..<gram.rows {
        for j in 0..<gram.rows {
          XCTAssertTrue(exact.gradient[i][j].overlaps(laplace.gradient[i][j]), "seed \(seed) entry (\(i),\(j))")
          XCTAssertLessThan(laplace.gradient[i][j].width, 1e-9, "seed \(seed) entry (\(i),\(j))")
        }
      }
    }
  }

  /// `⟨C, H⟩` against a central difference of `L_k` along a symmetric `H` (the documented convention).
  func testGradientIsTheDirectionalDerivative() throws {
    for seed in UInt64(11)...14 {
      var generator = SplitMix64(seed: seed)
      let model = try RandomModels.model(classes: 2, points: 3, using: &generator)
      let gram = RandomModels.gram(rows: 3, using: &generator).entries.map { $0.approximateDouble }
      let direction = RandomModels.gram(rows: 3, using: &generator).entries.map { $0.approximateDouble }
      func matrix(_ flat: [Double]) -> [[Double]] { (0..<3).map { Array(flat[3 * $0..<3 * $0 + 3]) } }
      for engine in [ExpectationEngine.multinomial, .laplace] {
        let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 3, scale: 1), engine: engine)
        let at: LossAndGradient<Double> = loss.evaluate(gram: matrix(gram))
        let h = 1e-5
        let plus: LossAndGradient<Double> = loss.evaluate(gram: matrix(zip(gram, direction).map { $0 + h * $1 }))
        let minus: LossAndGradient<Double> = loss.evaluate(gram: matrix(zip(gram, direction).map { $0 - h * $1 }))
        let difference = (plus.loss - minus.loss) / (2 * h)
        let predicted = zip(at.gradient.flatMap { $0 }, direction).reduce(0) { $0 + $1.0 * $1.1 }
        XCTAssertEqual(predicted, difference, accuracy: 1e-7, "seed \(seed) \(engine)")
      }
    }
  }
}
