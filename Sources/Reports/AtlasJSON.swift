import ExactArithmetic
import Foundation
import LatentClassTheory

/// The JSON form of an atlas file (`atlas.json`, `shard-i-of-n.json`), written and read back
/// losslessly: reading a file and writing it again gives the same bytes, which is what lets a
/// merge reproduce the unsharded atlas exactly and a resumed run keep its finished points.
public enum AtlasJSON {
  /// The value of the top-level `"format"` member.
  public static let format = "contrastive-negatives atlas"

  /// The document, with a `"shard"` member only for shard files and no timings.
  public static func document(_ atlas: AtlasDocument) -> JSONValue {
    let h = atlas.header
    let counts = Verdict.orderingOrder.map { verdict in
      (verdict.phrase(for: .ordering), JSONValue.integer(atlas.points.filter { $0.verdict == verdict }.count))
    }
    var members: [(key: String, value: JSONValue)] = [
      ("format", .string(format)),
      ("version", .integer(h.version)),
      ("family", .string(h.family)),
      ("seed", h.seed.map { .string(String($0)) } ?? .null),
      ("points_total", .integer(h.pointCount)),
      ("k", .array(h.negatives.map { .integer($0) })),
      ("scale", .string(h.scale.description)),
      ("precision_bits", .integer(h.precision)),
      ("gap_tolerance", .string(h.gapTolerance.description)),
      ("refinement", .string(h.refinement.rawValue)),
      ("about", .string(h.about)),
    ]
    if let shard = atlas.shard { members.append(("shard", .string(shard.description))) }
    members += [
      ("complete", .bool(atlas.isComplete)),
      ("summary", .object(counts)),
      ("points", .array(atlas.points.map(point))),
    ]
    return .object(members)
  }

  private static func point(_ p: AtlasPointResult) -> JSONValue {
    return .object([
      ("index", .integer(p.index)),
      ("id", .string(p.id)),
      (
        "model",
        .object([
          ("classes", .integer(p.model.classCount)),
          ("points", .integer(p.model.pointCount)),
          ("rho", .array(p.model.rho.map { .string($0.description) })),
          ("distributions", .array(p.model.withinClass.map { .array($0.map { .string($0.description) }) })),
        ])
      ),
      ("overlapping", .bool(p.model.isOverlapping)),
      ("verdict", .string(p.verdict.phrase(for: .ordering))),
      ("largest_increase", p.largestIncrease.map { .string($0) } ?? .null),
      ("k", .array(p.rows.map { .integer($0.negatives) })),
      ("status", .array(p.rows.map { .string($0.status) })),
      ("certified_gap", .array(p.rows.map { $0.gap.map { .string($0) } ?? .null })),
      ("downstream_lo", .array(p.rows.map { $0.downstream.map { .string($0.lower) } ?? .null })),
      ("downstream_hi", .array(p.rows.map { $0.downstream.map { .string($0.upper) } ?? .null })),
      ("pair_verdicts", .array(p.pairs.map { .string($0.verdict.phrase(for: .ordering)) })),
      ("change_lo", .array(p.pairs.map { $0.change.map { .string($0.lower) } ?? .null })),
      ("change_hi", .array(p.pairs.map { $0.change.map { .string($0.upper) } ?? .null })),
    ])
  }

  /// Reads an atlas or shard file.
  ///
  /// - Throws: ``AtlasError`` naming the first member that is missing or malformed.
  public static func parse(_ data: Data) throws -> AtlasDocument {
    guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw AtlasError("not a JSON object")
    }
    guard root["format"] as? String == format else {
      throw AtlasError("not an atlas file (no \"format\": \"\(format)\")")
    }
    let reader = Reader(root, path: "")
    let shard = try root["shard"].map { value -> AtlasShard in
      guard let text = value as? String else { throw AtlasError("\"shard\" must be a string i/n") }
      return try AtlasShard(text)
    }
    let seed = try reader.optionalString("seed").map { text -> UInt64 in
      guard let seed = UInt64(text) else { throw AtlasError("\"seed\" must be a whole number") }
      return seed
    }
    let version = try reader.integer("version")
    // Version 1 files predate the field; they refined every row.
    var refinement = RefinementPolicy.every
    if version >= 2 {
      let text = try reader.string("refinement")
      guard let policy = RefinementPolicy(rawValue: text) else {
        let names = RefinementPolicy.allCases.map(\.rawValue).joined(separator: " or ")
        throw AtlasError("\"refinement\" must be \(names), got \"\(text)\"")
      }
      refinement = policy
    }
    let header = AtlasHeader(
      version: version, family: try reader.string("family"), seed: seed,
      pointCount: try reader.integer("points_total"), negatives: try reader.integers("k"),
      scale: try reader.rational("scale"), precision: try reader.integer("precision_bits"),
      gapTolerance: try reader.rational("gap_tolerance"), refinement: refinement, about: try reader.string("about"))
    let points = try reader.objects("points").map(parsePoint)
    return AtlasDocument(header: header, shard: shard, points: points)
  }

  private static func parsePoint(_ r: Reader) throws -> AtlasPointResult {
    let m = try r.object("model")
    let model: LatentClassModel
    do {
      model = try LatentClassModel(
        rho: try m.rationals("rho"), withinClass: try m.lists("distributions").map { try $0.rationals() })
    } catch let error as ModelError {
      throw AtlasError("\(m.path): \(error)")
    }
    let ks = try r.integers("k")
    let status = try r.strings("status")
    let gaps = try r.optionalStrings("certified_gap")
    let downstream = try r.bounds("downstream_lo", "downstream_hi")
    let verdicts = try r.strings("pair_verdicts").map { text in
      guard let verdict = Verdict(orderingPhrase: text) else {
        throw AtlasError("\(r.path): unknown verdict '\(text)'")
      }
      return verdict
    }
    let changes = try r.bounds("change_lo", "change_hi")
    guard ks.count >= 1, [status.count, gaps.count, downstream.count].allSatisfy({ $0 == ks.count }),
      [verdicts.count, changes.count].allSatisfy({ $0 == ks.count - 1 })
    else { throw AtlasError("\(r.path): the lists per k and per pair have different lengths") }
    let rows = ks.indices.map {
      AtlasPointResult.Row(negatives: ks[$0], status: status[$0], gap: gaps[$0], downstream: downstream[$0])
    }
    let pairs = verdicts.indices.map {
      AtlasPointResult.Pair(from: ks[$0], to: ks[$0 + 1], verdict: verdicts[$0], change: changes[$0])
    }
    return AtlasPointResult(
      index: try r.integer("index"), id: try r.string("id"), model: model, rows: rows, pairs: pairs)
  }

  /// Typed access to one JSON object, with the member path for error messages.
  private struct Reader {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String) {
      self.object = object
      self.path = path
    }

    private func fail(_ key: String, _ expected: String) -> AtlasError {
      AtlasError("\"\(path.isEmpty ? key : path + "." + key)\" must be \(expected)")
    }

    func string(_ key: String) throws -> String {
      guard let value = object[key] as? String else { throw fail(key, "a string") }
      return value
    }

    func optionalString(_ key: String) throws -> String? {
      if object[key] is NSNull { return nil }
      return try string(key)
    }

    func integer(_ key: String) throws -> Int {
      guard let number = object[key] as? NSNumber, let value = Int(exactly: number.doubleValue) else {
        throw fail(key, "a whole number")
      }
      return value
    }

    func integers(_ key: String) throws -> [Int] {
      guard let list = object[key] as? [NSNumber] else { throw fail(key, "a list of whole numbers") }
      return try list.map {
        guard let value = Int(exactly: $0.doubleValue) else { throw fail(key, "a list of whole numbers") }
        return value
      }
    }

    func rational(_ key: String) throws -> Rational {
      guard let value = Rational(try string(key)) else { throw fail(key, "an exact rational string") }
      return value
    }

    func rationals(_ key: String) throws -> [Rational] {
      guard let list = object[key] as? [String], let values = Optional(list.compactMap(Rational.init)),
        values.count == list.count
      else { throw fail(key, "a list of rational strings") }
      return values
    }

    func lists(_ key: String) throws -> [Reader] {
      guard let list = object[key] as? [[String]] else { throw fail(key, "a list of lists of rational strings") }
      return list.enumerated().map { Reader(["values": $0.element], path: "\(path).\(key)[\($0.offset)]") }
    }

    func rationals() throws -> [Rational] { try rationals("values") }

    func object(_ key: String) throws -> Reader {
      guard let value = object[key] as? [String: Any] else { throw fail(key, "an object") }
      return Reader(value, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func objects(_ key: String) throws -> [Reader] {
      guard let list = object[key] as? [[String: Any]] else { throw fail(key, "a list of objects") }
      return list.enumerated().map { Reader($0.element, path: "\(path.isEmpty ? "" : path + ".")\(key)[\($0.offset)]") }
    }

    func strings(_ key: String) throws -> [String] {
      guard let list = object[key] as? [String] else { throw fail(key, "a list of strings") }
      return list
    }

    func optionalStrings(_ key: String) throws -> [String?] {
      guard let list = object[key] as? [Any] else { throw fail(key, "a list of strings or nulls") }
      return try list.map {
        if $0 is NSNull { return nil }
        guard let text = $0 as? String else { throw fail(key, "a list of strings or nulls") }
        return text
      }
    }

    /// Lower and upper decimal bounds from two parallel lists; `nil` where both are null.
    func bounds(_ lowerKey: String, _ upperKey: String) throws -> [(lower: String, upper: String)?] {
      let (lower, upper) = (try optionalStrings(lowerKey), try optionalStrings(upperKey))
      guard lower.count == upper.count else { throw fail(upperKey, "as long as \"\(lowerKey)\"") }
      return try zip(lower, upper).map { lo, hi in
        if lo == nil && hi == nil { return nil }
        guard let lo, let hi, let l = Rational(lo), let h = Rational(hi), l <= h else {
          throw fail(lowerKey, "decimals at most the matching \"\(upperKey)\"")
        }
        return (lo, hi)
      }
    }
  }
}
