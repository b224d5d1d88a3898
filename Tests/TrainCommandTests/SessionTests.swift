import CIFARTraining
import CommandLineSupport
import Foundation
import SeededRandom
import TrainingResults
import XCTest

@testable import TrainCommand

/// A whole `train-cifar` sweep on a miniature CIFAR-10 folder: results JSON, per-k
/// files, refusal to overwrite, resume, per-epoch evaluation and several seeds.
final class SessionTests: XCTestCase {

  private var data: MiniatureCIFAR!
  private var root: String { data.root }

  override func setUpWithError() throws { data = try MiniatureCIFAR() }

  override func tearDown() { data.remove() }

  private func flags(out: String, _ more: [String]) -> [String] { data.flags(out: out, more) }

  private func run(_ arguments: [String], log: ((String) -> Void)? = nil) throws -> SweepResult {
    var session = TrainingSession(options: try TrainingOptions.parse(arguments))
    if let log { session.log = log }
    return try session.run()
  }

  func testSweepWritesResultsAndResumes() throws {
    let arguments = flags(out: "out", ["--k", "1,2", "--epochs", "1"])
    let result = try TrainingSession(options: TrainingOptions.parse(arguments)).run()
    XCTAssertEqual(result.runs.map(\.negatives), [1, 2])
    XCTAssertEqual(result.trainImages, 45, "5 files × 12 images, 9 of every 12 in classes 0…2")
    XCTAssertEqual(result.runs[0].evaluation.geometry.classMeanCosines.count, 3)
    XCTAssertEqual(result.runs[0].evaluation.geometry.simplexCosine, -0.5)
    let data = try XCTUnwrap(FileManager.default.contents(atPath: root + "/out/results.json"))
    XCTAssertEqual(try JSONDecoder.results.decode(SweepResult.self, from: data), result)

    XCTAssertThrowsError(try TrainingSession(options: TrainingOptions.parse(arguments)).run(), "would overwrite") {
      error in
      XCTAssertEqual((error as? CommandError)?.exitCode, 64)
    }
    let resumed = try TrainingSession(options: TrainingOptions.parse(arguments + ["--resume"])).run()
    XCTAssertEqual(resumed, result, "finished runs are reused, not retrained")
  }

  func testEveryEpochIsEvaluated() throws {
    let result = try run(flags(out: "every", ["--k", "2", "--epochs", "2"]))
    XCTAssertEqual(result.evalEvery, 1)
    XCTAssertEqual(result.evalTrainSubset, 100)
    let first = try XCTUnwrap(result.runs.first)
    XCTAssertEqual(first.epochEvaluations.map(\.epoch), [1, 2], "one evaluation per epoch")
    for evaluation in first.epochEvaluations {
      XCTAssertTrue((0...1).contains(evaluation.meanClassifierAccuracy), "\(evaluation)")
      XCTAssertTrue(evaluation.meanClassifierLoss.isFinite && evaluation.meanClassifierLoss > 0, "\(evaluation)")
    }
    // 100 images per class cover all 15, so after the last epoch the per-epoch
    // evaluation is the final one's mean classifier, computed the same way.
    XCTAssertEqual(first.epochEvaluations.last?.meanClassifierAccuracy, first.evaluation.meanClassifierAccuracy)
    XCTAssertEqual(first.epochEvaluations.last?.meanClassifierLoss, first.evaluation.meanClassifierLoss)

    let unevaluated = try run(flags(out: "never", ["--k", "2", "--epochs", "2", "--eval-every", "0"]))
    XCTAssertEqual(unevaluated.runs[0].epochEvaluations, [])
    XCTAssertEqual(unevaluated.evalEvery, 0)
    XCTAssertNil(unevaluated.evalTrainSubset)
    XCTAssertEqual(
      unevaluated.runs[0].epochLosses, first.epochLosses, "evaluating draws nothing from the training stream")
    XCTAssertEqual(unevaluated.runs[0].evaluation, first.evaluation)

    let sparse = try run(
      flags(out: "sparse", ["--k", "2", "--epochs", "3", "--eval-every", "2", "--eval-train-subset", "4"]))
    XCTAssertEqual(sparse.runs[0].epochEvaluations.map(\.epoch), [2, 3], "every second epoch, and the last")
    XCTAssertEqual(sparse.evalTrainSubset, 4)
  }

  /// A run stopped right after the checkpoint of epoch 1 and resumed ends with the same
  /// evaluations (and everything else but the timing) as an uninterrupted run.
  func testResumeAfterTheFirstEpochKeepsTheEvaluationHistory() throws {
    let uninterrupted = try run(flags(out: "whole", ["--k", "2", "--epochs", "2"]))

    struct Killed: Error {}
    let arguments = flags(out: "killed", ["--k", "2", "--epochs", "2"])
    var session = TrainingSession(options: try TrainingOptions.parse(arguments))
    session.checkpointWritten = { _, epoch in if epoch == 1 { throw Killed() } }
    XCTAssertThrowsError(try session.run()) { XCTAssertTrue($0 is Killed, "\($0)") }
    XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/killed/k-2/checkpoint.bin"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/killed/k-2/result.json"))

    var lines: [String] = []
    let resumed = try run(arguments + ["--resume"], log: { lines.append($0) })
    XCTAssertTrue(lines.contains { $0.contains("k=2: resuming after epoch 1") }, "\(lines)")
    let (whole, continued) = (uninterrupted.runs[0], resumed.runs[0])
    XCTAssertEqual(continued.epochEvaluations.map(\.epoch), [1, 2])
    XCTAssertEqual(continued.epochEvaluations, whole.epochEvaluations)
    XCTAssertEqual(continued.epochLosses, whole.epochLosses)
    XCTAssertEqual(continued.evaluation, whole.evaluation)
  }

  func testSeedsTrainIndependentRuns() throws {
    let several = try run(flags(out: "seeds", ["--k", "1,2", "--epochs", "1", "--seed", "5", "--seeds", "2"]))
    XCTAssertEqual(several.seed, 5)
    XCTAssertEqual(several.runs.map(\.negatives), [1, 1, 2, 2], "k in order, then the seeds")
    XCTAssertEqual(several.runs.map(\.seed), [5, 6, 5, 6])
    XCTAssertNotEqual(several.runs[0].epochLosses, several.runs[1].epochLosses, "other seed, other run")
    XCTAssertNotEqual(several.runs[0].evaluation, several.runs[1].evaluation)
    for path in ["k-1/seed-5", "k-1/seed-6", "k-2/seed-5", "k-2/seed-6"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/seeds/\(path)/result.json"), path)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/seeds/k-1/result.json"), "no flat layout")

    // The second seed's run is the run a single-seed sweep with that --seed trains.
    let single = try run(flags(out: "single", ["--k", "1", "--epochs", "1", "--seed", "6"]))
    XCTAssertEqual(single.runs[0].seed, 6)
    XCTAssertEqual(single.runs[0].epochLosses, several.runs[1].epochLosses)
    XCTAssertEqual(single.runs[0].evaluation, several.runs[1].evaluation)
    XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/single/k-1/result.json"), "one seed: flat layout")

    let resumed = try run(
      flags(out: "seeds", ["--k", "1,2", "--epochs", "1", "--seed", "5", "--seeds", "2", "--resume"]))
    XCTAssertEqual(resumed, several, "every finished seed is reused")
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
