import ContrastiveLoss
import ExactArithmetic
import Foundation
import IntervalLoss
import TestSupport
import XCTest

final class NCELossTests: XCTestCase {
  func testLossFromTheDefinition() {
    // ℓ = log(1 + e^{s(g₁−g⁺)} + e^{s(g₂−g⁺)}) written out by hand.
    let expected = log(1 + exp(2 * (0.25 - 0.5)) + exp(2 * (-0.5 - 0.5)))
    XCTAssertEqual(NCELoss.loss(positive: 0.5, negatives: [0.25, -0.5], scale: 2.0), expected, accuracy: 1e-15)
    XCTAssertEqual(NCELoss.loss(positive: 0.3, negatives: [Double](), scale: 1.0), 0)
  }

  func testMultiplicitiesEqualRepeatedNegatives() {
    forEachSeed(50) { random, seed in
      let positive = Double.random(in: -1...1, using: &random)
      let values = (0..<3).map { _ in Double.random(in: -1...1, using: &random) }
      let counts = (0..<3).map { _ in Int.random(in: 0...4, using: &random) }
      let s = Double.random(in: 0.1...10, using: &random)
      let repeated = zip(values, counts).flatMap { Array(repeating: $0, count: $1) }
      let gaps = values.map { NCELoss.exponentiatedGap(positive: positive, negative: $0, scale: s) }
      XCTAssertEqual(
        NCELoss.loss(exponentiatedGaps: gaps, multiplicities: counts.map(Double.init)),
        NCELoss.loss(positive: positive, negatives: repeated, scale: s), accuracy: 1e-12, seed)
    }
  }

  func testGradientMatchesFiniteDifferences() {
    forEachSeed(50) { random, seed in
      let positive = Double.random(in: -1...1, using: &random)
      let negatives = (0..<Int.random(in: 1...6, using: &random)).map { _ in Double.random(in: -1...1, using: &random) }
      let s = Double.random(in: 0.1...10, using: &random)
      let (_, dPositive, dNegatives) = NCELoss.lossAndGradient(positive: positive, negatives: negatives, scale: s)
      let h = 1e-6
      let numeric = { (p: Double, n: [Double]) in NCELoss.loss(positive: p, negatives: n, scale: s) }
      XCTAssertEqual(
        dPositive, (numeric(positive + h, negatives) - numeric(positive - h, negatives)) / (2 * h), accuracy: 1e-6, seed
      )
      for i in negatives.indices {
        var up = negatives
        var down = negatives
        up[i] += h
        down[i] -= h
        XCTAssertEqual(
          dNegatives[i], (numeric(positive, up) - numeric(positive, down)) / (2 * h), accuracy: 1e-6, "\(seed) i=\(i)")
      }
    }
  }

  /// The same generic formula in Float, Double and certified intervals: the
  /// interval encloses the Double value, and Float agrees to single precision.
  func testScalarTypesAgree() {
    forEachSeed(30) { random, seed in
      let positive = Double(Int.random(in: -64...64, using: &random)) / 64
      let negatives = (0..<5).map { _ in Double(Int.random(in: -64...64, using: &random)) / 64 }
      let s = Double(Int.random(in: 1...40, using: &random)) / 4
      let double = NCELoss.loss(positive: positive, negatives: negatives, scale: s)
      let float = NCELoss.loss(positive: Float(positive), negatives: negatives.map(Float.init), scale: Float(s))
      let interval = NCELoss.loss(
        positive: Interval(exactly: positive), negatives: negatives.map { Interval(exactly: $0) },
        scale: Interval(exactly: s))
      XCTAssertEqual(Double(float), double, accuracy: 1e-5 * max(1, double), seed)
      XCTAssertEqual(interval.approximateDouble, double, accuracy: 1e-13 * max(1, double), seed)
      XCTAssertLessThan(interval.width, 1e-13, seed)
    }
  }

  /// The allocation-free form over the support against the allocating form over every negative: the
  /// same bits in `Double`, `Float` and `Interval` (it leaves out only exact `+ 0`); in `DoubleInterval`,
  /// derivatives inside the allocating form's and a loss enclosure that overlaps it (`log1p`'s
  /// mean-value form is not monotone under inclusion).
  func testSupportFormMatchesTheAllocatingForm() {
    forEachSeed(200) { random, seed in
      let m = Int.random(in: 1...7, using: &random)
      let gaps = (0..<m).map { _ in exp(Double.random(in: -4...4, using: &random)) }
      // Many zero counts, as in the multinomial engine's sparse count vectors.
      let counts = (0..<m).map { _ in Bool.random(using: &random) ? 0 : Int.random(in: 1...20, using: &random) }
      let support = counts.indices.filter { counts[$0] != 0 }
      let s = Double(Int.random(in: 1...8, using: &random)) / 4
      let weight = Double.random(in: 0...1, using: &random)

      func check<T: LossScalar>(
        _ type: T.Type, convert: (Double) -> T, same: (T, T) -> Bool, sameLoss: ((T, T) -> Bool)? = nil,
        _ what: String
      ) {
        let converted = gaps.map(convert)
        let multiplicities = counts.map { T($0) }
        let full = NCELoss.lossAndGradient(
          exponentiatedGaps: converted, multiplicities: multiplicities, scale: convert(s))
        var accumulated = [T?](repeating: nil, count: m)
        let loss = NCELoss.lossAndGradient(
          exponentiatedGaps: converted, multiplicities: multiplicities, support: support, scale: convert(s)
        ) { i, derivative in
          XCTAssertNil(accumulated[i], "\(what) \(seed): index \(i) visited twice")
          accumulated[i] = derivative
        }
        XCTAssertTrue(sameLoss.map { $0(loss, full.loss) } ?? same(loss, full.loss), "\(what) \(seed): loss")
        for i in 0..<m {
          if let derivative = accumulated[i] {
            XCTAssertTrue(same(derivative, full.negatives[i]), "\(what) \(seed): derivative \(i)")
          } else {
            XCTAssertEqual(counts[i], 0, "\(what) \(seed): index \(i) with n > 0 not visited")
          }
        }
      }

      check(Double.self, convert: { $0 }, same: { $0.bitPattern == $1.bitPattern }, "Double")
      check(Float.self, convert: { Float($0) }, same: { $0.bitPattern == $1.bitPattern }, "Float")
      // 96-bit gaps against 64-bit counts: a left-out `0 · e_i` would round at 96 bits like the others.
      check(
        Interval.self, convert: { Interval(exactly: $0).rounded(toPrecision: 96) },
        same: { $0.lowerBound == $1.lowerBound && $0.upperBound == $1.upperBound }, "Interval")
      check(
        DoubleInterval.self, convert: { DoubleInterval(exactly: $0) },
        same: { $1.lower <= $0.lower && $0.upper <= $1.upper },
        sameLoss: { $0.lower <= $1.upper && $1.lower <= $0.upper }, "DoubleInterval")

      // Both forms round as the definition written out in this order does (the certified outputs depend
      // on it); accumulating `weight · derivative` as the engine does gives those derivatives times
      // `weight`, and the enclosures agree with the Double values to rounding.
      var competition = 0.0
      for i in 0..<m { competition = competition + Double(counts[i]) * gaps[i] }
      let double = (
        loss: Foundation.log1p(competition),
        negatives: (0..<m).map { s * Double(counts[$0]) * gaps[$0] / (1 + competition) }
      )
      var sums = [Double](repeating: 0, count: m)
      let loss = NCELoss.lossAndGradient(
        exponentiatedGaps: gaps, multiplicities: counts.map(Double.init), support: support, scale: s
      ) { i, derivative in sums[i] += weight * derivative }
      XCTAssertEqual(loss.bitPattern, double.loss.bitPattern, "\(seed): loss by definition")
      for i in 0..<m { XCTAssertEqual(sums[i], weight * double.negatives[i], "\(seed): weighted \(i)") }
      let interval = NCELoss.lossAndGradient(
        exponentiatedGaps: gaps.map { Interval(exactly: $0) }, multiplicities: counts.map { Interval($0) },
        support: support, scale: Interval(exactly: s)
      ) { i, derivative in
        XCTAssertEqual(derivative.approximateDouble, double.negatives[i], accuracy: 1e-15, "\(seed): enclosure \(i)")
        XCTAssertLessThan(derivative.width, 1e-17, "\(seed): enclosure \(i)")
      }
      XCTAssertEqual(interval.approximateDouble, double.loss, accuracy: 1e-14 * max(1, double.loss), "\(seed): loss")
      XCTAssertLessThan(interval.width, 1e-16 * max(1, double.loss), "\(seed): loss")
    }
  }

  func testMeanClassifierLossIsSoftmaxCrossEntropy() {
    let scores = [0.9, -0.2, 0.1, 0.4]
    for label in scores.indices {
      let logits = scores.map { 3 * $0 }
      let expected = log(logits.map(exp).reduce(0, +)) - logits[label]
      XCTAssertEqual(
        MeanClassifierLoss.loss(innerProducts: scores, label: label, scale: 3.0), expected, accuracy: 1e-14)
    }
  }
}
