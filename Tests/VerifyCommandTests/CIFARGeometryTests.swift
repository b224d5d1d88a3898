import ExactArithmetic
import Foundation
import TrainingResults
import XCTest

@testable import CIFARStudy
@testable import Reports

/// The comparison's split of the learned class-mean geometry into a common offset
/// and a centred shape, on class means built by hand.
final class CIFARGeometryTests: XCTestCase {
  func testAShiftedSimplexHasItsOffsetAndAPerfectCentredShape() throws {
    // μ_c = 0.7 v_c + o in R⁴: v_c the regular simplex (e_c − 1/4, normalised; Σ v_c = 0)
    // and o = 0.6 · (1, 1, 1, 1)/2, orthogonal to every v_c.
    let n = 4
    let simplex = (0..<n).map { c in (0..<n).map { i in (i == c ? 1 : 0) - 0.25 } }.map { vector in
      let length = vector.map { $0 * $0 }.reduce(0, +).squareRoot()
      return vector.map { $0 / length }
    }
    let means = simplex.map { vector in vector.map { 0.7 * $0 + 0.6 * 0.5 } }
    let dot = { (a: [Double], b: [Double]) in zip(a, b).map(*).reduce(0, +) }
    let norms = means.map { dot($0, $0).squareRoot() }
    let cosines = means.indices.map { i in means.indices.map { j in dot(means[i], means[j]) / (norms[i] * norms[j]) } }

    let sweep = try SweepResult.load(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks-md/data/cifar10-sweep.json"))
    var run = sweep.runs[0]
    run.evaluation.geometry.classMeanNorms = norms
    run.evaluation.geometry.classMeanCosines = cosines
    let simplexGram = RationalMatrix(rows: n, columns: n) { i, j in i == j ? Rational(1) : Rational(-1, 3) }
    let row = CIFARComparison.Row(run: run, optimumLoss: nil, optimumGram: simplexGram)

    XCTAssertEqual(row.commonOffsetNorm, 0.6, accuracy: 1e-12)
    let raw = try XCTUnwrap(row.cosineDeviationFromOptimum)
    // Learned cosines (0.49 · (−1/3) + 0.36) / 0.85 against −1/3.
    XCTAssertEqual(raw.mean, (0.49 * (-1.0 / 3) + 0.36) / 0.85 + 1.0 / 3, accuracy: 1e-12)
    let centred = try XCTUnwrap(row.centeredCosineDeviationFromOptimum)
    XCTAssertEqual(centred.maximum, 0, accuracy: 1e-12, "without the offset the shape is the simplex")
  }

  func testCentringRemovesOnlyTheMean() {
    // Two vectors (1, 0) and (0, 1): mean (1/2, 1/2); centred (1/2, −1/2) and (−1/2, 1/2).
    let centred = CIFARComparison.centered([[1, 0], [0, 1]])
    XCTAssertEqual(centred, [[0.5, -0.5], [-0.5, 0.5]])
    XCTAssertEqual(CIFARComparison.cosines(centred)[0][1], -1, accuracy: 1e-15)
  }

  /// The long-tailed sweep's NCE loss is estimated on the balanced test set, so its floor is the
  /// uniform model's (docs/theory.md §10): for k = 1, by docs/theory.md §3,
  /// `L_1(simplex) = (1 − 1/N)·log(1 + a) + (1/N)·log 2` with `a = e^{−sN/(N−1)}`, N = 10, s = 10.
  func testLongTailedFloorIsTheBalancedTestSetsFloor() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("notebooks-md/data/cifar10-longtail-sweep.json")
    var sweep = try SweepResult.load(contentsOf: url)
    sweep.runs = sweep.runs.filter { $0.negatives == 1 }  // one k keeps the general certificate cheap
    let comparison = CIFARComparison(sweep: sweep, precision: 64)
    XCTAssertFalse(comparison.isUniform)
    let a = Foundation.exp(-100.0 / 9)
    let expected = 0.9 * Foundation.log(1 + a) + 0.1 * Foundation.log(2.0)
    let row = try XCTUnwrap(comparison.rows.first { $0.run.negatives == 1 })
    XCTAssertEqual(try XCTUnwrap(row.optimumLoss).approximateDouble, expected, accuracy: 1e-12)
    XCTAssertNotNil(row.optimumGram, "the geometry is still compared with the training distribution's optimum")
  }

  /// With one k every seed's geometry is shown (its spread over seeds); with several k, the first
  /// seed of each.
  func testGeometrySectionShowsEverySeedOfASingleK() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("notebooks-md/data/cifar10-long-augment.json")
    var sweep = try SweepResult.load(contentsOf: url)
    XCTAssertEqual(sweep.runs.map(\.seed), [0, 1])
    let single = CIFARGeometryMarkdown.section(CIFARComparison(sweep: sweep, precision: 64))
    XCTAssertTrue(single.contains("**k = 64, seed 0**") && single.contains("**k = 64, seed 1**"), single)
    let legends = CIFARGeometryMarkdown.figures(CIFARComparison(sweep: sweep, precision: 64)).map(\.svg)
    XCTAssertTrue(legends.allSatisfy { $0.contains("seed 1, test set") })

    sweep.runs += sweep.runs.map { run in
      var other = run
      other.negatives = 16
      return other
    }
    let several = CIFARGeometryMarkdown.section(CIFARComparison(sweep: sweep, precision: 64))
    XCTAssertTrue(several.contains("**k = 16, seed 0**") && several.contains("**k = 64, seed 0**"), several)
    XCTAssertFalse(several.contains("seed 1**"), several)
  }
}
