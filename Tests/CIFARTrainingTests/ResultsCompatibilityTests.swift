import Foundation
import TrainingResults
import XCTest

@testable import CIFARTraining

/// Results written before `--seeds` and per-epoch evaluation (schema version 1), as
/// committed in `notebooks-md/data/`, still decode, with the documented defaults.
final class ResultsCompatibilityTests: XCTestCase {
  /// The committed uniform CIFAR-10 sweep, found from this file so the test runs from any directory.
  static let committedSweep = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("notebooks-md/data/cifar10-sweep.json")

  func testCommittedVersion1SweepDecodesWithDefaults() throws {
    let text = try String(contentsOf: Self.committedSweep, encoding: .utf8)
    XCTAssertFalse(text.contains("epochEvaluations"), "the fixture must be of the old format")
    XCTAssertFalse(text.contains("evalEvery"), "the fixture must be of the old format")
    let sweep = try SweepResult.load(contentsOf: Self.committedSweep)
    XCTAssertEqual(sweep.schemaVersion, 1)
    XCTAssertEqual(sweep.runs.map(\.negatives), [1, 4, 16, 64, 256])
    XCTAssertEqual(sweep.runs.map(\.seed), Array(repeating: sweep.seed, count: 5))
    XCTAssertTrue(sweep.runs.allSatisfy { $0.epochEvaluations.isEmpty })
    XCTAssertNil(sweep.evalEvery)
    XCTAssertNil(sweep.evalTrainSubset)
    XCTAssertEqual(sweep.runs[0].evaluation.meanClassifierAccuracy, 0.3849, accuracy: 5e-5)

    // Re-encoded, it is a version-2 document with explicit seeds that decodes to the same value.
    let encoded = try JSONEncoder.results.encode(sweep)
    XCTAssertTrue(String(decoding: encoded, as: UTF8.self).contains("\"epochEvaluations\" : ["))
    XCTAssertEqual(try JSONDecoder.results.decode(SweepResult.self, from: encoded), sweep)
  }

  /// A version-1 run takes the sweep's seed, whatever it is (the committed sweeps all used 0).
  func testVersion1RunsTakeTheSweepSeed() throws {
    var document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: Self.committedSweep)) as? [String: Any])
    document["seed"] = 42
    let sweep = try JSONDecoder.results.decode(SweepResult.self, from: JSONSerialization.data(withJSONObject: document))
    XCTAssertEqual(sweep.runs.map(\.seed), Array(repeating: 42, count: 5))

    // A lone result.json of that version: the seed its decoder is given, else 0.
    let run = try JSONSerialization.data(withJSONObject: try XCTUnwrap((document["runs"] as? [Any])?.first))
    XCTAssertEqual(try JSONDecoder.results(defaultSeed: 9).decode(NegativesRunResult.self, from: run).seed, 9)
    XCTAssertEqual(try JSONDecoder.results.decode(NegativesRunResult.self, from: run).seed, 0)
  }
}

/// Version-2 results (per-epoch evaluations without geometry) still decode.
final class Version2ResultsTests: XCTestCase {
  func testCommittedVersion2SweepDecodesWithoutGeometry() throws {
    let url = ResultsCompatibilityTests.committedSweep.deletingLastPathComponent()
      .appendingPathComponent("cifar10-sweep-e6.json")
    let sweep = try SweepResult.load(contentsOf: url)
    XCTAssertEqual(sweep.schemaVersion, 2)
    let evaluations = sweep.runs.flatMap(\.epochEvaluations)
    XCTAssertFalse(evaluations.isEmpty)
    XCTAssertTrue(evaluations.allSatisfy { $0.trainGeometry == nil && $0.testGeometry == nil })
  }
}
