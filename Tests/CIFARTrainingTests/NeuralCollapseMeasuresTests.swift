import Foundation
import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// The neural-collapse measures on small configurations whose values follow by hand.
final class NeuralCollapseMeasuresTests: XCTestCase {
  func testCollapsedSimplexHasNoSpreadAndTheSimplexAngles() {
    let (features, labels) = EvaluationTests.collapsed(classes: 10, perClass: 5)
    let measures = NeuralCollapseMeasures(features: features, labels: labels, classCount: 10, dimension: 10)
    XCTAssertEqual(measures.nc1, 0, accuracy: 1e-12)
    XCTAssertEqual(measures.equinorm, 0, accuracy: 1e-6)
    XCTAssertEqual(measures.equiangularity, 0, accuracy: 1e-6)
    XCTAssertEqual(measures.commonOffset, 0, accuracy: 1e-6)
    XCTAssertEqual(measures.nearestCentreAccuracy, 1)
    XCTAssertEqual(measures.nearestCentreAgreement, 1)
    let simplex = (0..<10).map { i in (0..<10).map { j in i == j ? 1 : -1.0 / 9 } }
    XCTAssertEqual(
      try XCTUnwrap(NeuralCollapseMeasures.relativeGramDistance(measures.classMeanGram, to: simplex)), 0, accuracy: 1e-6
    )
  }

  /// Two classes on the x-axis with means (±1, 0); within-class deviations ±(0.5, 1).
  /// Σ_B = diag(1, 0), so Σ_B⁺ = diag(1, 0) and only the x-variance of the deviations,
  /// 0.25, counts: NC1 = 0.25 / 2. The y-spread (variance 1) is invisible to it.
  func testNC1CountsOnlyWithinClassSpreadAlongTheClassMeans() {
    let features: [Float] = [1.5, 1, 0.5, -1, -0.5, 1, -1.5, -1]
    let measures = NeuralCollapseMeasures(features: features, labels: [0, 0, 1, 1], classCount: 2, dimension: 2)
    XCTAssertEqual(measures.nc1, 0.125, accuracy: 1e-12)
    XCTAssertEqual(measures.nearestCentreAccuracy, 1)
    XCTAssertEqual(measures.commonOffset, 0, accuracy: 1e-12)
  }

  /// One point per class at (1, 0), (0, 1), (0, 0): centred means (2, −1)/3, (−1, 2)/3,
  /// (−1, −1)/3 with norms √5/3, √5/3, √2/3 and cosines −4/5, −1/√10, −1/√10.
  func testEquinormEquiangularityAndOffsetOfThreeUnequalMeans() {
    let measures = NeuralCollapseMeasures(
      features: [1, 0, 0, 1, 0, 0], labels: [0, 1, 2], classCount: 3, dimension: 2)
    let norms = [Double(5).squareRoot() / 3, Double(5).squareRoot() / 3, Double(2).squareRoot() / 3]
    let mean = norms.reduce(0, +) / 3
    let deviation = (norms.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
    XCTAssertEqual(measures.equinorm, deviation / mean, accuracy: 1e-12)
    let offSimplex = [
      abs(-0.8 + 0.5), abs(-1 / Double(10).squareRoot() + 0.5), abs(-1 / Double(10).squareRoot() + 0.5),
    ]
    XCTAssertEqual(measures.equiangularity, offSimplex.reduce(0, +) / 3, accuracy: 1e-12)
    XCTAssertEqual(measures.commonOffset, Double(2).squareRoot() / 3, accuracy: 1e-12)
    XCTAssertEqual(measures.nc1, 0, "one point per class: no within-class spread")
    XCTAssertEqual(measures.classMeanGram, [[1, 0, 0], [0, 1, 0], [0, 0, 0]])
  }

  /// Means (2, 0) and (0.5, 0): the class-1 points (0.4, 0), (0.6, 0) are nearest to their
  /// own mean, but their inner product with (2, 0) is larger, so the mean classifier and
  /// the nearest centre disagree on exactly those two of four points.
  func testNearestCentreAgreementSeesUnequalNorms() {
    let features: [Float] = [2, 0, 2, 0, 0.4, 0, 0.6, 0]
    let measures = NeuralCollapseMeasures(features: features, labels: [0, 0, 1, 1], classCount: 2, dimension: 2)
    XCTAssertEqual(measures.nearestCentreAccuracy, 1)
    XCTAssertEqual(measures.nearestCentreAgreement, 0.5)
  }

  func testGramDistancesScaleAndIgnoreJ() throws {
    let simplex = (0..<4).map { i in (0..<4).map { j in i == j ? 1 : -1.0 / 3 } }
    let halved = simplex.map { $0.map { $0 / 2 } }
    XCTAssertEqual(
      try XCTUnwrap(NeuralCollapseMeasures.relativeGramDistance(halved, to: simplex)), 0.5, accuracy: 1e-15)
    // G + 0.3·J: the plain distance is ‖0.3·J‖_F / ‖G*‖_F = 1.2 / √(4 + 12/9); modulo J it is 0.
    let shifted = simplex.map { $0.map { $0 + 0.3 } }
    XCTAssertEqual(
      try XCTUnwrap(NeuralCollapseMeasures.relativeGramDistance(shifted, to: simplex)),
      1.2 / (4 + 12.0 / 9).squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(
      try XCTUnwrap(NeuralCollapseMeasures.centredRelativeGramDistance(shifted, to: simplex)), 0, accuracy: 1e-15)
    XCTAssertNil(NeuralCollapseMeasures.relativeGramDistance([[1]], to: simplex), "sizes differ")
  }

  /// The tridiagonal [[2,1,0],[1,2,1],[0,1,2]] has eigenvalues 2 − √2, 2, 2 + √2.
  func testEigenDecompositionOfATridiagonalMatrix() {
    let matrix: [[Double]] = [[2, 1, 0], [1, 2, 1], [0, 1, 2]]
    let decomposition = SymmetricEigenDecomposition(matrix)
    let expected = [2 - Double(2).squareRoot(), 2, 2 + Double(2).squareRoot()]
    for (value, truth) in zip(decomposition.values, expected) { XCTAssertEqual(value, truth, accuracy: 1e-14) }
    for (value, vector) in zip(decomposition.values, decomposition.vectors) {
      for row in 0..<3 {
        let product = (0..<3).reduce(0) { $0 + matrix[row][$1] * vector[$1] }
        XCTAssertEqual(product, value * vector[row], accuracy: 1e-14)
      }
      XCTAssertEqual(vector.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-14)
    }
  }
}
