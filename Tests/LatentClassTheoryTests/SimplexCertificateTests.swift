import ExactArithmetic
import LatentClassTheory
import TestSupport
import XCTest

final class SimplexCertificateTests: XCTestCase {
  /// docs/theory.md §5 T2 states ∇L_k(G*) = u·J − N·u·I with an explicit u; enumeration
  /// with the per-draw loss must reproduce that gradient and the loss.
  func testGradientAtSimplexMatchesKKTMultiplier() {
    for (classes, k, scale) in [
      (3, 1, Rational(1)), (3, 4, Rational(5, 2)), (4, 3, Rational(1, 2)), (5, 3, Rational(3)),
    ] {
      let model = UniformModel(classes: classes, scale: scale, precision: 128)
      let off = -1 / Double(classes - 1)
      let enumerated = EnumeratedModel(
        gram: (0..<classes).map { c in (0..<classes).map { $0 == c ? 1 : off } },
        rho: Array(repeating: 1 / Double(classes), count: classes), scale: scale.approximateDouble,
        negatives: k
      ).lossAndGradient()
      let evaluation = model.simplexEvaluation(negatives: k)
      let u = evaluation.multiplier.approximateDouble
      let label = "N=\(classes) k=\(k) s=\(scale)"
      XCTAssertEqual(enumerated.loss, evaluation.loss.approximateDouble, accuracy: 1e-12, label)
      for c in 0..<classes {
        for other in 0..<classes {
          let expected = c == other ? u - Double(classes) * u : u
          XCTAssertEqual(enumerated.gradient[c][other], expected, accuracy: 1e-12, "\(label) entry (\(c),\(other))")
        }
      }
    }
  }

  /// The certificate proves optimality, so no feasible Gram matrix may beat the
  /// simplex: random representations in the unit ball, scored by enumeration.
  func testNoRandomRepresentationBeatsTheSimplex() {
    forEachSeed(40) { random, seed in
      let classes = Int.random(in: 2...4, using: &random)
      let k = Int.random(in: 1...4, using: &random)
      let dimension = Int.random(in: 1...4, using: &random)
      let vectors = (0..<classes).map { _ in
        let raw = (0..<dimension).map { _ in Double.random(in: -1...1, using: &random) }
        let norm = raw.map { $0 * $0 }.reduce(0, +).squareRoot()
        let radius = Double.random(in: 0...1, using: &random)
        return raw.map { $0 / max(norm, 1e-12) * radius }
      }
      let gram = vectors.map { a in vectors.map { b in zip(a, b).map(*).reduce(0, +) } }
      let loss = EnumeratedModel(
        gram: gram, rho: Array(repeating: 1 / Double(classes), count: classes), scale: 1, negatives: k
      ).lossAndGradient().loss
      let optimum = UniformModel(classes: classes, scale: 1, precision: 64).simplexEvaluation(negatives: k).loss
      XCTAssertGreaterThanOrEqual(loss, optimum.lowerBound!.approximateDouble - 1e-12, "\(seed): N=\(classes) k=\(k)")
    }
  }

  func testCertificateVerdicts() {
    let model = UniformModel(classes: 6, scale: 1, precision: 128)
    let positive = model.simplexCertificate(multiplier: model.simplexEvaluation(negatives: 8).multiplier)
    XCTAssertEqual(positive.verdict, .verified)
    XCTAssertEqual(positive.complementarity, 0)
    XCTAssertTrue(positive.onesMatrixSemidefinite.isPositiveSemidefinite)
    XCTAssertTrue(positive.primalSemidefinite.isPositiveSemidefinite)
    let straddling = model.simplexCertificate(multiplier: Interval(lower: -1, upper: 1, precision: 64))
    XCTAssertEqual(straddling.verdict, .undecided, "an enclosure containing 0 cannot prove u > 0")
    let negative = model.simplexCertificate(multiplier: Interval(lower: -2, upper: -1, precision: 64))
    XCTAssertEqual(negative.verdict, .refuted)
  }

  func testVerdictCombination() {
    XCTAssertEqual(Verdict.all([.verified, .verified]), .verified)
    XCTAssertEqual(Verdict.all([.verified, .undecided]), .undecided)
    XCTAssertEqual(Verdict.all([.undecided, .refuted, .verified]), .refuted)
    XCTAssertEqual(Verdict.all([]), .verified)
  }

  /// Reference: `verify --classes 10 --k 1...100` must certify every row with
  /// enclosures narrower than 1e-25 at the default 128 bits.
  func testTenClassesOneToHundredIsCertifiedAndTight() {
    let verification = UniformVerification(
      model: UniformModel(classes: 10, scale: 1, precision: 128), negatives: Array(1...100))
    XCTAssertEqual(verification.rows.count, 100)
    XCTAssertTrue(verification.claims.allSatisfy { $0.verdict == .verified })
    for row in verification.rows {
      XCTAssertLessThan(row.contrastiveLoss.width, 1e-25, "k = \(row.negatives)")
      XCTAssertLessThan(row.certificate.multiplier.width, 1e-25, "k = \(row.negatives)")
      XCTAssertLessThan(row.bounds.collisionTerm.width, 1e-25, "k = \(row.negatives)")
    }
    // The loss of the optimum grows with k (more competitors), yet the downstream loss is fixed.
    for (before, after) in zip(verification.rows, verification.rows.dropFirst()) {
      XCTAssertEqual(Interval.compare(before.contrastiveLoss, after.contrastiveLoss), .less)
    }
  }
}
