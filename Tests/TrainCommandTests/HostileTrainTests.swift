import CIFARTraining
import Foundation
import SeededRandom
import TrainCommand
import TrainingResults
import XCTest

/// `train-cifar` under hostile input and interruptions (issue 9): one-line errors with the
/// right status and nothing left behind; resume refuses changed settings; Ctrl-C and
/// SIGKILL at random points lose nothing and change no bit of the final weights.
final class HostileTrainTests: XCTestCase {
  private var data: MiniatureCIFAR!

  override func setUpWithError() throws { data = try MiniatureCIFAR() }

  override func tearDown() { data.remove() }

  /// Runs in-process with a terminal's progress bar drawn into `errors`, as on a console.
  private func run(_ arguments: [String], stopAfterSteps: Int? = nil) -> (status: Int32, output: String, errors: String)
  {
    var output = ""
    var errors = ""
    var steps = 0
    let status = TrainCommand.run(
      arguments, output: { output += $0 }, errors: { errors += $0 }, progress: { errors += $0 },
      shouldStop: {
        steps += 1
        return stopAfterSteps.map { steps > $0 } ?? false
      })
    return (status, output, errors)
  }

  private func exists(_ out: String) -> Bool { FileManager.default.fileExists(atPath: data.root + "/" + out) }

  func testBadInputIsOneLineNamingTheFlagAndCreatesNothing() {
    let cases: [([String], String, Int32)] = [
      (["--k", "100000"], "--k:", 64),
      (["--batch", "100000"], "--batch:", 64),
      (["--k", "1..<-9223372036854775808"], "--k:", 64),
      (["--k", String(repeating: "9", count: 100_000)], "--k:", 64),
      (["--epochs", "0"], "--epochs:", 64),
      (["--resume"], "--resume: nothing to resume", 64),
    ]
    for (more, prefix, status) in cases {
      let result = run(data.flags(out: "bad", more + ["--threads", "1"]))
      XCTAssertEqual(result.status, status, "\(more): \(result.errors)")
      XCTAssertTrue(result.errors.hasPrefix("train-cifar: " + prefix), "\(more): \(result.errors)")
      XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "\(more): one line")
      XCTAssertLessThan(result.errors.count, 400, "\(more): long values are not echoed in full")
      XCTAssertFalse(exists("bad/k-100000") || exists("bad/k-64"), "\(more): no empty run folders")
    }
    XCTAssertEqual(run(["--data", "/nonexistent/cifar"]).status, 64)
  }

  func testResumeWithAnyChangedSettingRefusesNamingTheFields() throws {
    let arguments = data.flags(out: "first", ["--k", "2", "--epochs", "1", "--threads", "1"])
    XCTAssertEqual(run(arguments).status, 0)
    let results = try Data(contentsOf: URL(fileURLWithPath: data.root + "/first/results.json"))
    let changed = run(arguments + ["--resume", "--lr", "0.01", "--scale", "5", "--train-per-class", "3"])
    XCTAssertEqual(changed.status, 64)
    for field in ["--lr 0.002 → 0.01", "--scale 10.0 → 5.0", "--train-per-class none → 3"] {
      XCTAssertTrue(changed.errors.contains(field), changed.errors)
    }
    let again = run(data.flags(out: "first", ["--k", "2", "--epochs", "1", "--threads", "1", "--lr", "0.01"]))
    XCTAssertEqual(again.status, 64, "a new sweep into a sweep's folder would mix two configurations")
    XCTAssertTrue(again.errors.contains("holds an earlier sweep; pass --resume"), again.errors)
    let threads = run(data.flags(out: "first", ["--k", "2", "--epochs", "1", "--threads", "2", "--resume"]))
    XCTAssertEqual(threads.status, 64)
    XCTAssertTrue(threads.errors.contains("--threads 1 → 2"), threads.errors)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: data.root + "/first/results.json")), results)
    XCTAssertEqual(run(arguments + ["--resume"]).status, 0, "the same settings resume")
  }

  /// Ctrl-C after a seeded random number of steps: exit 130, one line naming what was kept
  /// and the command that resumes; running that command ends where an uninterrupted run does.
  func testInterruptKeepsFinishedEpochsAndPrintsTheResumeCommand() throws {
    let whole = run(data.flags(out: "whole", ["--k", "1,2", "--epochs", "2", "--threads", "1"]))
    XCTAssertEqual(whole.status, 0, whole.errors)
    var generator = SplitMix64(seed: 130)
    let arguments = data.flags(out: "cut", ["--k", "1,2", "--epochs", "2", "--threads", "1"])
    var status: Int32 = 130
    var attempts = 0
    while status == 130 {
      attempts += 1
      let cut = run(
        attempts == 1 ? arguments : arguments + ["--resume"], stopAfterSteps: 1 + generator.index(below: 12))
      status = cut.status
      guard status == 130 else { break }
      let message = "train-cifar: interrupted; kept "
      XCTAssertTrue(
        cut.errors.hasPrefix(message) || cut.errors.contains("\n" + message), "a newline ends the bar: \(cut.errors)")
      XCTAssertEqual(cut.errors.components(separatedBy: message).count, 2, "one message")
      XCTAssertTrue(cut.errors.hasSuffix(" --resume\n"), cut.errors)
      XCTAssertLessThan(attempts, 20)
    }
    XCTAssertEqual(status, 0)
    let expected = try SweepResult.load(contentsOf: URL(fileURLWithPath: data.root + "/whole/results.json"))
    let resumed = try SweepResult.load(contentsOf: URL(fileURLWithPath: data.root + "/cut/results.json"))
    XCTAssertEqual(resumed.runs.map(\.epochLosses), expected.runs.map(\.epochLosses))
    XCTAssertEqual(resumed.runs.map(\.evaluation), expected.runs.map(\.evaluation))
    XCTAssertGreaterThan(attempts, 1, "the seed interrupts at least once")
  }

  /// A kill in the middle of a checkpoint write leaves the old checkpoint and a torn
  /// temporary beside it; resuming ignores the temporary and ends where an uninterrupted run does.
  func testTornCheckpointTemporaryDoesNotDisturbResume() throws {
    let whole = run(data.flags(out: "whole", ["--k", "2", "--epochs", "2", "--threads", "1"]))
    XCTAssertEqual(whole.status, 0, whole.errors)
    let arguments = data.flags(out: "torn", ["--k", "2", "--epochs", "2", "--threads", "1"])
    XCTAssertEqual(run(arguments, stopAfterSteps: 7).status, 130, "stopped in epoch 2, after epoch 1's checkpoint")
    let torn = data.root + "/torn/k-2/.checkpoint.bin.partial-99999"
    XCTAssertTrue(FileManager.default.createFile(atPath: torn, contents: Data("CIFARCK3 half".utf8)))
    XCTAssertEqual(run(arguments + ["--resume"]).status, 0)
    let expected = try SweepResult.load(contentsOf: URL(fileURLWithPath: data.root + "/whole/results.json"))
    let resumed = try SweepResult.load(contentsOf: URL(fileURLWithPath: data.root + "/torn/results.json"))
    XCTAssertEqual(resumed.runs.map(\.epochLosses), expected.runs.map(\.epochLosses))
    XCTAssertEqual(resumed.runs.map(\.evaluation), expected.runs.map(\.evaluation))
  }

  /// The built train-cifar beside the test bundle.
  private func executable() throws -> URL {
    let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("train-cifar")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw XCTSkip("train-cifar is not built next to the tests (\(url.path))")
    }
    return url
  }

  /// Runs the executable; after `afterLines` lines of stdout it gets `signal`.
  private func launch(_ arguments: [String], signal: Int32 = SIGKILL, afterLines: Int?) throws -> (
    status: Int32, errors: String
  ) {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    if let afterLines {
      var lines = 0
      while lines < afterLines {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        lines += chunk.filter { $0 == UInt8(ascii: "\n") }.count
      }
      kill(process.processIdentifier, signal)
    }
    _ = output.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, message)
  }

  /// Ctrl-C (SIGINT) to the executable after its first epoch: exit 130, one line with the resume command.
  func testSIGINTExitsWith130AndSaysHowToResume() throws {
    let arguments = data.flags(out: "sigint", ["--k", "1,2", "--epochs", "3", "--threads", "1"])
    let result = try launch(arguments, signal: SIGINT, afterLines: 2)
    XCTAssertEqual(result.status, 130, result.errors)
    XCTAssertTrue(result.errors.hasPrefix("train-cifar: interrupted; kept "), result.errors)
    XCTAssertTrue(result.errors.hasSuffix(" --resume\n"), result.errors)
    XCTAssertEqual(try launch(arguments + ["--resume"], afterLines: nil).status, 0)
  }

  /// The built executable, killed with SIGKILL after a seeded random number of output
  /// lines and resumed until it finishes: the final checkpoint's weights are bit-identical
  /// to an uninterrupted run's with the same --threads.
  func testKilledAtRandomPointsResumesToTheSameBits() throws {
    let common = ["--k", "1,2", "--epochs", "3", "--threads", "1"]
    XCTAssertEqual(try launch(data.flags(out: "whole", common), afterLines: nil).status, 0)
    var generator = SplitMix64(seed: 9)
    let arguments = data.flags(out: "killed", common)
    for _ in 0..<4 {
      let started = FileManager.default.fileExists(atPath: data.root + "/killed/settings.json")
      _ = try launch(started ? arguments + ["--resume"] : arguments, afterLines: 1 + generator.index(below: 10))
    }
    let started = FileManager.default.fileExists(atPath: data.root + "/killed/settings.json")
    XCTAssertEqual(try launch(started ? arguments + ["--resume"] : arguments, afterLines: nil).status, 0)
    for k in [1, 2] {
      let expected = try Checkpoint.read(from: data.root + "/whole/k-\(k)/checkpoint.bin", weightDecay: 5e-4)
      let resumed = try Checkpoint.read(from: data.root + "/killed/k-\(k)/checkpoint.bin", weightDecay: 5e-4)
      XCTAssertEqual(resumed.parameters.map(\.bitPattern), expected.parameters.map(\.bitPattern), "k = \(k)")
      XCTAssertEqual(resumed.runningStatistics.map(\.bitPattern), expected.runningStatistics.map(\.bitPattern))
      XCTAssertEqual(resumed.optimizer.firstMoment.map(\.bitPattern), expected.optimizer.firstMoment.map(\.bitPattern))
      XCTAssertEqual(resumed.epochLosses, expected.epochLosses)
    }
    let leftovers = try FileManager.default.subpathsOfDirectory(atPath: data.root + "/killed")
      .filter { $0.contains(".partial-") }
    XCTAssertLessThanOrEqual(leftovers.count, 4, "a kill mid-write may leave its temporary, never a torn file")
  }
}
