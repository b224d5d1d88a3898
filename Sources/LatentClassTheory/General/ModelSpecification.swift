import ExactArithmetic
import Foundation
import SeededRandom

/// Builds ``LatentClassModel``s from the command-line descriptions of issue #3:
/// a `ρ` list or generator, a within-class layout, or a JSON model file.
public enum ModelSpecification {
  /// Parses `ρ` from `"11/20,1/4,3/20,1/20"` (rationals or decimals, summing to
  /// exactly 1), `"uniform:N"`, or `"zipf:A:N"` / `"zipf:A"` with `classes`.
  ///
  /// `zipf:A` gives `ρ_c ∝ c^{−A}` made exactly rational: each `Double` weight is
  /// rounded to a multiple of `10^{-12}` (at least `10^{-12}`, so every class stays
  /// positive), then the largest class absorbs the rounding so the sum is exactly 1.
  /// The result differs from the real Zipf law by at most `N·10^{-12}` per entry.
  public static func rho(_ text: String, classes: Int? = nil) throws -> [Rational] {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("zipf:") || trimmed.hasPrefix("uniform:") {
      let parts = trimmed.split(separator: ":").map(String.init)
      let count: Int
      if parts[0] == "uniform" {
        guard parts.count == 2, let n = Int(parts[1]), n >= 1 else {
          throw ModelError("'\(text.prefix(40))': expected uniform:N with N ≥ 1")
        }
        return Array(repeating: Rational(1, n), count: n)
      }
      guard parts.count == 2 || parts.count == 3, let exponent = Double(parts[1]), exponent.isFinite, exponent >= 0
      else { throw ModelError("'\(text.prefix(40))': expected zipf:EXPONENT or zipf:EXPONENT:CLASSES") }
      if parts.count == 3 {
        guard let n = Int(parts[2]), n >= 1 else {
          throw ModelError("'\(text.prefix(40))': class count must be an integer ≥ 1")
        }
        count = n
      } else {
        guard let n = classes, n >= 1 else {
          throw ModelError("'\(text.prefix(40))': zipf needs a class count (zipf:A:N)")
        }
        count = n
      }
      return zipf(exponent: exponent, classes: count)
    }
    let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
    let values = try fields.map { field -> Rational in
      let entry = field.trimmingCharacters(in: .whitespaces)
      guard let value = Rational(entry) else { throw ModelError("'\(entry.prefix(40))' is not a rational number") }
      return value
    }
    try ModelError.validateDistribution(values, name: "rho", allowZero: false)
    return values
  }

  /// `ρ_c ∝ c^{−exponent}`, exactly rational (see ``rho(_:classes:)``).
  ///
  /// - Complexity: O(N).
  public static func zipf(exponent: Double, classes: Int) -> [Rational] {
    let denominator = 1_000_000_000_000
    let weights = (1...classes).map { pow(Double($0), -exponent) }
    let total = weights.reduce(0, +)
    var numerators = weights.map { max(1, Int(($0 / total * Double(denominator)).rounded())) }
    numerators[0] += denominator - numerators.reduce(0, +)
    return numerators.map { Rational($0, denominator) }
  }

  /// How points are distributed within each class of a ``pointLevel(rho:pointsPerClass:within:)`` model.
  public enum WithinClass: Sendable, Equatable {
    /// `D_c` uniform on the class's points.
    case uniform
    /// `D_c(x) ∝ w_x` with integer weights `w_x ∈ 1...16` drawn from SplitMix64 with this seed.
    case random(seed: UInt64)

    /// Parses `"uniform"` or `"random:SEED"`.
    public init(_ text: String) throws {
      if text == "uniform" {
        self = .uniform
      } else if text.hasPrefix("random:"), let seed = UInt64(text.dropFirst("random:".count)) {
        self = .random(seed: seed)
      } else {
        throw ModelError("expected uniform or random:SEED, got '\(text.prefix(40))'")
      }
    }
  }

  /// A non-overlapping point-level model: class `c` owns points
  /// `c·m ..< (c+1)·m`, with `D_c` given by `within`.
  public static func pointLevel(rho: [Rational], pointsPerClass m: Int, within: WithinClass) throws
    -> LatentClassModel
  {
    guard m >= 1 else { throw ModelError("points per class must be ≥ 1, got \(m)") }
    var generator = SplitMix64(seed: 0)
    var isRandom = false
    if case .random(let seed) = within { (generator, isRandom) = (SplitMix64(seed: seed), true) }
    let n = rho.count
    let distributions = (0..<n).map { c -> [Rational] in
      let weights = (0..<m).map { _ in isRandom ? Int(generator.next() % 16) + 1 : 1 }
      let total = weights.reduce(0, +)
      var row = [Rational](repeating: 0, count: n * m)
      for j in 0..<m { row[c * m + j] = Rational(weights[j], total) }
      return row
    }
    return try LatentClassModel(rho: rho, withinClass: distributions)
  }

  /// Reads a model from JSON:
  ///
  ///     {"classes": 2, "points": 3, "rho": ["1/2", "1/2"],
  ///      "distributions": [["1/2", "1/2", "0"], ["0", "1/3", "2/3"]]}
  ///
  /// Probabilities are strings (rationals or decimals) so they stay exact.
  public static func model(json data: Data) throws -> LatentClassModel {
    guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
      throw ModelError("not a JSON object")
    }
    guard let classes = wholeNumber(root["classes"]), classes >= 1 else {
      throw ModelError("'classes' must be an integer ≥ 1")
    }
    guard let points = wholeNumber(root["points"]), points >= 1 else {
      throw ModelError("'points' must be an integer ≥ 1")
    }
    let rho = try rationals(root["rho"], name: "rho")
    guard rho.count == classes else { throw ModelError("'rho' has \(rho.count) entries, 'classes' is \(classes)") }
    guard let rows = root["distributions"] as? [Any], rows.count == classes else {
      throw ModelError("'distributions' must be a list of \(classes) lists")
    }
    let within = try rows.enumerated().map { c, row in
      let values = try rationals(row, name: "distributions[\(c)]")
      guard values.count == points else {
        throw ModelError("distributions[\(c)] has \(values.count) entries, 'points' is \(points)")
      }
      return values
    }
    return try LatentClassModel(rho: rho, withinClass: within)
  }

  /// A JSON integer; `true`/`false` and fractions are not, although Foundation bridges them to `Int`.
  private static func wholeNumber(_ value: Any?) -> Int? {
    // Foundation bridges `true` to 1 and `2.0` to 2; their type codes ("c": Bool, "d"/"f": floating
    // point) tell them apart from JSON integers.
    guard let number = value as? NSNumber, !["c", "d", "f"].contains(String(cString: number.objCType)) else {
      return nil
    }
    return number as? Int
  }

  private static func rationals(_ value: Any?, name: String) throws -> [Rational] {
    guard let list = value as? [Any] else { throw ModelError("'\(name)' must be a list of rational strings") }
    return try list.enumerated().map { i, entry in
      guard let text = entry as? String else { throw ModelError("\(name)[\(i)] must be a string such as \"1/3\"") }
      guard let rational = Rational(text.trimmingCharacters(in: .whitespaces)) else {
        throw ModelError("\(name)[\(i)] = '\(text.prefix(40))' is not a rational number")
      }
      return rational
    }
  }
}
