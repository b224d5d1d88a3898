/// Combines shard files into the whole atlas, after checking that they belong together
/// and cover every point exactly once (docs/theory.md §9).
public enum AtlasMerge {
  /// Merges `shards` (each with the name it was read from, for messages).
  ///
  /// - Throws: ``AtlasError`` for no shards, an unsharded file, a header that differs from
  ///   the first shard's (another family, k, scale, precision or version), an unfinished shard,
  ///   a point outside its shard, a point present twice (a duplicate or overlapping shard),
  ///   or a point present in none (a missing shard).
  /// - Complexity: O(total points · log).
  public static func merge(_ shards: [(name: String, document: AtlasDocument)]) throws -> AtlasDocument {
    guard let first = shards.first else { throw AtlasError("no shard files to merge") }
    let header = first.document.header
    var seen: [AtlasShard: String] = [:]
    for (name, document) in shards {
      guard let shard = document.shard else { continue }
      if let other = seen[shard] { throw AtlasError("shard \(shard) is given twice: \(other) and \(name)") }
      seen[shard] = name
    }
    var owner = [String?](repeating: nil, count: header.pointCount)
    var points: [AtlasPointResult] = []
    for (name, document) in shards {
      guard let shard = document.shard else { throw AtlasError("\(name) is a whole atlas, not a shard") }
      if let difference = header.firstDifference(from: document.header) {
        throw AtlasError("\(name) is from another run: \(difference) (as in \(first.name))")
      }
      guard document.isComplete else {
        throw AtlasError(
          "\(name) is unfinished: \(document.points.count) of \(document.expectedCount) points; rerun shard \(shard) to finish it"
        )
      }
      for point in document.points {
        guard shard.contains(point.index), point.index < header.pointCount else {
          throw AtlasError("\(name): point \(point.index) does not belong to shard \(shard)")
        }
        if let other = owner[point.index] {
          throw AtlasError("point \(point.index) (\(point.id)) is in both \(other) and \(name): overlapping shards")
        }
        owner[point.index] = name
        points.append(point)
      }
    }
    if let gap = owner.firstIndex(where: { $0 == nil }) {
      let counts = Set(shards.compactMap { $0.document.shard?.count })
      if counts.count == 1, let n = counts.first {
        let given = Set(shards.compactMap { $0.document.shard?.index })
        let missing = (1...n).filter { !given.contains($0) }.map { "\($0)/\(n)" }
        throw AtlasError("missing shard \(missing.joined(separator: ", ")): point \(gap) is in no shard file")
      }
      throw AtlasError("point \(gap) is in no shard file: a shard is missing")
    }
    return AtlasDocument(header: header, shard: nil, points: points)
  }
}
