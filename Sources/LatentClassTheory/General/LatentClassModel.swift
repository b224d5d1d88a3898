import ExactArithmetic

/// A latent-class model (docs/theory.md §1): classes `c = 0..<N` drawn from `ρ`, points
/// `x = 0..<M`, and a distribution `D_c` over the points for every class.
///
/// All probabilities are exact rationals, validated on construction: every `ρ_c > 0`,
/// `Σ ρ_c = 1`, every `D_c` non-negative summing to 1, and every point in the support
/// of some class. Classes may overlap (share points). The class-level model is the
/// special case `M = N`, `D_c = δ_c` (see ``classLevel(rho:)``).
public struct LatentClassModel: Sendable, Equatable {
  /// The class distribution `ρ`, one entry per class.
  public let rho: [Rational]
  /// `withinClass[c][x] = D_c(x)`.
  public let withinClass: [[Rational]]

  /// The number of classes `N`.
  public var classCount: Int { rho.count }
  /// The number of points `M`.
  public var pointCount: Int { withinClass.first?.count ?? 0 }

  /// Validates and stores a model.
  ///
  /// - Throws: ``ModelError`` naming the first violated condition.
  public init(rho: [Rational], withinClass: [[Rational]]) throws {
    try ModelError.validateDistribution(rho, name: "rho", allowZero: false)
    guard withinClass.count == rho.count else {
      throw ModelError("\(rho.count) class probabilities but \(withinClass.count) within-class distributions")
    }
    let pointCount = withinClass.first?.count ?? 0
    for (c, distribution) in withinClass.enumerated() {
      guard distribution.count == pointCount else {
        throw ModelError("class \(c) has \(distribution.count) point probabilities, expected \(pointCount)")
      }
      try ModelError.validateDistribution(distribution, name: "D_\(c)", allowZero: true)
    }
    for x in 0..<pointCount where withinClass.allSatisfy({ $0[x].signum == 0 }) {
      throw ModelError("point \(x) belongs to no class")
    }
    self.rho = rho
    self.withinClass = withinClass
  }

  /// The class-level model: each class is one point.
  public static func classLevel(rho: [Rational]) throws -> LatentClassModel {
    let n = rho.count
    return try LatentClassModel(
      rho: rho, withinClass: (0..<n).map { c in (0..<n).map { $0 == c ? 1 : 0 } })
  }

  /// The class-level model with `N` equally likely classes (valid by construction).
  public static func uniformClassLevel(classes n: Int) -> LatentClassModel {
    precondition(n >= 1, "at least one class")
    return LatentClassModel(
      validated: Array(repeating: Rational(1, n), count: n),
      withinClass: (0..<n).map { c in (0..<n).map { $0 == c ? 1 : 0 } })
  }

  /// Stores a model its caller has built valid.
  private init(validated rho: [Rational], withinClass: [[Rational]]) {
    self.rho = rho
    self.withinClass = withinClass
  }

  /// Whether every class is a single point of its own (`M = N`, `D_c = δ_c` up to relabelling).
  public var isClassLevel: Bool {
    pointCount == classCount && withinClass.allSatisfy { d in d.filter { $0.signum != 0 }.count == 1 }
      && !isOverlapping
  }

  /// Whether some point lies in the support of two classes.
  public var isOverlapping: Bool {
    (0..<pointCount).contains { x in withinClass.filter { $0[x].signum != 0 }.count > 1 }
  }

  /// The marginal `D̄(x) = Σ_c ρ_c D_c(x)` from which negatives are drawn.
  ///
  /// - Complexity: O(N·M).
  public var marginal: [Rational] {
    (0..<pointCount).map { x in
      var total = Rational.zero
      for c in 0..<classCount where withinClass[c][x].signum != 0 { total += rho[c] * withinClass[c][x] }
      return total
    }
  }

  /// The Gram matrix of the class means `μ_c = E_{x~D_c} f(x)` of a representation with
  /// point-level Gram matrix `gram`: `⟨μ_c, μ_d⟩ = Σ_{x, y} D_c(x) D_d(y) G_{xy}`. Exact.
  /// For the class-level model it is `gram` itself.
  ///
  /// - Complexity: O(Σ_{c ≤ d} |supp D_c|·|supp D_d|) exact operations, at most O(N²·M²).
  public func classMeanGram(_ gram: RationalMatrix) -> RationalMatrix {
    let support = (0..<classCount).map { c in (0..<pointCount).filter { withinClass[c][$0].signum != 0 } }
    var means = [[Rational]](repeating: [Rational](repeating: 0, count: classCount), count: classCount)
    for c in 0..<classCount {
      for d in c..<classCount {
        var total = Rational.zero
        for x in support[c] { for y in support[d] { total += withinClass[c][x] * withinClass[d][y] * gram[x, y] } }
        means[c][d] = total
        means[d][c] = total
      }
    }
    return RationalMatrix(rows: classCount, columns: classCount) { means[$0][$1] }
  }

  /// The classes whose support contains `x`.
  public func classes(containing x: Int) -> [Int] {
    (0..<classCount).filter { withinClass[$0][x].signum != 0 }
  }

  /// The collapsed (class-level) model of a non-overlapping model: class `c`
  /// becomes one point. `nil` for overlapping models, where T1 does not apply.
  public var collapsed: LatentClassModel? {
    guard !isOverlapping else { return nil }
    return try? LatentClassModel.classLevel(rho: rho)
  }
}
