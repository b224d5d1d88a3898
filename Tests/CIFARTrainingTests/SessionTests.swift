import Foundation
import XCTest

@testable import CIFARTraining

/// A whole `train-cifar` sweep on a miniature CIFAR-10 folder: results JSON, per-k
/// files, refusal to overwrite, and resume.
final class SessionTests: XCTestCase {
  func testSweepWritesResultsAndResumes() throws {
    let root = NSTemporaryDirectory() + "cifar-session-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let folder = root + "/cifar-10-batches-bin"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var generator = SplitMix64(seed: 51)
    for name in CIFARDataset.cifar10.trainingFiles + CIFARDataset.cifar10.testFiles {
      // 12 images per file, classes 0…3 (4…9 absent, as a subset run would see them).
      let bytes = (0..<12).flatMap { index in
        [UInt8(index % 4)] + (0..<CIFARDataset.pixelsPerImage).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      }
      XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)))
    }
    let arguments = [
      "--data", root, "--out", root + "/out", "--k", "1,2", "--epochs", "1", "--channels", "2", "--dim", "3",
      "--batch", "8", "--classes", "0,1,2", "--nce-draws", "50",
    ]
    let result = try TrainingSession(options: TrainingOptions.parse(arguments)).run()
    XCTAssertEqual(result.runs.map(\.negatives), [1, 2])
    XCTAssertEqual(result.trainImages, 45, "5 files × 12 images, 9 of every 12 in classes 0…2")
    XCTAssertEqual(result.runs[0].evaluation.geometry.classMeanCosines.count, 3)
    XCTAssertEqual(result.runs[0].evaluation.geometry.simplexCosine, -0.5)
    let data = try XCTUnwrap(FileManager.default.contents(atPath: root + "/out/results.json"))
    XCTAssertEqual(try JSONDecoder.results.decode(SweepResult.self, from: data), result)

    XCTAssertThrowsError(try TrainingSession(options: TrainingOptions.parse(arguments)).run(), "would overwrite") {
      error in
      XCTAssertEqual((error as? TrainingError)?.exitCode, 64)
    }
    let resumed = try TrainingSession(options: TrainingOptions.parse(arguments + ["--resume"])).run()
    XCTAssertEqual(resumed, result, "finished runs are reused, not retrained")
  }

  func testResultsWrittenBeforeBatchNormStillDecode() throws {
    let json = #"{"imageSide": 32, "channels": [32, 64, 128], "embeddingDimension": 128, "sphere": false}"#
    let configuration = try JSONDecoder().decode(EncoderConfiguration.self, from: Data(json.utf8))
    XCTAssertEqual(configuration, EncoderConfiguration(batchNorm: false))
    let roundTrip = try JSONDecoder().decode(
      EncoderConfiguration.self, from: JSONEncoder().encode(EncoderConfiguration()))
    XCTAssertEqual(roundTrip, EncoderConfiguration())
  }
}
