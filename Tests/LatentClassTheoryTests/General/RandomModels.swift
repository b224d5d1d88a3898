import ExactArithmetic
import TestSupport

@testable import LatentClassTheory

/// Seeded random models and representations for the property tests; a failure names its seed.
enum RandomModels {
  /// `classes` classes over `points` points with random integer weights; about a third of
  /// the entries are zero, and every point is kept in some class. Overlap happens.
  static func model(classes: Int, points: Int, using generator: inout SplitMix64) throws -> LatentClassModel {
    let rhoWeights = (0..<classes).map { _ in Int(generator.next() % 5) + 1 }
    let rhoTotal = rhoWeights.reduce(0, +)
    var weights = (0..<classes).map { _ in
      (0..<points).map { _ in generator.next() % 3 == 0 ? 0 : Int(generator.next() % 4) + 1 }
    }
    for x in 0..<points where weights.allSatisfy({ $0[x] == 0 }) {
      weights[Int(generator.next() % UInt64(classes))][x] = 1
    }
    for c in 0..<classes where weights[c].allSatisfy({ $0 == 0 }) {
      weights[c][Int(generator.next() % UInt64(points))] = 1
    }
    return try LatentClassModel(
      rho: rhoWeights.map { Rational($0, rhoTotal) },
      withinClass: weights.map { row in row.map { Rational($0, row.reduce(0, +)) } })
  }

  /// A random rational factor with rows in the unit ball (entries on the 1/16 grid, rows shrunk exactly).
  static func factor(rows: Int, columns: Int, using generator: inout SplitMix64) -> RationalMatrix {
    RationalMatrix(
      (0..<rows).map { _ in
        let row = (0..<columns).map { _ in Rational(Int(generator.next() % 33) - 16, 16) }
        let squared = row.reduce(Rational.zero) { $0 + $1 * $1 }
        // Dividing by the integer ceiling of the norm keeps the row in the ball without square roots.
        var bound = 1
        while Rational(bound * bound) < squared { bound += 1 }
        return row.map { $0 / Rational(bound) }
      })
  }

  /// A random 3-class, 3-point model's problem at `s = 2` with 1 to `maximumNegatives` negatives, and a
  /// random feasible Gram matrix: the points where the engines' pieces are compared.
  static func problemAndGram(maximumNegatives: Int, using generator: inout SplitMix64) throws -> (
    ContrastiveProblem, RationalMatrix
  ) {
    let model = try model(classes: 3, points: 3, using: &generator)
    let problem = ContrastiveProblem(
      model: model, negatives: 1 + Int(generator.next() % UInt64(maximumNegatives)), scale: 2)
    return (problem, gram(rows: 3, using: &generator))
  }

  static func gram(rows: Int, using generator: inout SplitMix64) -> RationalMatrix {
    let v = factor(rows: rows, columns: rows, using: &generator)
    return v * v.transposed
  }
}
