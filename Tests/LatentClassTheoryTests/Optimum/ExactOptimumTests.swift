import ExactArithmetic
import Foundation
import TestSupport
import XCTest

@testable import LatentClassTheory

/// docs/theory.md §8: the curvature bound, the localization theorem and the refined optimum.
final class ExactOptimumTests: XCTestCase {
  // MARK: - Independent second derivatives

  /// `∂²L(G)[H, H]` by a central second difference of the `Double` loss (error about `1e-7`).
  private func secondDerivative(_ loss: PopulationLoss, _ g: [[Double]], _ h: [[Double]]) -> Double {
    let step = 1e-4
    func value(_ t: Double) -> Double {
      let moved = zip(g, h).map { zip($0, $1).map { $0 + t * $1 } }
      let evaluation: LossAndGradient<Double> = loss.evaluate(gram: moved)
      return evaluation.loss
    }
    return (value(step) - 2 * value(0) + value(-step)) / (step * step)
  }

  /// The lower-bound form `s² Σ w Σ_z c_z (H_xz − H_xx⁺)²` at the midpoints of the engine's curvature weights.
  private func lowerBoundForm(_ loss: PopulationLoss, gram: RationalMatrix, _ h: [[Double]]) -> Double {
    let problem = loss.problem
    let weights = loss.curvatureWeights(gram: gram, precision: 64)
    let s = problem.scale.approximateDouble
    var total = 0.0
    for (pair, c) in zip(problem.pairs, weights) {
      for z in 0..<problem.dimension {
        let difference = h[pair.anchor][z] - h[pair.anchor][pair.positive]
        total += s * s * pair.weight.approximateDouble * c[z].approximateDouble * difference * difference
      }
    }
    return total
  }

  private func randomSymmetric(_ m: Int, using generator: inout SplitMix64) -> [[Double]] {
    var h = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    for i in 0..<m {
      for j in i..<m {
        h[i][j] = Double.random(in: -1...1, using: &generator)
        h[j][i] = h[i][j]
      }
    }
    return h
  }

  /// The form keeps only the variance pairs that involve the positive: it is below the Hessian, and
  /// equal to it for k = 1, where the softmax has just the positive and one negative.
  func testLowerBoundFormIsBelowTheHessianAndExactForOneNegative() throws {
    try forEachSeed(12) { random, seed in
      let model = try RandomModels.model(classes: 2 + Int(random.next() % 2), points: 3, using: &random)
      let k = 1 + Int(random.next() % 3)
      let scale = Rational(1 + Int(random.next() % 2))
      let loss = PopulationLoss(
        problem: ContrastiveProblem(model: model, negatives: k, scale: scale), engine: .multinomial)
      let gram = RandomModels.gram(rows: model.pointCount, using: &random)
      let h = randomSymmetric(model.pointCount, using: &random)
      let form = lowerBoundForm(loss, gram: gram, h)
      let hessian = secondDerivative(loss, gram.approximateDoubles, h)
      XCTAssertLessThanOrEqual(form, hessian + 1e-6, seed)
      XCTAssertGreaterThan(form, 0, seed)
      if k == 1 { XCTAssertEqual(form, hessian, accuracy: 1e-5 * max(1, hessian), seed) }
    }
  }

  /// The Laplace engine's curvature weights are certified lower bounds of the exact expectations
  /// (multinomial enclosures), and within 20% of them (the √2 panels lose at most a factor 1/√2).
  func testLaplaceCurvatureWeightsAreLowerBounds() throws {
    try forEachSeed(8) { random, seed in
      let model = try RandomModels.model(classes: 2, points: 3, using: &random)
      let problem = ContrastiveProblem(
        model: model, negatives: 1 + Int(random.next() % 6), scale: Rational(1 + Int(random.next() % 4)))
      let gram = RandomModels.gram(rows: 3, using: &random)
      let exact = PopulationLoss(problem: problem, engine: .multinomial).curvatureWeights(gram: gram, precision: 96)
      let laplace = PopulationLoss(problem: problem, engine: .laplace).curvatureWeights(gram: gram, precision: 96)
      for (e, l) in zip(exact.joined(), laplace.joined()) where e.approximateDouble > 0 {
        XCTAssertLessThanOrEqual(l.lowerBound!, e.upperBound!, seed)
        XCTAssertGreaterThan(l.approximateDouble, 0.8 * e.approximateDouble, seed)
      }
    }
  }

  // MARK: - The curvature bound against an independent eigenvalue

  /// The smallest eigenvalue of the `Double` Hessian on `J^⊥`, in Frobenius-orthonormal coordinates,
  /// by bisection on the inertia of `A − σI` (Sylvester: the number of negative LDLᵀ pivots).
  private func smallestEigenvalueOffJ(_ loss: PopulationLoss, gram: [[Double]]) -> Double {
    let m = gram.count
    var basis: [[[Double]]] = []
    for i in 0..<m {
      for j in i..<m {
        var e = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        let weight = i == j ? 1 : 1 / 2.0.squareRoot()
        e[i][j] = weight
        e[j][i] = weight
        basis.append(e)
      }
    }
    let d = basis.count
    var a = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
    for p in 0..<d {
      for q in p..<d {
        let sum = zip(basis[p], basis[q]).map { zip($0, $1).map(+) }
        let difference = zip(basis[p], basis[q]).map { zip($0, $1).map(-) }
        a[p][q] = (secondDerivative(loss, gram, sum) - secondDerivative(loss, gram, difference)) / 4
        a[q][p] = a[p][q]
      }
    }
    // J in these coordinates, normalized; lift it far above the spectrum.
    var j = basis.map { $0.joined().reduce(0, +) }
    let length = j.map { $0 * $0 }.reduce(0, +).squareRoot()
    j = j.map { $0 / length }
    for p in 0..<d { for q in 0..<d { a[p][q] += 1e3 * j[p] * j[q] } }
    func negativePivots(_ sigma: Double) -> Int {
      var s = a
      for p in 0..<d { s[p][p] -= sigma }
      var count = 0
      for p in 0..<d {
        if s[p][p] < 0 { count += 1 }
        for r in (p + 1)..<d {
          let factor = s[r][p] / s[p][p]
          for c in (p + 1)..<d { s[r][c] -= factor * s[p][c] }
        }
      }
      return count
    }
    var (low, high) = (-1.0, 100.0)
    for _ in 0..<60 {
      let middle = (low + high) / 2
      if negativePivots(middle) > 0 { high = middle } else { low = middle }
    }
    return low
  }

  func testCurvatureBoundIsBelowTheSmallestEigenvalueAndNotFarBelow() throws {
    try forEachSeed(6) { random, seed in
      let rho = try ModelSpecification.rho(["1/2,1/3,1/6", "1/3,1/3,1/3", "3/5,1/5,1/5"][Int(random.next() % 3)])
      let model = try LatentClassModel.classLevel(rho: rho)
      let k = 1 + Int(random.next() % 3)
      let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: 1), engine: .multinomial)
      let gram = RandomModels.gram(rows: 3, using: &random)
      let mu = try XCTUnwrap(CurvatureCertificate(loss, gram: gram, precision: 96).lowerBound, seed).approximateDouble
      let smallest = smallestEigenvalueOffJ(loss, gram: gram.approximateDoubles)
      XCTAssertLessThanOrEqual(mu, smallest + 1e-6, seed)
      // The form is exact for k = 1 (then μ₀ is 0.9 of it, short-rounded); it keeps a fair share otherwise.
      XCTAssertGreaterThan(mu, (k == 1 ? 0.8 : 0.02) * smallest, seed)
    }
  }

  // MARK: - Localization

  func testLocalizationRefusesWhenTheGapIsTooLarge() {
    // max_r e^{−2sr} μ₀ r²/2 = e^{−2} μ₀ / (2s²) ≈ 6.8e-5 for μ₀ = 1e-3, s = 1.
    XCTAssertNil(
      OptimumLocation.locate(gap: Rational(1, 10_000), curvature: Rational(1, 1000), scale: 1, precision: 128))
    XCTAssertNil(OptimumLocation.locate(gap: Rational(1, 1000), curvature: .zero, scale: 1, precision: 128))
    let location = OptimumLocation.locate(
      gap: Rational(1, 100_000), curvature: Rational(1, 1000), scale: 1, precision: 128)
    let found = try? XCTUnwrap(location)
    XCTAssertNotNil(found)
    if let found {
      // δ² e^{−2sr} μ₀ = 2γ with e^{−2sr} ≤ 1, so δ ≥ (2γ/μ₀)^{1/2}; and δ < r by the theorem.
      XCTAssertGreaterThanOrEqual(found.distanceBound * found.distanceBound * Rational(1, 1000), Rational(2, 100_000))
      XCTAssertLessThan(found.distanceBound, found.cylinderRadius)
    }
  }

  func testAPoorPointIsNeverLocated() throws {
    let model = try LatentClassModel.classLevel(rho: ModelSpecification.rho("1/2,1/3,1/6"))
    let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 2, scale: 2))
    let zero = GramSolver.Solution(
      factor: Array(repeating: [0, 0, 0], count: 3), loss: 0, gradientNorm: 1, iterations: 0, converged: false)
    let certificate = OptimalityCertificate.certify(loss, solution: zero, precision: 128)
    let curvature = try XCTUnwrap(CurvatureCertificate(loss, gram: certificate.gram, precision: 128).lowerBound)
    XCTAssertNil(OptimumLocation.locate(gap: certificate.gap ?? 1, curvature: curvature, scale: 2, precision: 128))
  }

  /// Uniform ρ: the optimum is the simplex (T2), known exactly; the certified ball must contain it,
  /// the tight one of a refined row and the loose one of an unrefined row alike.
  func testLocatedBallContainsTheKnownOptimum() throws {
    let n = 3
    let model = LatentClassModel.uniformClassLevel(classes: n)
    let simplex = RationalMatrix(rows: n, columns: n) { $0 == $1 ? 1 : Rational(-1, n - 1) }
    for (policy, largest) in [(RefinementPolicy.every, Rational(1, 100_000_000_000)), (.needed, Rational(1, 1000))] {
      let rows = GeneralVerification.run(model: model, ks: [1, 3], scale: 1, precision: 128, refinement: policy)
      for row in rows {
        let what = "k = \(row.negatives), \(policy)"
        XCTAssertEqual(row.refinement != nil, policy == .every, what)
        let location = try XCTUnwrap(row.location, what)
        let difference = row.certificate.gram - simplex
        let total = difference.entries.reduce(Rational.zero, +)
        let projected = RationalMatrix.frobenius(difference, difference) - total * total / Rational(n * n)
        XCTAssertLessThanOrEqual(projected, location.distanceBound * location.distanceBound, what)
        XCTAssertLessThan(location.distanceBound, largest, what)
        // docs/theory.md §4: L_sup^μ of the simplex is log(1 + (N−1)e^{−sN/(N−1)}).
        let closedForm = Interval.log1p(Interval(n - 1) * Interval.exp(Interval(Rational(-n, n - 1), precision: 128)))
        XCTAssertTrue(try XCTUnwrap(row.downstreamAtOptimum).weightedLoss.overlaps(closedForm), what)
      }
    }
  }

  /// The refinement reaches the targets on the overlap model: γ ≤ 1e-24 and δ ≤ 1e-11.
  func testRefinedOverlapOptimaAreLocatedTightly() throws {
    let model = try LatentClassModel(
      rho: [Rational(1, 2), Rational(1, 3), Rational(1, 6)],
      withinClass: [
        [Rational(1, 2), Rational(1, 2), 0, 0], [0, Rational(1, 2), Rational(1, 2), 0],
        [0, 0, Rational(1, 2), Rational(1, 2)],
      ])
    let rows = GeneralVerification.run(model: model, ks: [1, 2], scale: 2, precision: 128, refinement: .every)
    for row in rows {
      XCTAssertNotNil(row.refinement, "k = \(row.negatives)")
      XCTAssertLessThanOrEqual(
        try XCTUnwrap(row.certificate.gap), Rational(1, 1_000_000) * Rational(1, 1_000_000_000_000_000_000))
      XCTAssertLessThanOrEqual(try XCTUnwrap(row.location).distanceBound, Rational(1, 100_000_000_000))
    }
    // The certified finding: the overlap model's optimum gets worse from k = 1 to k = 2.
    XCTAssertEqual(GeneralVerification.verdicts(rows), [.refuted])
  }

  /// The multinomial weights the curvature bound uses, in `DoubleInterval`, overlap the 128-bit MPFR
  /// enumeration of the same sums and are as narrow as `Double` allows.
  func testMultinomialCurvatureWeightsInDoubleIntervalsAgreeWithMPFR() throws {
    try forEachSeed(6, base: 0xC0E) { random, seed in
      let model = try RandomModels.model(classes: 3, points: 3, using: &random)
      let problem = ContrastiveProblem(model: model, negatives: 1 + Int(random.next() % 8), scale: 2)
      let gram = RandomModels.gram(rows: 3, using: &random)
      let loss = PopulationLoss(problem: problem, engine: .multinomial)
      let fast = loss.curvatureWeights(gram: gram, precision: 128)
      let table = MultinomialEngine(problem: problem)
      let entries = (0..<3).map { i in (0..<3).map { Interval(gram[i, $0], precision: 128) } }
      let accurate = table.curvatureWeights(
        problem, gram: entries, prepared: table.prepared(precision: 128) as MultinomialEngine.Prepared<Interval>,
        precision: 128)
      for (f, a) in zip(fast.joined(), accurate.joined()) {
        XCTAssertTrue(f.overlaps(a), seed)
        XCTAssertLessThan(f.width, 1e-13 * max(1, abs(a.approximateDouble)), seed)
      }
    }
  }
}
