import ExactArithmetic
import Foundation
import TestSupport
import XCTest

@testable import LatentClassTheory

/// The `Double` Laplace kernel against the certified `Interval` evaluation and the generic `Double`
/// quadrature it replaces, and its exponential against libm.
final class DoubleKernelTests: XCTestCase {
  /// Whether `enclosure`, widened by `slack` on each side, contains `value`.
  private func encloses(_ enclosure: Interval, _ value: Double, slack: Double) -> Bool {
    guard let low = enclosure.lowerBound, let high = enclosure.upperBound else { return false }
    let point = Rational(exactly: value)!
    let margin = Rational(exactly: slack)!
    return low - margin <= point && point <= high + margin
  }

  /// On seeded random models, up to `k = 1000` (many doubled panels) and `s = 4` (`y` up to `e^8`, where
  /// the squared entries switch to the `e^{−ty}` form), the enclosure widened by `10^{−13}` relative holds
  /// the kernel's loss and every gradient entry; the enclosures are narrow enough for that to mean something.
  func testKernelLiesInTheIntervalEnclosure() throws {
    for seed in UInt64(1)...8 {
      var generator = SplitMix64(seed: seed)
      let model = try RandomModels.model(classes: 2 + Int(seed % 3), points: 5, using: &generator)
      let gram = RandomModels.gram(rows: model.pointCount, using: &generator).approximateDoubles
      let k = [1, 3, 40, 1000][Int(seed % 4)]
      let scale = [Rational(1, 2), 1, 2, 4][Int(seed / 2 % 4)]
      let problem = ContrastiveProblem(model: model, negatives: k, scale: scale)
      let engine = LaplaceEngine()
      let kernel: LossAndGradient<Double> = engine.evaluate(problem, gram: gram, precision: 53)
      let entries = gram.map { row in row.map { Interval(Rational(exactly: $0)!, precision: 128) } }
      let enclosure = engine.evaluate(problem, gram: entries, precision: 128)
      let size = abs(kernel.loss) + kernel.gradient.flatMap { $0 }.map(abs).max()!
      let slack = 1e-13 * size
      XCTAssertLessThan(enclosure.loss.width, 1e-10 * size, "seed \(seed)")
      XCTAssertTrue(
        encloses(enclosure.loss, kernel.loss, slack: slack), "seed \(seed): \(kernel.loss) ∉ \(enclosure.loss)")
      for i in gram.indices {
        for j in gram.indices {
          XCTAssertLessThan(enclosure.gradient[i][j].width, 1e-10 * size, "seed \(seed) (\(i),\(j))")
          XCTAssertTrue(
            encloses(enclosure.gradient[i][j], kernel.gradient[i][j], slack: slack),
            "seed \(seed) (\(i),\(j)): \(kernel.gradient[i][j]) ∉ \(enclosure.gradient[i][j])")
        }
      }
    }
  }

  /// Against the generic `Double` quadrature, panel for panel: at the default tolerance and at `10^{−15}`,
  /// where panels are bisected (the kernel's second region), the values and derivatives agree to
  /// `10^{−14}` relative.
  func testKernelMatchesTheGenericDoubleQuadrature() {
    var generator = SplitMix64(seed: 42)
    let rules = QuadratureRules<Double>(precision: 53)
    for trial in 0..<12 {
      let m = 1 + trial % 9
      let weights = (0..<m).map { _ in Double.random(in: 0.05...1, using: &generator) }
      let p = weights.map { $0 / weights.reduce(0, +) }
      let y = (0..<m).map { _ in exp(Double.random(in: -6...6, using: &generator)) }
      let k = [1, 2, 9, 150][trial % 4]
      for tolerance in [1e-12, 1e-15] {
        let engine = LaplaceEngine(tolerance: tolerance)
        let generic = engine.pairExpectation(gaps: y, probabilities: p, negatives: k, rules: rules, precision: 53)
        var kernel = DoubleFrullaniKernel(probabilities: p, negatives: k, tolerance: tolerance)
        let fast = kernel.expectation(gaps: y)
        let size = generic.value + generic.logGapDerivatives.map(abs).max()!
        XCTAssertEqual(fast.value, generic.value, accuracy: 1e-14 * size, "trial \(trial) tolerance \(tolerance)")
        for z in 0..<m {
          XCTAssertEqual(
            fast.logGapDerivatives[z], generic.logGapDerivatives[z], accuracy: 1e-14 * size,
            "trial \(trial) tolerance \(tolerance) z \(z)")
        }
      }
    }
  }

  /// A problem large enough for the pairs to be spread over the cores gives the same bits as the pairs
  /// computed one after another by one kernel.
  func testSpreadPairsGiveTheSameBitsAsOneKernel() throws {
    let classes = 64
    XCTAssertGreaterThanOrEqual(classes * classes, LaplaceEngine.parallelWork)
    let model = try LatentClassModel.classLevel(rho: ModelSpecification.rho("zipf:1:\(classes)"))
    let problem = ContrastiveProblem(model: model, negatives: 3, scale: 1)
    let gram = GramSolver.gramMatrix(GramSolver.randomStart(dimension: classes, seed: 5))
    let engine = LaplaceEngine()
    let spread: LossAndGradient<Double> = engine.evaluate(problem, gram: gram, precision: 53)
    var kernel = DoubleFrullaniKernel(
      probabilities: problem.negativeDistribution.map(\.approximateDouble), negatives: 3, tolerance: engine.tolerance)
    let serial = problem.assemble(
      problem.pairs.map { kernel.expectation(gaps: problem.exponentiatedGaps($0, gram: gram, scale: 1.0)) },
      precision: 53)
    XCTAssertEqual(spread.loss.bitPattern, serial.loss.bitPattern)
    XCTAssertEqual(spread.gradient.flatMap { $0 }.map(\.bitPattern), serial.gradient.flatMap { $0 }.map(\.bitPattern))
  }

  /// `e^x` and `e^x − 1` within 2 ulps of libm's on `[−708, 0]` (a grid dense near 0, where `e^x − 1`
  /// must keep its relative accuracy, and around the reduction's switch at `±ln 2 / 2`), and clamped below.
  func testNegativeExponentialAgreesWithLibm() {
    var arguments: [Double] = [0, -0x1p-1074, -1e-300, -1e-20, -1e-9, -0.34657359027997264, -0.3465735902799727, -708]
    for e in -40...9 { arguments += [-exp2(Double(e)), -1.5 * exp2(Double(e))].filter { $0 >= -708 } }
    var generator = SplitMix64(seed: 7)
    arguments += (0..<4000).map { _ in -Double.random(in: 0...708, using: &generator) }
    for chunk in stride(from: 0, to: arguments.count, by: 4) {
      let lanes = (0..<4).map { chunk + $0 < arguments.count ? arguments[chunk + $0] : 0 }
      let (decay, decayMinusOne) = NegativeExponential.exponentials(NegativeExponential.Lanes(lanes))
      for lane in 0..<4 {
        let x = lanes[lane]
        XCTAssertEqual(decay[lane], exp(x), accuracy: 2 * exp(x).ulp, "e^\(x)")
        XCTAssertEqual(decayMinusOne[lane], expm1(x), accuracy: 2 * expm1(x).ulp, "expm1(\(x))")
      }
    }
    let (decay, decayMinusOne) = NegativeExponential.exponentials(
      NegativeExponential.Lanes(-709, -1e4, -.infinity, -800))
    for lane in 0..<4 {
      XCTAssertLessThan(decay[lane], 3.4e-308)
      XCTAssertEqual(decayMinusOne[lane], -1)
    }
  }
}
