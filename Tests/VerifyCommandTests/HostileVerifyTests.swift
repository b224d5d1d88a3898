import Foundation
import VerifyCommand
import XCTest

/// Every `verify` reproduction of issue 9, run in-process: a status below 128 and the
/// expected one, exactly one line on stderr naming the flag or file, and no output file
/// (nor temporary) left behind.
final class HostileVerifyTests: XCTestCase {
  private var folder: URL!
  private var previousDirectory = ""
  private static let committedSweep = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "notebooks-md/data/cifar10-sweep.json")

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-verify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    previousDirectory = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(folder.path)
  }

  override func tearDownWithError() throws {
    FileManager.default.changeCurrentDirectoryPath(previousDirectory)
    try? FileManager.default.removeItem(at: folder)
  }

  private func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    var output = ""
    var errors = ""
    let status = VerifyCommand.run(arguments, output: { output += $0 }, errors: { errors += $0 })
    return (status.rawValue, output, errors)
  }

  private var leftovers: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] }

  private func expectOneLineError(_ arguments: [String], status: Int32, naming: String, line: UInt = #line) {
    let result = run(arguments)
    XCTAssertEqual(result.status, status, "\(arguments.prefix(8)): \(result.errors)", line: line)
    XCTAssertTrue(result.errors.hasPrefix("verify: "), result.errors, line: line)
    XCTAssertTrue(
      result.errors.contains(naming), "\(arguments.prefix(8)): '\(result.errors)' must name \(naming)", line: line)
    XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "one line: \(result.errors)", line: line)
    XCTAssertLessThan(result.errors.count, 400, "no long echo", line: line)
    XCTAssertEqual(result.output, "", line: line)
    XCTAssertEqual(leftovers.filter { !$0.hasSuffix(".json") || $0.hasPrefix(".") }, [], "no output left", line: line)
  }

  func testOneCharacterOutputNamesWrite() {
    for name in ["a", "-", "~", "é"] {
      for flag in ["--json", "--report"] {
        let result = run(["--classes", "3", "--k", "1", flag, name])
        XCTAssertEqual(result.status, 0, "\(flag) \(name): \(result.errors)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: name), "\(flag) \(name)")
        for file in leftovers { try? FileManager.default.removeItem(atPath: file) }
      }
    }
  }

  func testUsageErrorsNameTheFlag() {
    let digits = String(repeating: "7", count: 100_000)
    let cases: [([String], String)] = [
      (["--classes", "3", "--k", "1..<-9223372036854775808"], "--k"),
      (["--classes", "3", "--k", "9223372036854775807...9223372036854775807"], "--k"),
      (["--classes", "3", "--k", digits], "--k"),
      (["--classes", digits, "--k", "1"], "--classes"),
      (["--classes", "3", "--k", "1", "--scale", digits], "--scale"),
      (["--classes", "3", "--k", "1", "--k", "2"], "--k: given twice"),
      (["--rho", "1/2,1/2", "--k", "1", "--points-per-class", "9223372036854775807"], "--points-per-class"),
      (["--rho", "1/2,1/2", "--k", "1", "--points-per-class", "100000"], "--points-per-class"),
      (["--engine", "multinomial", "--rho", "1/3,1/3,1/3", "--k", "100000"], "--engine"),
      (["--rho", "1/2,1/3", "--k", "1"], "--rho"),
      (["--rho", "1/2,1/2", "--k", "1", "--help-me"], "'--help-me'"),
      (["--model", "missing.json", "--k", "1"], "--model: cannot read 'missing.json': No such file or directory"),
      (["compare"], "compare: missing"),
      (["compare", "missing.json"], "'missing.json': No such file or directory"),
      (["--compare", "missing.json"], "'missing.json': No such file or directory"),
      (["--compare", "missing.json", "--classes", "3"], "--classes"),
    ]
    for (arguments, naming) in cases { expectOneLineError(arguments, status: 64, naming: naming) }
  }

  func testBadModelFilesNameFlagAndFile() throws {
    let cases = [
      ("garbage.json", "{not json", "not a JSON object"),
      ("bool.json", #"{"classes": true, "points": 1, "rho": ["1"], "distributions": [["1"]]}"#, "'classes'"),
    ]
    for (name, text, reason) in cases {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
      expectOneLineError(["--model", name, "--k", "1"], status: 64, naming: "--model: '\(name)': \(reason)")
    }
  }

  func testUnwritableOutputsNameTheReason() throws {
    let cases: [(String, String)] = [
      ("/proc/x.json", "No such file or directory"), (".", "it is a folder"),
      ("no/such/x.json", "folder 'no/such' does not exist"),
    ]
    for (path, reason) in cases {
      for flag in ["--json", "--report"] {
        expectOneLineError(["--classes", "3", "--k", "1", flag, path], status: 1, naming: "\(flag): cannot write")
        XCTAssertTrue(run(["--classes", "3", "--k", "1", flag, path]).errors.hasSuffix(reason + "\n"))
      }
    }
  }

  /// Hand-edited results files are refused by name when decoded, before any computation.
  func testHostileResultsFilesAreRefusedByName() throws {
    let original = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: Self.committedSweep)) as? [String: Any])
    var firstRun = try XCTUnwrap((original["runs"] as? [[String: Any]])?.first)
    firstRun["negatives"] = 0
    let edits: [(String, (inout [String: Any]) -> Void, String)] = [
      ("empty.json", { $0["runs"] = [Any]() }, "'runs' is empty"),
      (
        "one-class.json",
        {
          $0["classes"] = [0]
          $0["classFrequencies"] = [1.0]
        }, "'classes'"
      ),
      ("k0.json", { $0["runs"] = [firstRun] }, "'negatives'"),
      ("scale.json", { $0["scale"] = "abc" }, "scale"),
      ("negative-scale.json", { $0["scale"] = -1 }, "'scale'"),
    ]
    for (name, edit, reason) in edits {
      var document = original
      edit(&document)
      try JSONSerialization.data(withJSONObject: document).write(to: folder.appendingPathComponent(name))
      for arguments in [["compare", name], ["--compare", name]] {
        expectOneLineError(
          arguments + ["--report", "out.md"], status: 64, naming: "'\(name)' is not a train-cifar results.json")
        XCTAssertTrue(run(arguments).errors.contains(reason), "\(name): \(run(arguments).errors)")
      }
    }
  }

  func testSingleKGeneralRunSaysC1IsNotApplicable() {
    let result = run(["--rho", "3/4,1/4", "--k", "1"])
    XCTAssertEqual(result.status, 0, result.errors)
    XCTAssertTrue(result.output.contains("C1 NOT APPLICABLE about the exact optimum"), result.output)
    XCTAssertTrue(result.output.contains("A single k compares nothing."), result.output)
    XCTAssertFalse(result.output.contains("UNDECIDED"), result.output)
    XCTAssertTrue(result.output.contains("with gap ≤ 1e-8."), result.output)
  }

  func testHelpAndVersionOnEveryPath() {
    for arguments in [["--help"], ["--rho", "1/2,1/2", "--help"], ["compare", "--help"], ["--compare", "x", "-h"]] {
      let result = run(arguments)
      XCTAssertEqual(result.status, 0, "\(arguments)")
      XCTAssertTrue(result.output.hasPrefix("OVERVIEW: "), "\(arguments)")
      XCTAssertTrue(result.output.contains("(default: 128)"), "\(arguments): every flag with its default")
    }
    XCTAssertEqual(run(["--version"]).output.filter { $0 == "\n" }.count, 1)
  }
}
