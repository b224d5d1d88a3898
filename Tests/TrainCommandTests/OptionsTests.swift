import CIFARTraining
import CommandLineSupport
import TrainingResults
import XCTest

@testable import TrainCommand

/// Command-line parsing: values, defaults and one-line errors naming the flag.
final class OptionsTests: XCTestCase {
  func testParsesEveryFlag() throws {
    let options = try TrainingOptions.parse([
      "--dataset", "cifar100-coarse", "--k", "1,4,16", "--epochs=3", "--dim", "32", "--scale", "5", "--seed", "9",
      "--out", "runs/x", "--data", "/tmp", "--classes", "0,3,5", "--imbalance", "10", "--sphere", "--resume",
      "--batch", "64", "--lr", "0.001", "--channels", "8,16", "--no-augment", "--nce-draws", "100", "--train-per-class",
      "50",
    ])
    XCTAssertEqual(options.dataset, .cifar100Coarse)
    XCTAssertEqual(options.negatives, [1, 4, 16])
    XCTAssertEqual(options.epochs, 3)
    XCTAssertEqual(options.classes, [0, 3, 5])
    XCTAssertEqual(options.imbalance, 10)
    XCTAssertTrue(options.sphere && options.resume && !options.augment)
    let configuration = options.configuration(negatives: 16)
    XCTAssertEqual(
      configuration.encoder, EncoderConfiguration(channels: [8, 16], embeddingDimension: 32, sphere: true))
    XCTAssertEqual(configuration.effectiveBatchSize, 64)
    XCTAssertEqual(
      options.configuration(negatives: 256).effectiveBatchSize, 257, "k distinct other anchors need B ≥ k+1")
  }

  func testEvaluationAndSeedFlags() throws {
    let defaults = try TrainingOptions.parse([])
    XCTAssertEqual(defaults.evalEvery, 1)
    XCTAssertEqual(defaults.evalTrainSubset, 100)
    XCTAssertEqual(defaults.seeds, 1)
    XCTAssertEqual(defaults.runSeeds, [0])

    let options = try TrainingOptions.parse([
      "--eval-every", "3", "--eval-train-subset=20", "--seeds", "3", "--seed", "7",
    ])
    XCTAssertEqual(options.evalEvery, 3)
    XCTAssertEqual(options.evalTrainSubset, 20)
    XCTAssertEqual(options.runSeeds, [7, 8, 9])
    XCTAssertEqual(options.configuration(negatives: 4, seed: 8).seed, 8)
    XCTAssertEqual(options.configuration(negatives: 4).seed, 7, "without a run seed, --seed")
    XCTAssertEqual(try TrainingOptions.parse(["--eval-every", "0"]).evalEvery, 0, "0 turns evaluation off")
    XCTAssertEqual(
      try TrainingOptions.parse(["--seed", "\(UInt64.max)", "--seeds", "2"]).runSeeds, [.max, 0], "seeds wrap")
    XCTAssertNil(defaults.threads, "every core unless asked")
    XCTAssertEqual(try TrainingOptions.parse(["--threads", "1"]).threads, 1)
  }

  func testBadInputNamesTheFlag() {
    let cases: [([String], String)] = [
      (["--dataset", "mnist"], "--dataset"),
      (["--k", "0,4"], "--k"),
      (["--k", "100000"], "--k"),
      (["--batch", "100000"], "--batch"),
      (["--k", "1..<-9223372036854775808"], "--k"),
      (["--channels", "8,99999"], "--channels"),
      (["--k", "1", "--k", "2"], "--k"),
      (["--k", "four"], "--k"),
      (["--scale", "44"], "--scale"),
      (["--scale", "-1"], "--scale"),
      (["--epochs", "0"], "--epochs"),
      (["--classes", "0,10"], "--classes"),
      (["--imbalance", "0.5"], "--imbalance"),
      (["--out"], "--out"),
      (["--seeds", "0"], "--seeds"),
      (["--threads", "0"], "--threads"),
      (["--seeds", "two"], "--seeds"),
      (["--eval-every", "-1"], "--eval-every"),
      (["--eval-every"], "--eval-every"),
      (["--eval-train-subset", "0"], "--eval-train-subset"),
      (["--frobnicate"], "--frobnicate"),
    ]
    for (arguments, flag) in cases {
      XCTAssertThrowsError(try TrainingOptions.parse(arguments), "\(arguments)") { error in
        guard let error = error as? CommandError else { return XCTFail("\(error)") }
        XCTAssertTrue(error.description.hasPrefix(flag) || error.description.contains("'\(flag)'"), error.description)
        XCTAssertFalse(error.description.contains("\n"), "one line")
        XCTAssertLessThan(error.description.count, 300)
        XCTAssertEqual(error.exitCode, 64)
      }
    }
  }

  func testMissingDataDirectoryIsAUsageError() throws {
    let options = try TrainingOptions.parse(["--data", "/nonexistent/cifar"])
    XCTAssertThrowsError(try TrainingSession(options: options).loadData()) { error in
      XCTAssertEqual(error as? CommandError, .usage("--data: '/nonexistent/cifar': no such directory"))
    }
  }

  func testProgressLines() {
    let progress = StepProgress(
      epoch: 2, epochs: 3, step: 5, stepsPerEpoch: 10, meanLoss: 1.5, imagesPerSecond: 100, elapsedSeconds: 50)
    // 15 steps left at 10 s per step.
    XCTAssertEqual(
      ProgressLine.plain(progress, negatives: 4), "k=4 epoch 2/3 step 5/10 loss 1.5000  100 img/s  ETA 2m30s")
    XCTAssertEqual(ProgressLine.label(progress, negatives: 4), "k=4 epoch 2/3 loss 1.5000  100 img/s")
  }
}
