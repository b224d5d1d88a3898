import ExactArithmetic
import Foundation
import LatentClassTheory
import TestSupport
import XCTest

/// The atlas families (docs/theory.md §9): counts, order, exact sums, the overlap path's ends.
final class AtlasFamilyTests: XCTestCase {
  func testTernaryFamilyHasEveryCompositionOnceInLexicographicOrder() throws {
    let family = try AtlasFamily("rho3:20")
    XCTAssertEqual(family.points.count, 171)
    XCTAssertEqual(family.points.first?.id, "rho=1,1,18/20")
    XCTAssertEqual(family.points[1].id, "rho=1,2,17/20")
    XCTAssertEqual(family.points.last?.id, "rho=18,1,1/20")
    XCTAssertEqual(family.points.map(\.index), Array(0..<171))
    XCTAssertEqual(Set(family.points.map(\.id)).count, 171)
    for point in family.points {
      XCTAssertTrue(point.model.isClassLevel, point.id)
      XCTAssertEqual(point.model.rho.reduce(Rational.zero, +), Rational(1), point.id)
    }
    for d in 3...12 {
      // (D−1)(D−2)/2 compositions of D into three positive parts.
      XCTAssertEqual(try AtlasFamily("rho3:\(d)").points.count, (d - 1) * (d - 2) / 2, "D = \(d)")
    }
  }

  func testDirichletFamilyIsExactSeededAndPositive() throws {
    forEachSeed(4) { random, label in
      let n = 2 + random.index(below: 9)
      let seed = random.next() >> 1
      let family = try! AtlasFamily("dirichlet:\(n):7:\(seed)")
      XCTAssertEqual(family.points.count, 7, label)
      XCTAssertEqual(family.seed, seed, label)
      for point in family.points {
        XCTAssertEqual(point.model.classCount, n, label)
        XCTAssertEqual(point.model.rho.reduce(Rational.zero, +), Rational(1), label)
        for value in point.model.rho {
          XCTAssertGreaterThan(value, Rational(0), label)
          // A multiple of 1/10⁶.
          XCTAssertEqual((value * Rational(1_000_000)).denominator, BigInt(1), label)
        }
      }
      let again = try! AtlasFamily("dirichlet:\(n):7:\(seed)")
      XCTAssertEqual(again.points.map(\.model), family.points.map(\.model), label)
      let other = try! AtlasFamily("dirichlet:\(n):7:\(seed + 1)")
      XCTAssertNotEqual(other.points.map(\.model), family.points.map(\.model), label)
    }
  }

  func testOverlapPathRunsFromDisjointClassesToTheNotebookModel() throws {
    let family = try AtlasFamily("overlap:4")
    XCTAssertEqual(family.points.map(\.id), ["q=0", "q=1/8", "q=1/4", "q=3/8", "q=1/2"])
    let disjoint = family.points[0].model
    XCTAssertFalse(disjoint.isOverlapping)
    XCTAssertEqual(disjoint, try LatentClassModel.classLevel(rho: [Rational(1, 2), Rational(1, 3), Rational(1, 6)]))
    for point in family.points.dropFirst() { XCTAssertTrue(point.model.isOverlapping, point.id) }
    XCTAssertEqual(family.points[2].model.pointCount, 5)
    // notebooks-md/general-overlap-model.json, written out here.
    let notebook = """
      {"classes": 3, "points": 4, "rho": ["1/2", "1/3", "1/6"],
       "distributions": [["1/2", "1/2", "0", "0"], ["0", "1/2", "1/2", "0"], ["0", "0", "1/2", "1/2"]]}
      """
    XCTAssertEqual(family.points[4].model, try ModelSpecification.model(json: Data(notebook.utf8)))
  }

  func testZipfAndFileFamiliesKeepTheirOrder() throws {
    let zipf = try AtlasFamily("zipf:0,1,2:4")
    XCTAssertEqual(zipf.points.map(\.id), ["zipf=0", "zipf=1", "zipf=2"])
    XCTAssertEqual(zipf.points[0].model.rho, Array(repeating: Rational(1, 4), count: 4))
    let text = """
      [{"classes": 2, "points": 2, "rho": ["1/3", "2/3"], "distributions": [["1", "0"], ["0", "1"]]},
       {"classes": 2, "points": 3, "rho": ["1/2", "1/2"], "distributions": [["1/2", "1/2", "0"], ["0", "1/2", "1/2"]]}]
      """
    let file = try AtlasFamily("file:models.json") { _ in Data(text.utf8) }
    XCTAssertEqual(file.points.map(\.id), ["#0", "#1"])
    XCTAssertEqual(file.points[0].model.rho, [Rational(1, 3), Rational(2, 3)])
    XCTAssertTrue(file.points[1].model.isOverlapping)
  }

  func testMalformedFamiliesAreRejectedWithTheExpectedForm() {
    let cases: [(String, String)] = [
      ("rho3:2", "rho3:D"), ("rho3:x", "rho3:D"), ("dirichlet:3:5", "dirichlet:N:COUNT:SEED"),
      ("dirichlet:1:5:0", "dirichlet:N:COUNT:SEED"), ("zipf:1", "zipf:A:N"), ("zipf:-1:3", "zipf:A:N"),
      ("zipf:1,1:3", "twice"), ("overlap:0", "overlap:STEPS"), ("triangle:3", "expected rho3:D"),
      ("file:[1]", "not a JSON object"),
    ]
    for (text, expected) in cases {
      XCTAssertThrowsError(try AtlasFamily(text) { Data($0.dropFirst(0).utf8) }, text) { error in
        XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
      }
    }
  }
}
