import ExactArithmetic
import XCTest

@testable import LatentClassTheory

/// The enclosed Gauss–Legendre / Gauss–Lobatto pair against the defining property of the rules:
/// exact integrals of monomials up to degree 2n − 1, and the bracket Gauss < ∫ < Lobatto for x^{2n}.
final class GaussLobattoPairTests: XCTestCase {
  /// `Σ w_i x_i^j` in interval arithmetic.
  private func rule(_ nodes: [Interval], _ weights: [Interval], degree j: Int) -> Interval {
    zip(nodes, weights).reduce(Interval(0, precision: 128)) { sum, term in
      var power = Interval(1, precision: 128)
      for _ in 0..<j { power = power * term.0 }
      return sum + term.1 * power
    }
  }

  func testRulesAreExactToDegree2nMinus1AndBracketDegree2n() {
    for (n, precision) in [(2, 128), (3, 128), (4, 64), (7, 128), (10, 64), (10, 128), (16, 64), (16, 128), (24, 256)] {
      let pair = GaussLobattoPair(points: n, precision: precision)
      XCTAssertEqual(pair.gaussNodes.count, n)
      XCTAssertEqual(pair.lobattoNodes.count, n + 1)
      XCTAssertTrue(pair.lobattoNodes.first!.contains(Rational(-1)) && pair.lobattoNodes.last!.contains(Rational(1)))
      for node in pair.gaussNodes + pair.lobattoNodes {
        XCTAssertLessThan(node.width, pow(2, -Double(precision - 24)), "n = \(n): every node proven and tight")
      }
      for j in 0..<(2 * n) {
        // ∫_{−1}^{1} x^j dx = 2/(j + 1) for even j, 0 for odd j.
        let exact = j % 2 == 0 ? Rational(2, j + 1) : .zero
        XCTAssertTrue(rule(pair.gaussNodes, pair.gaussWeights, degree: j).contains(exact), "n = \(n), degree \(j)")
        XCTAssertTrue(rule(pair.lobattoNodes, pair.lobattoWeights, degree: j).contains(exact), "n = \(n), degree \(j)")
      }
      // x^{2n} has a positive 2n-th derivative: Gauss is below its integral, Lobatto above.
      let exact = Interval(Rational(2, 2 * n + 1), precision: 128)
      XCTAssertEqual(Interval.compare(rule(pair.gaussNodes, pair.gaussWeights, degree: 2 * n), exact), .less)
      XCTAssertEqual(Interval.compare(exact, rule(pair.lobattoNodes, pair.lobattoWeights, degree: 2 * n)), .less)
    }
  }
}
