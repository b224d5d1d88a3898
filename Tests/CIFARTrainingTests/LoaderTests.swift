import Foundation
import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// Reading, validating and subsetting the CIFAR binary formats.
final class LoaderTests: XCTestCase {
  var directory: String!

  override func setUpWithError() throws {
    directory = NSTemporaryDirectory() + "cifar-loader-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// A record: the label bytes, then 3072 pixels that encode the record number.
  func record(labels: [UInt8], seed: Int) -> [UInt8] {
    labels + (0..<CIFARDataset.pixelsPerImage).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed) }
  }

  func write(_ bytes: [UInt8], _ name: String) -> String {
    let path = (directory as NSString).appendingPathComponent(name)
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
  }

  func testCIFAR10RoundTrip() throws {
    let path = write(record(labels: [3], seed: 0) + record(labels: [9], seed: 1), "batch.bin")
    let images = try CIFARLoader.read(files: [path], dataset: .cifar10)
    XCTAssertEqual(images.labels, [3, 9])
    XCTAssertEqual(Array(images.pixels[CIFARDataset.pixelsPerImage..<CIFARDataset.pixelsPerImage + 3]), [1, 8, 15])
  }

  func testCIFAR100FineAndCoarseLabels() throws {
    let path = write(record(labels: [4, 71], seed: 0) + record(labels: [19, 99], seed: 5), "train.bin")
    XCTAssertEqual(try CIFARLoader.read(files: [path], dataset: .cifar100).labels, [71, 99])
    XCTAssertEqual(try CIFARLoader.read(files: [path], dataset: .cifar100Coarse).labels, [4, 19])
  }

  func testTruncatedFileIsRejectedByName() {
    let path = write(Array(record(labels: [1], seed: 0).dropLast()), "short.bin")
    XCTAssertThrowsError(try CIFARLoader.read(files: [path], dataset: .cifar10)) { error in
      guard case .file(let file, let message) = error as? TrainingError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, path)
      XCTAssertTrue(message.contains("3073-byte"), message)
    }
  }

  func testLabelOutOfRangeIsRejected() {
    let path = write(record(labels: [10], seed: 0), "bad.bin")
    XCTAssertThrowsError(try CIFARLoader.read(files: [path], dataset: .cifar10)) { error in
      XCTAssertTrue("\(error)".contains("label 10"), "\(error)")
    }
  }

  func testCIFAR10FileReadAsCIFAR100IsRejected() {
    // A size that happens to be a whole number of CIFAR-100 records, so only the label check can catch it.
    let path = write([UInt8](repeating: 200, count: 2 * CIFARDataset.cifar100.recordSize), "test.bin")
    XCTAssertThrowsError(try CIFARLoader.read(files: [path], dataset: .cifar100))
  }

  func testMissingFileAndDirectoryAreNamed() {
    let missing = (directory as NSString).appendingPathComponent("nope.bin")
    XCTAssertThrowsError(try CIFARLoader.read(files: [missing], dataset: .cifar10)) { error in
      XCTAssertEqual(error as? TrainingError, .file(path: missing, message: "missing or unreadable cifar10 file"))
    }
    XCTAssertThrowsError(try CIFARLoader.datasetFolder(for: .cifar10, in: directory + "/absent")) { error in
      XCTAssertEqual(
        error as? TrainingError, .missingData(directory: directory + "/absent", reason: "no such directory"))
    }
  }

  func testDownloadDirectoryOrDatasetFolderBothWork() throws {
    let nested = (directory as NSString).appendingPathComponent("cifar-10-batches-bin")
    try FileManager.default.createDirectory(atPath: nested, withIntermediateDirectories: true)
    XCTAssertTrue(
      FileManager.default.createFile(atPath: nested + "/test_batch.bin", contents: Data(record(labels: [0], seed: 0))))
    XCTAssertEqual(try CIFARLoader.datasetFolder(for: .cifar10, in: directory), nested)
    XCTAssertEqual(try CIFARLoader.datasetFolder(for: .cifar10, in: nested), nested)
    XCTAssertThrowsError(try CIFARLoader.datasetFolder(for: .cifar100, in: directory))
  }

  func testSubsetsAndLongTail() {
    let labels = (0..<300).map { $0 % 3 }
    let images = LabeledImages(
      pixels: [UInt8](repeating: 0, count: 300 * CIFARDataset.pixelsPerImage), labels: labels, classCount: 3)
    let restricted = images.restricted(toClasses: [2, 0])
    XCTAssertEqual(restricted.count, 200)
    XCTAssertEqual(restricted.classCount, 2)
    XCTAssertEqual(restricted.labels.prefix(2), [1, 0], "label 0 becomes 1, label 2 becomes 0")
    XCTAssertEqual(images.longTailed(ratio: 10).indicesByClass.map(\.count), [100, 31, 10])
    XCTAssertEqual(images.limited(perClass: 7).count, 21)
  }

  func testNormalizationStandardisesEachChannel() {
    let images = LabeledImages(
      pixels: (0..<2 * CIFARDataset.pixelsPerImage).map { UInt8($0 % 256) }, labels: [0, 0], classCount: 1)
    let normalization = ChannelNormalization(fitting: images)
    var generator = SplitMix64(seed: 0)
    let values = BatchAssembler(normalization: normalization).assemble(
      images, indices: [0, 1], augment: false, using: &generator)
    let red = values.prefix(2 * 1024)
    let mean = red.reduce(0, +) / Float(red.count)
    let variance = red.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(red.count)
    XCTAssertEqual(mean, 0, accuracy: 1e-4)
    XCTAssertEqual(variance, 1, accuracy: 1e-3)
  }

  func testRealCIFAR10TestBatchIfPresent() throws {
    let candidates = ["cache/data", "/work/main/cache/data"]
    guard
      let root = candidates.first(where: {
        FileManager.default.fileExists(atPath: $0 + "/cifar-10-batches-bin/test_batch.bin")
      })
    else { throw XCTSkip("no CIFAR-10 data in cache/data (run scripts/setup.sh)") }
    let folder = try CIFARLoader.datasetFolder(for: .cifar10, in: root)
    let test = try CIFARLoader.read(files: [folder + "/test_batch.bin"], dataset: .cifar10)
    XCTAssertEqual(test.count, 10_000)
    XCTAssertEqual(test.indicesByClass.map(\.count), Array(repeating: 1000, count: 10))
    XCTAssertGreaterThan(
      Set(test.pixels.prefix(CIFARDataset.pixelsPerImage)).count, 50, "a real photograph, not a constant")
  }
}
