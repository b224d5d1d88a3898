import ExactArithmetic
import XCTest

@testable import LatentClassTheory

/// The C1 verdict logic on rows whose downstream losses are known in closed form.
final class VerdictTests: XCTestCase {
  private let model = try! LatentClassModel.classLevel(rho: [Rational(1, 3), Rational(1, 3), Rational(1, 3)])

  /// A row whose `Ĝ` is `gram` (the certificate fields other than the Gram matrix do not enter the verdict),
  /// located within `radius` when one is given.
  private func row(_ gram: RationalMatrix, status: Verdict, radius: Rational? = nil) -> GeneralRow {
    let certificate = OptimalityCertificate(
      gram: gram, factor: gram, loss: Interval(0), lowerBound: 0, gap: 0, multipliers: [])
    return GeneralRow(
      negatives: 1, engine: .multinomial, status: status, certificate: certificate,
      downstream: DownstreamMetrics(model: model, gram: gram, scale: 1), solverIterations: 0, solverConverged: true,
      location: radius.map { OptimumLocation(curvatureLowerBound: 1, cylinderRadius: 1, distanceBound: $0) },
      downstreamAtOptimum: radius.map { DownstreamMetrics(model: model, gram: gram, scale: 1, radius: $0) })
  }

  func testVerdictsFollowTheCertifiedDownstreamOrder() {
    // Simplex: loss log(1 + 2e^{-3/2}); the zero matrix: log 3, which is larger.
    let simplex = RationalMatrix(rows: 3, columns: 3) { $0 == $1 ? 1 : Rational(-1, 2) }
    let zero = RationalMatrix(rows: 3, columns: 3) { _, _ in 0 }
    let good = row(simplex, status: .verified)
    let bad = row(zero, status: .verified)
    XCTAssertEqual(GeneralVerification.nearOptimumVerdicts([bad, good]), [.verified])
    XCTAssertEqual(GeneralVerification.nearOptimumVerdicts([good, bad]), [.refuted])
    // The same Ĝ: exactly equal losses, which count as the tie rule says.
    XCTAssertEqual(GeneralVerification.nearOptimumVerdicts([good, good]), [.verified])
    XCTAssertEqual(GeneralVerification.nearOptimumVerdicts([good, good], ties: .undecided), [.undecided])
    XCTAssertEqual(GeneralVerification.nearOptimumVerdicts([bad, good], ties: .undecided), [.verified])
    XCTAssertEqual(GeneralVerification.nearOptimumVerdicts([bad, row(simplex, status: .undecided)]), [.undecided])
    // Rows that are not located say nothing about the exact optimum.
    XCTAssertEqual(GeneralVerification.verdicts([bad, good]), [.undecided])
    // log 3 − log(1 + 2e^{-3/2}) ≈ 0.41: balls of radius 1/100 keep the order, radius 1 does not decide it.
    let goodBall = row(simplex, status: .verified, radius: Rational(1, 100))
    let badBall = row(zero, status: .verified, radius: Rational(1, 100))
    XCTAssertEqual(GeneralVerification.verdicts([badBall, goodBall]), [.verified])
    XCTAssertEqual(GeneralVerification.verdicts([goodBall, badBall]), [.refuted])
    // The same centre located twice: equal optima cannot be ordered by enclosures.
    XCTAssertEqual(GeneralVerification.verdicts([goodBall, goodBall]), [.undecided])
    let wide = row(simplex, status: .verified, radius: 1)
    XCTAssertEqual(GeneralVerification.verdicts([badBall, wide]), [.undecided])
    XCTAssertEqual(Verdict.ordering([.verified, .undecided]), .undecided)
    XCTAssertEqual(Verdict.ordering([.undecided, .refuted]), .refuted)
    XCTAssertEqual(Verdict.ordering([.verified, .verified]), .verified)
    XCTAssertEqual(Verdict.ordering([]), .undecided, "a single k compares nothing")
  }

  /// The words files and reports use for ordering verdicts, and reading them back.
  func testOrderingPhrasesRoundTrip() {
    XCTAssertEqual(
      Verdict.orderingOrder.map { $0.phrase(for: .ordering) }, ["non-increasing", "increase found", "undecided"])
    XCTAssertEqual(Verdict.orderingOrder.map { $0.phrase(for: .statement) }, ["verified", "refuted", "undecided"])
    for verdict in Verdict.orderingOrder {
      XCTAssertEqual(Verdict(orderingPhrase: verdict.phrase(for: .ordering)), verdict)
    }
    XCTAssertNil(Verdict(orderingPhrase: "verified"))
  }

  /// T1 per k from the certified intervals [lower bound, L_hi(Ĝ)] of the two minima.
  func testMinimaAgreeFollowsTheCertifiedIntervalsOfTheTwoMinima() {
    let gram = RationalMatrix(rows: 3, columns: 3) { $0 == $1 ? 1 : 0 }
    func row(lower: Rational?, upper: Rational, status: Verdict = .verified) -> GeneralRow {
      let certificate = OptimalityCertificate(
        gram: gram, factor: gram, loss: Interval(lower: upper, upper: upper, precision: 64), lowerBound: lower,
        gap: lower.map { upper - $0 }, multipliers: [])
      return GeneralRow(
        negatives: 1, engine: .multinomial, status: status, certificate: certificate,
        downstream: DownstreamMetrics(model: model, gram: gram, scale: 1), solverIterations: 0, solverConverged: true)
    }
    let point = row(lower: 1, upper: 2)
    XCTAssertEqual(CollapseCheck.minimaAgree(point: point, classLevel: row(lower: Rational(3, 2), upper: 3)), .verified)
    XCTAssertEqual(CollapseCheck.minimaAgree(point: point, classLevel: row(lower: 2, upper: 3)), .verified, "touching")
    // [1, 2] and [5/2, 3]: the point-level minimum is certified below the class-level one.
    XCTAssertEqual(CollapseCheck.minimaAgree(point: point, classLevel: row(lower: Rational(5, 2), upper: 3)), .refuted)
    XCTAssertEqual(
      CollapseCheck.minimaAgree(point: point, classLevel: row(lower: 1, upper: 2, status: .undecided)), .undecided,
      "intervals that meet only because a gap is too large say nothing")
    XCTAssertEqual(CollapseCheck.minimaAgree(point: point, classLevel: row(lower: nil, upper: 2)), .undecided)
  }
}
