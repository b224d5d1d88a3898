import LatentClassTheory
import TestSupport
import XCTest

/// Shard partition and the Slurm array mapping (docs/theory.md §9).
final class AtlasShardTests: XCTestCase {
  func testShardsCoverEveryPointExactlyOnce() throws {
    forEachSeed(200) { random, label in
      let n = 1 + random.index(below: 40)
      let total = random.index(below: 300)
      var owners = [Int](repeating: 0, count: total)
      for i in 1...n {
        let shard = try! AtlasShard(index: i, count: n)
        let mine = (0..<total).filter(shard.contains)
        XCTAssertEqual(mine.count, shard.size(of: total), "\(label): shard \(shard) of \(total)")
        // Every n-th point, starting with point i − 1.
        XCTAssertEqual(mine, Array(stride(from: i - 1, to: total, by: n)), label)
        for j in mine { owners[j] += 1 }
      }
      XCTAssertEqual(owners, Array(repeating: 1, count: total), label)
    }
  }

  func testShardTextMustBeIOfNWithIBetweenOneAndN() {
    XCTAssertEqual(try AtlasShard("2/4"), try AtlasShard(index: 2, count: 4))
    for text in ["0/4", "5/4", "2", "a/b", "1/0", "-1/3", "1/2/3"] {
      XCTAssertThrowsError(try AtlasShard(text), text)
    }
  }

  func testSlurmArraysFromZeroOrOneGiveShardsOneToN() throws {
    func environment(_ id: Int, _ min: Int, _ max: Int, _ count: Int) -> [String: String] {
      [
        "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max)",
        "SLURM_ARRAY_TASK_COUNT": "\(count)",
      ]
    }
    XCTAssertNil(try AtlasShard.fromSlurm([:]))
    XCTAssertEqual(try AtlasShard.fromSlurm(environment(0, 0, 3, 4)), try AtlasShard(index: 1, count: 4))
    XCTAssertEqual(try AtlasShard.fromSlurm(environment(3, 0, 3, 4)), try AtlasShard(index: 4, count: 4))
    XCTAssertEqual(try AtlasShard.fromSlurm(environment(1, 1, 4, 4)), try AtlasShard(index: 1, count: 4))
    // --array=1,3,5: not shards 1…3.
    XCTAssertThrowsError(try AtlasShard.fromSlurm(environment(3, 1, 5, 3)))
    XCTAssertThrowsError(try AtlasShard.fromSlurm(["SLURM_ARRAY_TASK_ID": "1"]))
  }
}
