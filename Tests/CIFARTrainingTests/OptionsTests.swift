import XCTest

@testable import CIFARTraining

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

  func testBadInputNamesTheFlag() {
    let cases: [([String], String)] = [
      (["--dataset", "mnist"], "--dataset"),
      (["--k", "0,4"], "--k"),
      (["--k", "four"], "--k"),
      (["--scale", "44"], "--scale"),
      (["--scale", "-1"], "--scale"),
      (["--epochs", "0"], "--epochs"),
      (["--classes", "0,10"], "--classes"),
      (["--imbalance", "0.5"], "--imbalance"),
      (["--out"], "--out"),
      (["--frobnicate"], "--frobnicate"),
    ]
    for (arguments, flag) in cases {
      XCTAssertThrowsError(try TrainingOptions.parse(arguments), "\(arguments)") { error in
        guard case .usage(let named, let message) = error as? TrainingError else { return XCTFail("\(error)") }
        XCTAssertEqual(named, flag, message)
        XCTAssertFalse("\(error)".contains("\n"), "one line")
        XCTAssertEqual((error as? TrainingError)?.exitCode, 64)
      }
    }
  }

  func testMissingDataDirectoryIsAUsageError() throws {
    let options = try TrainingOptions.parse(["--data", "/nonexistent/cifar"])
    XCTAssertThrowsError(try TrainingSession(options: options).loadData()) { error in
      XCTAssertEqual(error as? TrainingError, .usage(flag: "--data", message: "no such directory /nonexistent/cifar"))
    }
  }

  func testProgressLines() {
    let progress = StepProgress(
      epoch: 2, epochs: 3, step: 5, stepsPerEpoch: 10, meanLoss: 1.5, imagesPerSecond: 100, elapsedSeconds: 50)
    // 15 steps left at 10 s per step.
    XCTAssertEqual(
      ProgressLine.plain(progress, negatives: 4), "k=4 epoch 2/3 step 5/10 loss 1.5000  100 img/s  ETA 2m30s")
    XCTAssertTrue(ProgressLine.bar(progress, negatives: 4, width: 10).contains("[#####.....]  50%"))
  }
}
