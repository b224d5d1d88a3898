import ExactArithmetic
import Foundation
import XCTest

@testable import LatentClassTheory

final class ModelSpecificationTests: XCTestCase {
  private func error(_ body: () throws -> Any) -> String? {
    do {
      _ = try body()
      return nil
    } catch let error as ModelError {
      return error.description
    } catch {
      return "unexpected \(error)"
    }
  }

  func testRhoListIsExact() throws {
    let rho = try ModelSpecification.rho("11/20, 1/4,0.15,5e-2")
    XCTAssertEqual(rho, [Rational(11, 20), Rational(1, 4), Rational(3, 20), Rational(1, 20)])
  }

  func testRhoListRejectsBadInput() {
    XCTAssertEqual(error { try ModelSpecification.rho("1/2,1/3") }, "rho sums to 5/6, not exactly 1")
    XCTAssertEqual(error { try ModelSpecification.rho("1/2,x") }, "'x' is not a rational number")
    XCTAssertEqual(error { try ModelSpecification.rho("1,0") }, "rho[1] is zero; every entry must be positive")
    XCTAssertEqual(error { try ModelSpecification.rho("3/2,-1/2") }, "rho[1] = -1/2 is negative")
    XCTAssertNotNil(error { try ModelSpecification.rho("zipf:1.5") })  // no class count
  }

  func testZipfIsExactlyNormalizedAndFollowsThePowerLaw() throws {
    let rho = try ModelSpecification.rho("zipf:1.5:6")
    XCTAssertEqual(rho.reduce(Rational.zero, +), 1)
    for c in 1..<6 {
      XCTAssertLessThan(rho[c], rho[c - 1])
      // ρ_1/ρ_c = c^{1.5} up to the documented 10^{-12} rounding.
      XCTAssertEqual((rho[0] / rho[c]).approximateDouble, pow(Double(c + 1), 1.5), accuracy: 1e-6)
    }
    XCTAssertEqual(try ModelSpecification.rho("uniform:3"), [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
  }

  func testPointLevelLayout() throws {
    let rho = [Rational(1, 2), Rational(1, 2)]
    let uniform = try ModelSpecification.pointLevel(rho: rho, pointsPerClass: 3, within: .uniform)
    XCTAssertEqual(uniform.pointCount, 6)
    XCTAssertEqual(uniform.withinClass[1], [0, 0, 0, Rational(1, 3), Rational(1, 3), Rational(1, 3)])
    XCTAssertFalse(uniform.isOverlapping)
    let random = try ModelSpecification.pointLevel(rho: rho, pointsPerClass: 3, within: .random(seed: 7))
    let again = try ModelSpecification.pointLevel(
      rho: rho, pointsPerClass: 3, within: ModelSpecification.WithinClass("random:7"))
    XCTAssertEqual(random, again)
    XCTAssertEqual(random.marginal.reduce(Rational.zero, +), 1)
    XCTAssertNotNil(error { try ModelSpecification.WithinClass("gaussian") })
  }

  func testJSONModel() throws {
    let text =
      #"{"classes": 2, "points": 3, "rho": ["1/2", "0.5"], "distributions": [["1/2", "1/2", "0"], ["0", "1/3", "2/3"]]}"#
    let model = try ModelSpecification.model(json: Data(text.utf8))
    XCTAssertTrue(model.isOverlapping)
    XCTAssertEqual(model.classes(containing: 1), [0, 1])
    XCTAssertEqual(model.marginal, [Rational(1, 4), Rational(5, 12), Rational(1, 3)])
  }

  func testJSONModelRejections() {
    func reject(_ text: String) -> String? { error { try ModelSpecification.model(json: Data(text.utf8)) } }
    XCTAssertEqual(reject("not json"), "not a JSON object")
    XCTAssertEqual(
      reject(#"{"classes": 1, "points": 2, "rho": ["1"], "distributions": [["1", "0"]]}"#),
      "point 1 belongs to no class")
    XCTAssertEqual(
      reject(#"{"classes": 1, "points": 2, "rho": ["1"], "distributions": [["1/2", "1/3"]]}"#),
      "D_0 sums to 5/6, not exactly 1")
    XCTAssertEqual(
      reject(#"{"classes": 1, "points": 2, "rho": ["1"], "distributions": [["3/2", "-1/2"]]}"#),
      "D_0[1] = -1/2 is negative")
    XCTAssertEqual(
      reject(#"{"classes": 1, "points": 1, "rho": ["1"], "distributions": [["one"]]}"#),
      "distributions[0][0] = 'one' is not a rational number")
    XCTAssertEqual(
      reject(#"{"classes": 2, "points": 1, "rho": ["1", "0"], "distributions": [["1"], ["1"]]}"#),
      "rho[1] is zero; every entry must be positive")
    XCTAssertEqual(
      reject(#"{"classes": 1, "points": 1, "rho": [1], "distributions": [["1"]]}"#),
      "rho[0] must be a string such as \"1/3\"")
    XCTAssertEqual(
      reject(#"{"classes": true, "points": 1, "rho": ["1"], "distributions": [["1"]]}"#),
      "'classes' must be an integer ≥ 1", "a Boolean is not a count")
    XCTAssertEqual(
      reject(#"{"classes": 1, "points": 1.5, "rho": ["1"], "distributions": [["1"]]}"#),
      "'points' must be an integer ≥ 1")
  }
}
