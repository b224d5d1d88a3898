import ExactArithmetic
import LatentClassTheory
import XCTest

/// ``RefinementPolicy``: refining only the rows a verdict needs must decide exactly what refining
/// every row decides, and leave unrefined only rows whose pairs are already decided.
final class RefinementPolicyTests: XCTestCase {
  /// ρ = (1/20, 3/20, 4/5) at s = 1: C1 holds for small k and fails from k = 9 on, with consecutive
  /// downstream losses close enough near the turn that the unrefined locations cannot order them.
  let rho = [Rational(1, 20), Rational(3, 20), Rational(4, 5)]

  func testClassLevelNeededDecidesWhatEveryDecides() throws {
    let model = try LatentClassModel.classLevel(rho: rho)
    let ks = Array(1...11)
    let needed = GeneralStudy(model: model, ks: ks, scale: 1, refinement: .needed)
    let every = GeneralStudy(model: model, ks: ks, scale: 1, refinement: .every)
    XCTAssertEqual(needed.verdicts, every.verdicts)
    XCTAssertTrue(needed.verdicts.contains(.refuted) && needed.verdicts.contains(.verified), "\(needed.verdicts)")
    XCTAssertTrue(every.rows.allSatisfy { $0.refinement != nil })
    XCTAssertTrue(needed.rows.allSatisfy { $0.status == .verified && $0.isLocated })
    let unrefined = needed.rows.indices.filter { needed.rows[$0].refinement == nil }
    XCTAssertFalse(unrefined.isEmpty, "rows far from the turn keep their plain certificates")
    XCTAssertLessThan(unrefined.count, ks.count, "rows near the turn are refined")
    // A row left unrefined has no undecided pair: otherwise refining it could have decided more.
    for index in unrefined {
      for pair in [index - 1, index] where needed.verdicts.indices.contains(pair) {
        XCTAssertNotEqual(needed.verdicts[pair], .undecided, "k = \(ks[index])")
      }
    }
    // The plain locations are honest but looser than the refined ones.
    for index in unrefined {
      let plain = try XCTUnwrap(needed.rows[index].location?.distanceBound)
      let refined = try XCTUnwrap(every.rows[index].location?.distanceBound)
      XCTAssertGreaterThan(plain, refined, "k = \(ks[index])")
      XCTAssertLessThan(plain, Rational(1, 1000), "k = \(ks[index])")
    }
  }

  /// Point-level rows are lifted from class-level ones: rows of undecided pairs are certified again
  /// with every class-level row refined, so the verdicts match refining every row.
  func testPointLevelNeededDecidesWhatEveryDecides() throws {
    let model = try ModelSpecification.pointLevel(rho: rho, pointsPerClass: 2, within: .uniform)
    let ks = Array(7...11)
    let needed = GeneralStudy(model: model, ks: ks, scale: 1, refinement: .needed)
    let every = GeneralStudy(model: model, ks: ks, scale: 1, refinement: .every)
    XCTAssertEqual(needed.verdicts, every.verdicts)
    XCTAssertFalse(needed.verdicts.contains(.undecided), "\(needed.verdicts)")
    XCTAssertTrue(needed.rows.contains { $0.refinement != nil }, "the rows near the turn were certified again")
    XCTAssertEqual(needed.collapseVerdict, .verified)
    XCTAssertEqual(every.collapseVerdict, .verified)
  }
}
