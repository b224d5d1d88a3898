import Foundation
import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// The downstream metrics on a representation whose values docs/theory.md gives in closed form:
/// ten classes collapsed onto the vertices of the regular simplex (T1 + T2).
final class EvaluationTests: XCTestCase {
  /// `N` unit vectors in `R^N` with pairwise inner product `−1/(N−1)`: centred basis vectors, rescaled.
  static func simplex(_ classes: Int) -> [Float] {
    let n = Double(classes)
    let scale = (n / (n - 1)).squareRoot()
    return (0..<classes).flatMap { vertex in
      (0..<classes).map { axis in Float(scale * ((vertex == axis ? 1 : 0) - 1 / n)) }
    }
  }

  /// `perClass` images of every class, each mapped exactly to its class's vertex.
  static func collapsed(classes: Int, perClass: Int) -> (features: [Float], labels: [Int]) {
    let vertices = simplex(classes)
    let labels = (0..<classes * perClass).map { $0 % classes }
    return (labels.flatMap { vertices[$0 * classes..<($0 + 1) * classes] }, labels)
  }

  func testMeanClassifierOnTheSimplexMatchesTheClosedForm() {
    let (features, labels) = Self.collapsed(classes: 10, perClass: 5)
    let classifier = MeanClassifier(features: features, labels: labels, classCount: 10, dimension: 10)
    let result = classifier.evaluate(
      features: features, labels: labels, scale: 1, classWeights: Array(repeating: 0.1, count: 10))
    // docs/theory.md §4: L_sup^μ(simplex) = log(1 + (N−1) e^{−s N/(N−1)}).
    let expected = Foundation.log(1 + 9 * Foundation.exp(-10.0 / 9))
    XCTAssertEqual(result.accuracy, 1)
    XCTAssertEqual(result.loss, expected, accuracy: 1e-5)
    XCTAssertEqual(result.balancedLoss, expected, accuracy: 1e-5)
  }

  /// Class 0 is always right and class 1 always wrong: ρ moves the loss between them.
  func testMeanClassifierLossIsWeightedByRho() {
    let classifier = MeanClassifier(features: [1, 0, 0, 1], labels: [0, 1], classCount: 2, dimension: 2)
    let features: [Float] = [1, 0, 1, 0]  // both inputs sit on class 0's mean
    let labels = [0, 1]
    let right = Foundation.log(1 + Foundation.exp(-1.0))
    let wrong = Foundation.log(1 + Foundation.exp(1.0))
    let skewed = classifier.evaluate(features: features, labels: labels, scale: 1, classWeights: [0.9, 0.1])
    XCTAssertEqual(skewed.loss, 0.9 * right + 0.1 * wrong, accuracy: 1e-6)
    XCTAssertEqual(skewed.balancedLoss, 0.5 * right + 0.5 * wrong, accuracy: 1e-6)
    XCTAssertEqual(skewed.accuracy, 0.5)
  }

  func testGeometryOfTheSimplex() {
    let (features, labels) = Self.collapsed(classes: 10, perClass: 5)
    let classifier = MeanClassifier(features: features, labels: labels, classCount: 10, dimension: 10)
    let geometry = RepresentationGeometry(classifier: classifier, testFeatures: features, testLabels: labels)
    XCTAssertEqual(geometry.withinClassSpread, 0, accuracy: 1e-12)
    XCTAssertEqual(geometry.betweenClassSpread, 1, accuracy: 1e-5, "unit vectors centred at the origin")
    XCTAssertEqual(geometry.simplexCosine, -1.0 / 9)
    XCTAssertEqual(geometry.cosineMaxAbsDeviation, 0, accuracy: 1e-5)
    for norm in geometry.classMeanNorms { XCTAssertEqual(norm, 1, accuracy: 1e-5) }
  }

  /// docs/theory.md §3 reference value `L_10(simplex) = 1.594133…` (N = 10, s = 1) must
  /// fall inside the Monte-Carlo confidence interval.
  func testNCEEstimateCoversTheReferenceLoss() {
    let (features, labels) = Self.collapsed(classes: 10, perClass: 5)
    var generator = SplitMix64(seed: 61)
    let estimate = NCETestEstimate(
      features: features, labels: labels, dimension: 10, negatives: 10, scale: 1, draws: 20_000, using: &generator)
    XCTAssertLessThan(estimate.lower95, 1.594133274495953)
    XCTAssertGreaterThan(estimate.upper95, 1.594133274495953)
    XCTAssertLessThan(estimate.upper95 - estimate.lower95, 0.01)
  }

  func testLinearProbeSeparatesNoisyClusters() {
    var generator = SplitMix64(seed: 62)
    let vertices = Self.simplex(4)
    let labels = (0..<200).map { $0 % 4 }
    let features = labels.flatMap { label in
      (0..<4).map { vertices[label * 4 + $0] + 0.2 * generator.gaussian() }
    }
    let probe = LinearProbe(
      features: features, labels: labels, classCount: 4, dimension: 4, epochs: 20, using: &generator)
    XCTAssertGreaterThan(probe.accuracy(features: features, labels: labels), 0.95)
  }
}
