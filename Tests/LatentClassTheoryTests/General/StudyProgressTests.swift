import ExactArithmetic
import LatentClassTheory
import XCTest

/// `GeneralStudy` reports each certified row, so `verify` can show progress on long runs.
final class StudyProgressTests: XCTestCase {
  func testEveryRowIsReportedOnceInOrder() throws {
    var reports: [[Int]] = []
    let classLevel = try LatentClassModel.classLevel(rho: [Rational(3, 4), Rational(1, 4)])
    _ = GeneralStudy(model: classLevel, ks: [1, 2], scale: 1, precision: 64) { reports.append([$0, $1]) }
    XCTAssertEqual(reports, [[1, 2], [2, 2]])

    reports = []
    let points = try ModelSpecification.pointLevel(
      rho: [Rational(1, 2), Rational(1, 2)], pointsPerClass: 2, within: .uniform)
    _ = GeneralStudy(model: points, ks: [1], scale: 1, precision: 64) { reports.append([$0, $1]) }
    XCTAssertEqual(reports, [[1, 2], [2, 2]], "the class-level row, then the point-level row")
  }
}
