import ExactArithmetic
import Foundation
import SeededRandom

/// A deterministic ordered list of latent-class models, the points of an atlas (docs/theory.md §9).
///
/// Families, by their command-line description:
/// - `rho3:D`: every class-level `ρ = (a, b, c)/D` with positive integers `a + b + c = D`,
///   in lexicographic order of `(a, b, c)`; `(D−1)(D−2)/2` points (171 for `D = 20`).
/// - `dirichlet:N:COUNT:SEED`: `COUNT` class-level models with `N` classes, `ρ` an exact
///   uniform draw from the compositions of `10⁶` into `N` positive parts (see
///   ``dirichletRho(classes:generator:)``).
/// - `zipf:A:N` or `zipf:A1,A2,…:N`: one class-level Zipf model per exponent, in the given order
///   (``ModelSpecification/zipf(exponent:classes:)``).
/// - `overlap:STEPS`: `STEPS + 1` models on the path of ``overlapModel(step:of:)``, from disjoint
///   classes (`q = 0`) to `notebooks-md/general-overlap-model.json` (`q = 1/2`).
/// - `file:PATH`: a JSON list of models in the `--model` file format, in file order.
public struct AtlasFamily: Sendable {
  /// One point of a family: its position, a stable name and the model.
  public struct Point: Sendable {
    /// The 0-based position in the family's order.
    public let index: Int
    /// A name unique within the family, such as `rho=2,3,15/20` or `q=1/8`.
    public let id: String
    public let model: LatentClassModel
  }

  /// The description the family was parsed from, recorded in every atlas file.
  public let description: String
  /// Every point, in order.
  public let points: [Point]

  /// Parses and enumerates a family; `readFile` serves `file:PATH`.
  ///
  /// - Throws: ``AtlasError`` naming what was expected.
  /// - Complexity: O(number of points · model size) exact operations.
  public init(
    _ description: String, readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
  ) throws {
    self.description = description
    let (kind, rest) = Self.split(description)
    let named: [(id: String, model: LatentClassModel)]
    switch kind {
    case "rho3": named = try Self.ternary(rest)
    case "dirichlet": named = try Self.dirichlet(rest)
    case "zipf": named = try Self.zipf(rest)
    case "overlap": named = try Self.overlap(rest)
    case "file": named = try Self.file(rest, readFile: readFile)
    default:
      throw AtlasError(
        "'\(description)': expected rho3:D, dirichlet:N:COUNT:SEED, zipf:A:N, overlap:STEPS or file:PATH")
    }
    points = named.enumerated().map { Point(index: $0.offset, id: $0.element.id, model: $0.element.model) }
  }

  /// The seed of a `dirichlet` family, recorded in atlas files; `nil` for the others.
  public var seed: UInt64? {
    let parts = description.split(separator: ":")
    return parts.first == "dirichlet" && parts.count == 4 ? UInt64(parts[3]) : nil
  }

  private static func split(_ description: String) -> (kind: String, rest: String) {
    guard let colon = description.firstIndex(of: ":") else { return (description, "") }
    return (String(description[..<colon]), String(description[description.index(after: colon)...]))
  }

  private static func ternary(_ rest: String) throws -> [(id: String, model: LatentClassModel)] {
    guard let d = Int(rest), (3...400).contains(d) else {
      throw AtlasError("rho3:\(rest): expected rho3:D with a whole number D in 3...400")
    }
    var named: [(id: String, model: LatentClassModel)] = []
    for a in 1...(d - 2) {
      for b in 1...(d - 1 - a) {
        let c = d - a - b
        let rho = [Rational(a, d), Rational(b, d), Rational(c, d)]
        named.append(("rho=\(a),\(b),\(c)/\(d)", try LatentClassModel.classLevel(rho: rho)))
      }
    }
    return named
  }

  private static func dirichlet(_ rest: String) throws -> [(id: String, model: LatentClassModel)] {
    let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, let n = Int(parts[0]), (2...1000).contains(n), let count = Int(parts[1]),
      (1...100_000).contains(count), let seed = UInt64(parts[2])
    else {
      throw AtlasError(
        "dirichlet:\(rest): expected dirichlet:N:COUNT:SEED with N in 2...1000, COUNT in 1...100000, SEED ≥ 0")
    }
    var generator = SplitMix64(seed: seed)
    return try (0..<count).map { j in
      ("#\(j)", try LatentClassModel.classLevel(rho: dirichletRho(classes: n, generator: &generator)))
    }
  }

  /// The resolution of ``dirichletRho(classes:generator:)``: every `ρ_c` is a multiple of `1/10⁶`.
  public static let dirichletResolution = 1_000_000

  /// An exact, seeded, Dirichlet(1, …, 1)-like class distribution: `N − 1` distinct cut points
  /// drawn uniformly from `1 ..< R` (`R = 10⁶`, rejection sampling, no floating point), sorted;
  /// `ρ_c` is the length of the `c`-th gap divided by `R`. This is the uniform distribution on
  /// the compositions of `R` into `N` positive parts, the discrete analogue of the spacings of
  /// `N − 1` uniform points, which are exactly Dirichlet(1, …, 1). Sums to 1 exactly.
  ///
  /// - Complexity: O(N log N) draws and operations, expected.
  public static func dirichletRho(classes n: Int, generator: inout SplitMix64) -> [Rational] {
    let r = dirichletResolution
    var cuts = Set<Int>()
    while cuts.count < n - 1 {
      // Rejection keeps the draw exactly uniform on 1 ..< R.
      let limit = UInt64.max - UInt64.max % UInt64(r - 1)
      var draw = generator.next()
      while draw >= limit { draw = generator.next() }
      cuts.insert(1 + Int(draw % UInt64(r - 1)))
    }
    let ends = [0] + cuts.sorted() + [r]
    return zip(ends, ends.dropFirst()).map { Rational($1 - $0, r) }
  }

  private static func zipf(_ rest: String) throws -> [(id: String, model: LatentClassModel)] {
    let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
    let exponents = parts.count == 2 ? parts[0].split(separator: ",").map { Double($0) } : []
    guard parts.count == 2, !exponents.isEmpty, let n = Int(parts[1]), (2...1000).contains(n),
      exponents.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 })
    else { throw AtlasError("zipf:\(rest): expected zipf:A:N or zipf:A1,A2,…:N with exponents ≥ 0 and N in 2...1000") }
    let texts = parts[0].split(separator: ",").map(String.init)
    guard Set(texts).count == texts.count else { throw AtlasError("zipf:\(rest): an exponent is listed twice") }
    return try zip(texts, exponents).map { text, exponent in
      ("zipf=\(text)", try LatentClassModel.classLevel(rho: ModelSpecification.zipf(exponent: exponent!, classes: n)))
    }
  }

  private static func overlap(_ rest: String) throws -> [(id: String, model: LatentClassModel)] {
    guard let steps = Int(rest), (1...1000).contains(steps) else {
      throw AtlasError("overlap:\(rest): expected overlap:STEPS with a whole number STEPS in 1...1000")
    }
    return try (0...steps).map { j in ("q=\(overlapShare(step: j, of: steps))", try overlapModel(step: j, of: steps)) }
  }

  /// The overlap parameter of step `j` of `steps`: `q = j / (2·steps)`, from 0 to 1/2.
  public static func overlapShare(step j: Int, of steps: Int) -> Rational { Rational(j, 2 * steps) }

  /// The overlap path (docs/theory.md §9), three classes with `ρ = (1/2, 1/3, 1/6)`.
  ///
  /// Points, in order: `a₀, s₀₁, a₁, s₁₂, a₂`. Class 0 puts mass `1 − q` on its own point `a₀`
  /// and `q` on `s₀₁`, which it shares with class 1; class 2 mirrors it with `s₁₂` and `a₂`;
  /// class 1 puts `q` on each shared point and `1 − 2q` on `a₁`. Points no class uses are
  /// dropped: `q = 0` is the disjoint class-level model, `0 < q < 1/2` has five points, and
  /// `q = 1/2` (where class 1 has no point of its own) is exactly the four-point model of
  /// `notebooks-md/general-overlap-model.json`.
  public static func overlapModel(step j: Int, of steps: Int) throws -> LatentClassModel {
    let q = overlapShare(step: j, of: steps)
    let one = Rational(1)
    let rows: [[Rational]] = [
      [one - q, q, 0, 0, 0],
      [0, q, one - q - q, q, 0],
      [0, 0, 0, q, one - q],
    ]
    let used = (0..<5).filter { x in rows.contains { $0[x].signum != 0 } }
    return try LatentClassModel(
      rho: [Rational(1, 2), Rational(1, 3), Rational(1, 6)], withinClass: rows.map { row in used.map { row[$0] } })
  }

  private static func file(_ path: String, readFile: (String) throws -> Data) throws -> [(
    id: String, model: LatentClassModel
  )] {
    guard !path.isEmpty else { throw AtlasError("file: expected file:PATH") }
    guard let data = try? readFile(path) else { throw AtlasError("file:\(path): cannot read the file") }
    guard let list = try? JSONSerialization.jsonObject(with: data) as? [Any], !list.isEmpty else {
      throw AtlasError("file:\(path): expected a non-empty JSON list of models")
    }
    return try list.enumerated().map { j, entry in
      guard entry is [String: Any] else { throw AtlasError("file:\(path): model \(j) is not a JSON object") }
      do {
        let object = try JSONSerialization.data(withJSONObject: entry)
        return ("#\(j)", try ModelSpecification.model(json: object))
      } catch {
        throw AtlasError("file:\(path): model \(j): \(error)")
      }
    }
  }
}
