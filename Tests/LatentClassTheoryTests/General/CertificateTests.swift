import ExactArithmetic
import TestSupport
import XCTest

@testable import LatentClassTheory

/// docs/theory.md §6 certificates, checked against T2 (the simplex, whose optimal value is known in closed form).
final class CertificateTests: XCTestCase {
  /// docs/theory.md §3 method 1:
  /// `Σ_j C(k,j) N^{−j}(1−1/N)^{k−j} log(1 + j + (k−j)a)`, `a = e^{−sN/(N−1)}`,
  /// written out here independently of the engines.
  private func simplexLoss(classes n: Int, negatives k: Int, scale: Rational) -> Interval {
    let precision = 128
    let a = Interval.exp(-Interval(scale * Rational(n, n - 1), precision: precision))
    var total = Interval(0)
    for j in 0...k {
      let weight = Rational(BigInt.binomial(k, j)) * Rational(1, n).power(j) * Rational(n - 1, n).power(k - j)
      total = total + Interval(weight, precision: precision) * Interval.log1p(Interval(j) + Interval(k - j) * a)
    }
    return total
  }

  func testUniformRhoCertifiesTheSimplexThroughTheGeneralPath() throws {
    let n = 4
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, n), count: n))
    let rows = GeneralVerification.run(model: model, ks: [1, 2, 3], scale: 1, gapTolerance: Rational("1e-9")!)
    for row in rows {
      let exact = simplexLoss(classes: n, negatives: row.negatives, scale: 1)
      XCTAssertEqual(row.status, .verified, "k=\(row.negatives)")
      // L* = L(simplex) must lie in [lower bound, L_hi(Ĝ)].
      let lower = try XCTUnwrap(row.certificate.lowerBound)
      XCTAssertTrue(
        Interval(lower: lower, upper: row.certificate.loss.upperBound!, precision: 128).overlaps(exact),
        "k=\(row.negatives)")
      for i in 0..<n {
        for j in 0..<n {
          XCTAssertEqual(row.certificate.gram[i, j].approximateDouble, i == j ? 1 : -1.0 / 3, accuracy: 1e-5)
        }
      }
    }
  }

  /// Soundness on a bad point: certifying `G = 0` must not claim a gap below `L(0) − L*`.
  func testCertificateOfANonOptimalPointIsHonest() throws {
    let n = 3
    let model = try LatentClassModel.classLevel(rho: Array(repeating: Rational(1, n), count: n))
    let k = 2
    let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 1))
    let zero = GramSolver.Solution(
      factor: Array(repeating: Array(repeating: 0, count: n), count: n), loss: 0, gradientNorm: 1, iterations: 0,
      converged: false)
    let certificate = OptimalityCertificate.certify(loss, solution: zero)
    let optimum = simplexLoss(classes: n, negatives: k, scale: 1)
    XCTAssertTrue(certificate.loss.overlaps(Interval.log1p(Interval(k))))  // L(0) = log(1 + k)
    if let lower = certificate.lowerBound {
      XCTAssertLessThanOrEqual(lower, optimum.upperBound!)
    }
    XCTAssertFalse(certificate.certifies(gapAtMost: Rational(1, 100)))
  }

  /// Any certified lower bound, even from a poor point, is below every feasible loss.
  func testLowerBoundsFromRandomPointsStayBelowTheOptimum() throws {
    var generator = SplitMix64(seed: 99)
    let model = try LatentClassModel.classLevel(rho: ModelSpecification.rho("1/2,1/3,1/6"))
    let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 2, scale: 2))
    let optimum = OptimalityCertificate.certify(loss, solution: GramSolver().solve(loss))
    XCTAssertTrue(optimum.certifies(gapAtMost: Rational("1e-9")!))
    for trial in 0..<5 {
      let v = RandomModels.factor(rows: 3, columns: 3, using: &generator)
      let point = GramSolver.Solution(
        factor: (0..<3).map { i in (0..<3).map { v[i, $0].approximateDouble } }, loss: 0, gradientNorm: 1,
        iterations: 0,
        converged: false)
      let certificate = OptimalityCertificate.certify(loss, solution: point)
      if let lower = certificate.lowerBound {
        XCTAssertLessThanOrEqual(lower, optimum.loss.upperBound!, "trial \(trial)")
      }
      XCTAssertGreaterThanOrEqual(certificate.loss.upperBound!, optimum.lowerBound!, "trial \(trial)")
    }
  }

  /// Narrowing the dual shift (asked for by a `targetGap` the first certificate misses) never widens
  /// the gap, and every narrowed lower bound stays below the refined optimum's certified loss.
  func testNarrowedShiftTightensTheGapAndStaysBelowTheOptimum() throws {
    var generator = SplitMix64(seed: 7)
    let model = try LatentClassModel.classLevel(rho: ModelSpecification.rho("1/2,1/4,1/8,1/8"))
    for k in [3, 9] {
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 2), engine: .laplace)
      let solution = GramSolver().solve(loss)
      let rows = GeneralVerification.run(model: model, ks: [k], scale: 2)
      let optimumHigh = try XCTUnwrap(rows[0].certificate.loss.upperBound)
      let plain = OptimalityCertificate.certify(loss, solution: solution)
      let narrowed = OptimalityCertificate.certify(loss, solution: solution, targetGap: 0)
      XCTAssertLessThanOrEqual(try XCTUnwrap(narrowed.gap), try XCTUnwrap(plain.gap), "k = \(k)")
      XCTAssertLessThanOrEqual(try XCTUnwrap(narrowed.lowerBound), optimumHigh, "k = \(k)")
      // Poor points need large shifts, where the bisection has the most room.
      let v = RandomModels.factor(rows: 4, columns: 4, using: &generator)
      let point = GramSolver.Solution(
        factor: (0..<4).map { i in (0..<4).map { 0.9 * v[i, $0].approximateDouble } }, loss: 0, gradientNorm: 1,
        iterations: 0, converged: false)
      if let lower = OptimalityCertificate.certify(loss, solution: point, targetGap: 0).lowerBound {
        XCTAssertLessThanOrEqual(lower, optimumHigh, "k = \(k), random point")
      }
    }
  }
}
