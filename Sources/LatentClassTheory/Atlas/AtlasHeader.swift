import ExactArithmetic

/// The settings an atlas file was computed with. Two shards can be merged only when
/// their headers agree; a resumed run continues only a file with its own header.
public struct AtlasHeader: Sendable, Equatable {
  /// The atlas file format; bump when the recorded fields or their meaning change. Version 2 records
  /// ``refinement``; version 1 files refined every row (their families have multinomial rows only).
  public static let formatVersion = 2

  public let version: Int
  /// The family description (``AtlasFamily/description``).
  public let family: String
  /// The dirichlet seed, `nil` for other families.
  public let seed: UInt64?
  /// The number of points in the whole family.
  public let pointCount: Int
  public let negatives: [Int]
  public let scale: Rational
  public let precision: Int
  public let gapTolerance: Rational
  /// Which rows were refined in MPFR before locating (``RefinementPolicy``).
  public let refinement: RefinementPolicy
  /// What the verdicts are about (``AtlasPoint/about``).
  public let about: String

  public init(
    version: Int = AtlasHeader.formatVersion, family: String, seed: UInt64?, pointCount: Int, negatives: [Int],
    scale: Rational, precision: Int, gapTolerance: Rational, refinement: RefinementPolicy = Defaults.refinement,
    about: String = AtlasPoint.about
  ) {
    self.version = version
    self.family = family
    self.seed = seed
    self.pointCount = pointCount
    self.negatives = negatives
    self.scale = scale
    self.precision = precision
    self.gapTolerance = gapTolerance
    self.refinement = refinement
    self.about = about
  }

  /// The first setting in which `other` differs, as `"name: mine vs other"`, or `nil`.
  public func firstDifference(from other: AtlasHeader) -> String? {
    let fields: [(String, String, String)] = [
      ("version", "\(version)", "\(other.version)"),
      ("family", family, other.family),
      ("seed", seed.map(String.init) ?? "none", other.seed.map(String.init) ?? "none"),
      ("points", "\(pointCount)", "\(other.pointCount)"),
      ("k", negatives.map(String.init).joined(separator: ","), other.negatives.map(String.init).joined(separator: ",")),
      ("scale", scale.description, other.scale.description),
      ("precision", "\(precision)", "\(other.precision)"),
      ("gap tolerance", gapTolerance.description, other.gapTolerance.description),
      ("refinement", refinement.rawValue, other.refinement.rawValue),
      ("about", about, other.about),
    ]
    return fields.first { $0.1 != $0.2 }.map { "\($0.0) \($0.2), expected \($0.1)" }
  }
}

/// An atlas file: the whole family (`shard == nil`, `atlas.json`) or one shard
/// (`shard-i-of-n.json`), with the points finished so far in family order.
public struct AtlasDocument: Sendable, Equatable {
  public var header: AtlasHeader
  public var shard: AtlasShard?
  /// Finished points, sorted by ``AtlasPointResult/index``.
  public var points: [AtlasPointResult]

  public init(header: AtlasHeader, shard: AtlasShard?, points: [AtlasPointResult]) {
    self.header = header
    self.shard = shard
    self.points = points.sorted { $0.index < $1.index }
  }

  /// The number of points this file holds when finished.
  public var expectedCount: Int { shard?.size(of: header.pointCount) ?? header.pointCount }

  /// Whether every point of the family (or shard) is present.
  public var isComplete: Bool { points.count == expectedCount }

  /// The file name inside the output folder: `atlas.json` or `shard-i-of-n.json`.
  public static func fileName(for shard: AtlasShard?) -> String {
    shard.map { "shard-\($0.index)-of-\($0.count).json" } ?? "atlas.json"
  }
}
