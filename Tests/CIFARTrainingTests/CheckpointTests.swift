import Foundation
import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// The checkpoint file: the current version round-trips the per-epoch evaluations, and
/// a version-2 file (written before they existed) still resumes.
final class CheckpointTests: XCTestCase {
  private var path = ""

  override func setUp() {
    path = NSTemporaryDirectory() + "cifar-checkpoint-\(UUID().uuidString).bin"
  }

  override func tearDown() {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// A small state with distinct values in every field, so a field read into the wrong place shows.
  static func sampleState(evaluations: [EpochEvaluation]) -> TrainingState {
    var optimizer = AdamOptimizer(parameterCount: 2, weightDecay: 5e-4)
    optimizer.firstMoment = [0.25, -0.5]
    optimizer.secondMoment = [0.125, 3]
    optimizer.step = 11
    return TrainingState(
      fingerprint: "config images=3", epochsCompleted: 2, parameters: [1.5, -2], runningStatistics: [0.75],
      optimizer: optimizer, generator: SplitMix64(seed: 0xDEAD_BEEF), epochLosses: [3.5, 2.25], trainingSeconds: 4.5,
      epochEvaluations: evaluations)
  }

  func testEvaluationsRoundTripBitForBit() throws {
    let state = Self.sampleState(evaluations: [
      EpochEvaluation(epoch: 1, meanClassifierAccuracy: 0.1, meanClassifierLoss: 2.302_585_092_994_046),
      EpochEvaluation(epoch: 2, meanClassifierAccuracy: 1.0 / 3, meanClassifierLoss: .infinity),
    ])
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(Checkpoint.encode(state))))
    XCTAssertEqual(try Checkpoint.read(from: path, weightDecay: 5e-4), state)
  }

  func testGeometryRoundTrips() throws {
    let geometry = NeuralCollapseMeasures(
      features: [1.5, 1, 0.5, -1, -0.5, 1, -1.5, -1], labels: [0, 0, 1, 1], classCount: 2, dimension: 2)
    let state = Self.sampleState(evaluations: [
      EpochEvaluation(epoch: 1, meanClassifierAccuracy: 0.1, meanClassifierLoss: 2),
      EpochEvaluation(
        epoch: 2, meanClassifierAccuracy: 0.2, meanClassifierLoss: 1, trainGeometry: geometry, testGeometry: geometry),
    ])
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(Checkpoint.encode(state))))
    XCTAssertEqual(try Checkpoint.read(from: path, weightDecay: 5e-4), state)
  }

  func testVersion2CheckpointResumesWithoutEvaluations() throws {
    // The version-2 layout, spelled out here independently of the writer.
    var bytes = Array("CIFARCK2".utf8)
    func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    func append(_ values: [Float]) {
      append(UInt64(values.count))
      for value in values { append(value.bitPattern) }
    }
    let fingerprint = Array("config images=3".utf8)
    append(UInt64(fingerprint.count))
    bytes += fingerprint
    append(UInt64(2))  // epochs completed
    append(UInt64(0xDEAD_BEEF))  // generator state
    append(UInt64(11))  // Adam step
    append((4.5 as Double).bitPattern)
    append([1.5, -2])  // parameters
    append([0.75])  // running statistics
    append([0.25, -0.5])  // first moment
    append([0.125, 3])  // second moment
    append([3.5, 2.25])  // epoch losses
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    XCTAssertEqual(try Checkpoint.read(from: path, weightDecay: 5e-4), Self.sampleState(evaluations: []))
  }

  func testTruncatedEvaluationsAreRejected() throws {
    let state = Self.sampleState(evaluations: [
      EpochEvaluation(epoch: 1, meanClassifierAccuracy: 0.5, meanClassifierLoss: 1)
    ])
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(Checkpoint.encode(state))))
    let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bytes.dropLast(8)))
    XCTAssertThrowsError(try Checkpoint.read(from: path, weightDecay: 5e-4)) { error in
      XCTAssertEqual(error as? TrainingError, .file(path: path, message: "truncated or not a train-cifar checkpoint"))
    }
  }
}
