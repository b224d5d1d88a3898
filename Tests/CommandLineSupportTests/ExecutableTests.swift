import Foundation
import XCTest

/// The built executables (found beside the test bundle): what they link, and that
/// `--help` and `--version` answer with status 0 on every one of them.
final class ExecutableTests: XCTestCase {
  private static let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

  private func executable(_ name: String) throws -> String {
    let path = Self.folder.appendingPathComponent(name).path
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw XCTSkip("\(name) is not built next to the tests (\(path))")
    }
    return path
  }

  private func launch(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  /// The shared libraries `ldd` resolves for `name`.
  private func libraries(_ name: String) throws -> String {
    try launch("/usr/bin/ldd", [try executable(name)]).output
  }

  func testTrainerLinksNoExactArithmeticAndVerifierNoBLAS() throws {
    let trainer = try libraries("train-cifar")
    XCTAssertTrue(trainer.contains("libopenblas"), "ldd output must be read: \(trainer)")
    XCTAssertFalse(trainer.contains("libgmp"), trainer)
    XCTAssertFalse(trainer.contains("libmpfr"), trainer)
    let verifier = try libraries("verify")
    XCTAssertTrue(verifier.contains("libmpfr"), verifier)
    XCTAssertFalse(verifier.contains("libopenblas"), verifier)
  }

  func testEveryExecutableAnswersHelpAndVersion() throws {
    for name in ["verify", "train-cifar", "benchmarks", "cifar-benchmark"] {
      let path = try executable(name)
      let help = try launch(path, ["--help"])
      XCTAssertEqual(help.status, 0, name)
      XCTAssertTrue(help.output.hasPrefix("OVERVIEW: "), "\(name): \(help.output.prefix(80))")
      XCTAssertTrue(help.output.contains("  -h, --help"), name)
      let version = try launch(path, ["--version"])
      XCTAssertEqual(version.status, 0, name)
      XCTAssertFalse(version.output.isEmpty, name)
    }
  }
}
