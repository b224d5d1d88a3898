import ExactArithmetic
import XCTest

@testable import LatentClassTheory

/// The C1 verdict logic on rows whose downstream losses are known in closed form.
final class VerdictTests: XCTestCase {
  private let model = try! LatentClassModel.classLevel(rho: [Rational(1, 3), Rational(1, 3), Rational(1, 3)])

  /// A row whose `Ĝ` is `gram` (the certificate fields other than the Gram matrix do not enter the verdict).
  private func row(_ gram: RationalMatrix, status: GeneralRow.Status) -> GeneralRow {
    let certificate = OptimalityCertificate(
      gram: gram, factor: gram, loss: Interval(0), lowerBound: 0, gap: 0, multipliers: [])
    return GeneralRow(
      negatives: 1, engine: .multinomial, status: status, certificate: certificate,
      downstream: DownstreamMetrics(model: model, gram: gram, scale: 1), solverIterations: 0, solverConverged: true)
  }

  func testVerdictsFollowTheCertifiedDownstreamOrder() {
    // Simplex: loss log(1 + 2e^{-3/2}); the zero matrix: log 3, which is larger.
    let simplex = RationalMatrix(rows: 3, columns: 3) { $0 == $1 ? 1 : Rational(-1, 2) }
    let zero = RationalMatrix(rows: 3, columns: 3) { _, _ in 0 }
    let good = row(simplex, status: .verified)
    let bad = row(zero, status: .verified)
    XCTAssertEqual(GeneralVerification.verdicts([bad, good]), [.nonIncreasing])
    XCTAssertEqual(GeneralVerification.verdicts([good, bad]), [.increase])
    XCTAssertEqual(GeneralVerification.verdicts([good, good]), [.nonIncreasing])  // same Ĝ
    XCTAssertEqual(GeneralVerification.verdicts([bad, row(simplex, status: .undecided)]), [.undecided])
    XCTAssertEqual(GeneralVerification.overall([.nonIncreasing, .undecided]), .undecided)
    XCTAssertEqual(GeneralVerification.overall([.undecided, .increase]), .increase)
    XCTAssertEqual(GeneralVerification.overall([.nonIncreasing, .nonIncreasing]), .nonIncreasing)
  }
}
