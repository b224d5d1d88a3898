import Foundation
import Reports
import VerifyCommand
import XCTest

/// `verify atlas` and `verify merge` end to end on a tiny family: sharding, merging to the
/// same bytes, resuming a killed shard, and the one-line refusals.
final class AtlasCommandTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = try makeTemporaryFolder("atlas")
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private func run(_ arguments: [String]) -> (status: VerifyCommand.Status, output: String, errors: String) {
    runVerify(arguments)
  }

  private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  private func contents(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

  private let sweep = ["atlas", "--family", "rho3:5", "--k", "1...3", "--precision", "64"]

  func testShardedSweepMergesToTheUnshardedBytes() throws {
    XCTAssertEqual(run(sweep + ["--out", path("whole")]).status, .verified)
    for i in 1...2 {
      let result = run(sweep + ["--out", path("shards"), "--shard", "\(i)/2", "--jobs", "1"])
      XCTAssertEqual(result.status, .verified, result.errors)
      XCTAssertTrue(result.output.contains("Shard \(i)/2"), result.output)
    }
    let merged = run(["merge", path("shards"), "--out", path("merged.json")])
    XCTAssertEqual(merged.status, .verified, merged.errors)
    let whole = try contents("whole/atlas.json")
    XCTAssertEqual(try contents("merged.json"), whole)
    // The file names every point of rho3:5 once, in order, each with its verdicts.
    let document = try AtlasJSON.parse(Data(whole.utf8))
    XCTAssertEqual(
      document.points.map(\.id),
      ["rho=1,1,3/5", "rho=1,2,2/5", "rho=1,3,1/5", "rho=2,1,2/5", "rho=2,2,1/5", "rho=3,1,1/5"])
    XCTAssertTrue(document.points.allSatisfy { $0.pairs.count == 2 && $0.rows.map(\.negatives) == [1, 2, 3] })
    XCTAssertFalse(whole.contains("seconds"))
    // Reading and writing again changes nothing.
    XCTAssertEqual(AtlasJSON.document(document).rendered(), whole)
  }

  /// Version 1 files predate the `refinement` field; every row of them was refined.
  func testVersionOneFilesReadAsRefiningEveryRow() throws {
    XCTAssertEqual(run(sweep + ["--out", path("whole"), "--refine", "every"]).status, .verified)
    let text = try contents("whole/atlas.json")
    XCTAssertTrue(text.contains("\"refinement\": \"every\",\n"), text)
    let old = text.replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 1,")
      .replacingOccurrences(of: "  \"refinement\": \"every\",\n", with: "")
    XCTAssertEqual(try AtlasJSON.parse(Data(old.utf8)).header.refinement, .every)
    let unknown = text.replacingOccurrences(of: "\"refinement\": \"every\"", with: "\"refinement\": \"most\"")
    XCTAssertThrowsError(try AtlasJSON.parse(Data(unknown.utf8)))
  }

  func testAKilledShardIsResumedWithoutRedoingFinishedPoints() throws {
    let shard = sweep + ["--out", path("shards"), "--shard", "1/2"]
    XCTAssertEqual(run(shard).status, .verified)
    let file = path("shards/shard-1-of-2.json")
    let finished = try AtlasJSON.parse(Data(contentsOf: URL(fileURLWithPath: file)))
    XCTAssertEqual(finished.points.map(\.index), [0, 2, 4])
    // Simulate a kill after two points, and mark one finished point so a recomputation would show.
    var partial = finished
    partial.points.removeLast()
    let marked = partial.points[0].rows[0]
    var text = AtlasJSON.document(partial).rendered()
    let first = try XCTUnwrap(text.range(of: "\"certified_gap\": [\"\(marked.gap!)\""))
    text.replaceSubrange(first, with: "\"certified_gap\": [\"0.00424242\"")
    XCTAssertTrue(text.contains("0.00424242"))
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    let resumed = run(shard)
    XCTAssertEqual(resumed.status, .verified, resumed.errors)
    XCTAssertTrue(resumed.output.contains("1 computed now, 2 read back"), resumed.output)
    let after = try AtlasJSON.parse(Data(contentsOf: URL(fileURLWithPath: file)))
    XCTAssertEqual(after.points.map(\.index), [0, 2, 4])
    XCTAssertEqual(after.points[0].rows[0].gap, "0.00424242")
    XCTAssertEqual(after.points[2], finished.points[2])
  }

  func testMergeRefusesMissingOverlappingAndForeignShardsWithOneLine() throws {
    for i in 1...2 { XCTAssertEqual(run(sweep + ["--out", path("a"), "--shard", "\(i)/2"]).status, .verified) }
    XCTAssertEqual(run(sweep + ["--out", path("b"), "--shard", "1/3"]).status, .verified)
    XCTAssertEqual(run(sweep + ["--out", path("c"), "--shard", "2/2", "--scale", "2"]).status, .verified)
    XCTAssertEqual(run(sweep + ["--out", path("d"), "--shard", "2/2", "--refine", "every"]).status, .verified)
    let cases: [([String], String)] = [
      ([path("a/shard-1-of-2.json")], "missing shard 2/2"),
      ([path("a"), path("b")], "overlapping shards"),
      ([path("a/shard-1-of-2.json"), path("c")], "scale 2, expected 1"),
      ([path("a/shard-1-of-2.json"), path("d")], "refinement every, expected needed"),
      ([path("a"), path("a")], "given twice"),
      ([path("nowhere")], "no such file or folder"),
    ]
    for (inputs, expected) in cases {
      let result = run(["merge"] + inputs + ["--out", path("merged.json")])
      XCTAssertEqual(result.status, .refutedOrIOError, "\(expected)")
      XCTAssertTrue(result.errors.hasPrefix("verify merge: ") && result.errors.contains(expected), result.errors)
      XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, result.errors)
      XCTAssertFalse(FileManager.default.fileExists(atPath: path("merged.json")), expected)
    }
  }

  func testUsageErrorsNameTheFlagAndWriteNothing() {
    let cases: [([String], String)] = [
      (["atlas", "--k", "1...3", "--out", path("x")], "--family: missing"),
      (["atlas", "--family", "rho3:1", "--k", "1...3", "--out", path("x")], "--family"),
      (["atlas", "--family", "rho3:5", "--k", "2", "--out", path("x")], "--k"),
      (["atlas", "--family", "rho3:5", "--k", "1...3", "--out", path("x"), "--shard", "3/2"], "--shard"),
      (["atlas", "--family", "rho3:5", "--k", "1...3", "--out", path("x"), "--jobs", "0"], "--jobs"),
      (["atlas", "--family", "rho3:5", "--k", "1...3", "--out", path("x"), "--scale", "-1"], "--scale"),
      (["atlas", "--family", "rho3:5", "--k", "1...3", "--out", path("x"), "--precision", "8"], "--precision"),
      (["atlas", "--family", "rho3:5", "--k", "1...3", "--out", path("x"), "--refine", "some"], "--refine"),
      (["atlas", "--family", "rho3:5", "--k", "1...3", "--out", path("x"), "--bogus", "1"], "unknown option"),
      (["atlas", "--family", "rho3:5", "--k", "1...3"], "--out: missing"),
      (["merge", "--out", path("m.json")], "expected the shard folders"),
      (["merge", path("x")], "--out: missing"),
    ]
    for (arguments, expected) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, .usage, "\(arguments)")
      XCTAssertTrue(result.errors.contains(expected), "\(arguments): \(result.errors)")
      XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "\(arguments)")
      XCTAssertEqual(result.output, "")
      XCTAssertFalse(FileManager.default.fileExists(atPath: path("x")), "\(arguments)")
    }
  }
}
