import Foundation
import XCTest

/// `verify` under an address-space limit (`ulimit -v`): it completes, or refuses with one line on
/// stderr and an ordinary status, never a signal (status ≥ 128).
final class MemoryLimitTests: XCTestCase {
  private static let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()

  private func runUnderLimit(kilobytes: Int, _ arguments: String) throws -> (status: Int32, errors: String) {
    let verify = Self.folder.appendingPathComponent("verify").path
    guard FileManager.default.isExecutableFile(atPath: verify) else {
      throw XCTSkip("verify is not built next to the tests (\(verify))")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -v \(kilobytes) && exec '\(verify)' \(arguments)"]
    // The crash reporter would itself need memory; a crash must show as a signal status.
    process.environment = ["SWIFT_BACKTRACE": "enable=no"]
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  func testGeneralRunUnderMemoryLimitCompletesOrRefusesInOneLine() throws {
    // 150 MB: enough to load the executable and its libraries, little for the exact arithmetic.
    let (status, errors) = try runUnderLimit(kilobytes: 150_000, "--rho 11/20,1/4,3/20,1/20 --scale 2 --k 1...3")
    XCTAssertLessThan(status, 128, "killed by a signal: \(errors.prefix(300))")
    if status == 0 {
      XCTAssertEqual(errors, "")
    } else {
      XCTAssertEqual(status, 71, errors)
      XCTAssertEqual(errors.split(separator: "\n").count, 1, errors)
      XCTAssertTrue(errors.hasPrefix("verify: out of memory"), errors)
    }
  }
}
