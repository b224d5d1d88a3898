import ExactArithmetic
import LatentClassTheory
import XCTest

/// `AtlasMerge` refuses every shard set that does not cover the family exactly once.
final class AtlasMergeTests: XCTestCase {
  private let family = try! AtlasFamily("rho3:6")

  private func header(scale: Rational = 1) -> AtlasHeader {
    AtlasHeader(
      family: family.description, seed: nil, pointCount: family.points.count, negatives: [1, 2], scale: scale,
      precision: 64, gapTolerance: Rational(1, 100))
  }

  /// A stand-in result: merging never looks at the numbers.
  private func result(_ index: Int) -> AtlasPointResult {
    let point = family.points[index]
    return AtlasPointResult(
      index: index, id: point.id, model: point.model,
      rows: [1, 2].map { .init(negatives: $0, status: "verified", gap: "1e-12", downstream: ("0.5", "0.6")) },
      pairs: [.init(from: 1, to: 2, verdict: .verified, change: ("-0.2", "-0.1"))])
  }

  private func shard(_ i: Int, of n: Int, scale: Rational = 1, dropping dropped: Int? = nil) -> (
    name: String, document: AtlasDocument
  ) {
    let shard = try! AtlasShard(index: i, count: n)
    let points = (0..<family.points.count).filter { shard.contains($0) && $0 != dropped }.map(result)
    return ("shard-\(i)-of-\(n).json", AtlasDocument(header: header(scale: scale), shard: shard, points: points))
  }

  func testCompleteShardsMergeIntoTheWholeAtlas() throws {
    let merged = try AtlasMerge.merge([shard(3, of: 3), shard(1, of: 3), shard(2, of: 3)])
    XCTAssertEqual(merged, AtlasDocument(header: header(), shard: nil, points: (0..<10).map(result)))
    XCTAssertTrue(merged.isComplete)
  }

  func testMergeRefusesMissingOverlappingForeignUnfinishedAndRepeatedShards() {
    let cases: [([(name: String, document: AtlasDocument)], String)] = [
      ([shard(1, of: 3), shard(3, of: 3)], "missing shard 2/3"),
      ([shard(1, of: 2), shard(2, of: 2), shard(2, of: 3)], "overlapping shards"),
      ([shard(1, of: 2), shard(2, of: 2, scale: 2)], "scale 2, expected 1"),
      ([shard(1, of: 2), shard(2, of: 2, dropping: 3)], "unfinished: 4 of 5 points"),
      ([shard(1, of: 2), shard(1, of: 2), shard(2, of: 2)], "given twice"),
      ([("atlas.json", AtlasDocument(header: header(), shard: nil, points: []))], "not a shard"),
      ([], "no shard files"),
    ]
    for (shards, expected) in cases {
      XCTAssertThrowsError(try AtlasMerge.merge(shards), expected) { error in
        XCTAssertTrue("\(error)".contains(expected), "\(expected): \(error)")
        XCTAssertFalse("\(error)".contains("\n"))
      }
    }
  }
}
