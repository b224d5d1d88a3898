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
