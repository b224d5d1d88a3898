import Foundation
import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// Training, checkpoint/resume and divergence handling, on tiny networks so the
/// debug build stays fast.
final class TrainerTests: XCTestCase {
  /// 3 classes × 20 random images (the resume test needs no learnable signal).
  static let noise: LabeledImages = {
    var generator = SplitMix64(seed: 41)
    let labels = (0..<60).map { $0 % 3 }
    let pixels = (0..<60 * CIFARDataset.pixelsPerImage).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    return LabeledImages(pixels: pixels, labels: labels, classCount: 3)
  }()

  static let tinyConfiguration = TrainingConfiguration(
    encoder: EncoderConfiguration(channels: [2, 3], embeddingDimension: 4), negatives: 3, epochs: 2, batchSize: 8,
    seed: 7)

  func testResumeAfterInterruptedEpochIsBitIdentical() throws {
    let normalization = ChannelNormalization(fitting: Self.noise)
    var uninterrupted = ContrastiveTrainer(
      configuration: Self.tinyConfiguration, images: Self.noise, normalization: normalization)
    while !uninterrupted.isFinished { XCTAssertTrue(try uninterrupted.trainEpoch()) }

    let path = NSTemporaryDirectory() + "cifar-resume-\(UUID().uuidString).bin"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var first = ContrastiveTrainer(
      configuration: Self.tinyConfiguration, images: Self.noise, normalization: normalization)
    XCTAssertTrue(try first.trainEpoch())
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(Checkpoint.encode(first.state))))
    let afterOneEpoch = first.state
    XCTAssertFalse(try first.trainEpoch(shouldStop: { $0 == 3 }), "the kill arrives in the middle of epoch 2")
    XCTAssertEqual(first.state, afterOneEpoch, "an abandoned epoch leaves no trace")

    let restored = try Checkpoint.read(from: path, weightDecay: Self.tinyConfiguration.weightDecay)
    XCTAssertEqual(restored, afterOneEpoch, "the checkpoint round-trips every bit")
    var resumed = try ContrastiveTrainer(
      configuration: Self.tinyConfiguration, images: Self.noise, normalization: normalization, resumingFrom: restored)
    while !resumed.isFinished { XCTAssertTrue(try resumed.trainEpoch()) }

    XCTAssertEqual(resumed.state.parameters.map(\.bitPattern), uninterrupted.state.parameters.map(\.bitPattern))
    XCTAssertEqual(resumed.state.optimizer, uninterrupted.state.optimizer)
    XCTAssertEqual(resumed.state.generator, uninterrupted.state.generator)
    XCTAssertEqual(resumed.state.epochLosses, uninterrupted.state.epochLosses)
    XCTAssertNotEqual(resumed.state.parameters, afterOneEpoch.parameters, "epoch 2 did train")
  }

  func testResumeRefusesAnotherConfiguration() throws {
    let normalization = ChannelNormalization(fitting: Self.noise)
    let trainer = ContrastiveTrainer(
      configuration: Self.tinyConfiguration, images: Self.noise, normalization: normalization)
    var other = Self.tinyConfiguration
    other.negatives = 4
    XCTAssertThrowsError(
      try ContrastiveTrainer(
        configuration: other, images: Self.noise, normalization: normalization, resumingFrom: trainer.state)
    ) { error in
      XCTAssertEqual(error as? TrainingError, .checkpointMismatch)
    }
  }

  /// The thread count changes the rounding, so a checkpoint does not resume under another one.
  func testResumeRefusesAnotherThreadCount() throws {
    let threads = TrainingRuntime.threads
    defer { TrainingRuntime.configure(threads: threads) }
    let normalization = ChannelNormalization(fitting: Self.noise)
    TrainingRuntime.configure(threads: 2)
    let state = ContrastiveTrainer(
      configuration: Self.tinyConfiguration, images: Self.noise, normalization: normalization
    ).state
    TrainingRuntime.configure(threads: 1)
    XCTAssertThrowsError(
      try ContrastiveTrainer(
        configuration: Self.tinyConfiguration, images: Self.noise, normalization: normalization, resumingFrom: state)
    ) { XCTAssertEqual($0 as? TrainingError, .checkpointMismatch) }
  }

  func testCorruptCheckpointIsRejectedByName() {
    let path = NSTemporaryDirectory() + "cifar-corrupt-\(UUID().uuidString).bin"
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = FileManager.default.createFile(atPath: path, contents: Data("CIFARCK1 but then nothing".utf8))
    XCTAssertThrowsError(try Checkpoint.read(from: path, weightDecay: 0)) { error in
      XCTAssertEqual(error as? TrainingError, .file(path: path, message: "truncated or not a train-cifar checkpoint"))
    }
  }

  func testDivergenceStopsAndKeepsTheLastGoodState() {
    var configuration = Self.tinyConfiguration
    configuration.learningRate = 1e30  // the first update sends the weights to ±1e30, the next forward to NaN
    let normalization = ChannelNormalization(fitting: Self.noise)
    var trainer = ContrastiveTrainer(configuration: configuration, images: Self.noise, normalization: normalization)
    let initial = trainer.state
    XCTAssertThrowsError(try trainer.trainEpoch()) { error in
      guard case .diverged(let message) = error as? TrainingError else { return XCTFail("\(error)") }
      XCTAssertTrue(message.contains("last checkpoint (epoch 0) is kept"), message)
    }
    XCTAssertEqual(trainer.state, initial)
  }

  /// Three CIFAR-10 classes, 150 training images each: the mean classifier on the
  /// 300 matching test images must clearly beat chance (1/3).
  func testShortTrainingBeatsChanceOnThreeClasses() throws {
    guard FileManager.default.fileExists(atPath: "cache/data/cifar-10-batches-bin/data_batch_1.bin") else {
      throw XCTSkip("no CIFAR-10 data in cache/data (run scripts/setup.sh)")
    }
    let folder = "cache/data/cifar-10-batches-bin"
    let train = try CIFARLoader.read(files: [folder + "/data_batch_1.bin"], dataset: .cifar10)
      .restricted(toClasses: [0, 1, 6]).limited(perClass: 150)  // airplane, automobile, frog
    let test = try CIFARLoader.read(files: [folder + "/test_batch.bin"], dataset: .cifar10)
      .restricted(toClasses: [0, 1, 6]).limited(perClass: 100)
    let configuration = TrainingConfiguration(
      encoder: EncoderConfiguration(channels: [8, 16, 16], embeddingDimension: 16), negatives: 8, scale: 5, epochs: 6,
      batchSize: 32, learningRate: 3e-3, seed: 3)
    let normalization = ChannelNormalization(fitting: train)
    var trainer = ContrastiveTrainer(configuration: configuration, images: train, normalization: normalization)
    while !trainer.isFinished { _ = try trainer.trainEpoch() }
    let assembler = BatchAssembler(normalization: normalization)
    let classifier = MeanClassifier(
      features: trainer.encoder.embed(train, assembler: assembler), labels: train.labels, classCount: 3, dimension: 16)
    let result = classifier.evaluate(
      features: trainer.encoder.embed(test, assembler: assembler), labels: test.labels, scale: 5,
      classWeights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
    XCTAssertGreaterThan(result.accuracy, 0.6, "chance is 0.33")
    XCTAssertLessThan(trainer.state.epochLosses.last!, trainer.state.epochLosses.first!, "the NCE loss decreased")
  }
}
