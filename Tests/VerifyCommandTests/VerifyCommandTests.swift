import Foundation
import VerifyCommand
import XCTest

final class VerifyCommandTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = try makeTemporaryFolder("verify-tests")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func run(_ arguments: [String]) -> (status: VerifyCommand.Status, output: String, errors: String) {
    runVerify(arguments)
  }

  func testBadInputIsAOneLineUsageErrorNamingTheFlag() {
    let cases: [([String], String)] = [
      (["--classes", "1", "--k", "1...3"], "--classes"),
      (["--classes", "0", "--k", "1...3"], "--classes"),
      (["--classes", "10", "--k", "0"], "--k"),
      (["--classes", "10", "--k", "5...2"], "--k"),
      (["--classes", "10", "--k", "1..100"], "--k"),
      (["--classes", "10", "--k", "1", "--scale", "-1"], "--scale"),
      (["--classes", "10", "--k", "1", "--scale", "abc"], "--scale"),
      (["--classes", "10", "--k", "1", "--scale", "0"], "--scale"),
      (["--classes", "10", "--k", "1", "--precision", "8"], "--precision"),
      (["--classes", "10", "--k", "1", "--frobnicate", "2"], "--frobnicate"),
      (["--classes", "10", "--k"], "--k"),
      (["--classes", "--k", "3"], "--classes"),
      (["--k", "3"], "--classes"),
      (["--classes", "3"], "--k"),
    ]
    for (arguments, flag) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, .usage, "\(arguments)")
      XCTAssertEqual(result.status.rawValue, 64)
      XCTAssertTrue(result.errors.contains(flag), "\(arguments): '\(result.errors)' must name \(flag)")
      XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "\(arguments): one line")
      XCTAssertEqual(result.output, "", "\(arguments): nothing on stdout")
    }
  }

  func testUnwritableOutputFailsBeforeComputingAndLeavesNoFile() {
    let missing = folder.appendingPathComponent("no/such/folder/out.json").path
    let result = run(["--classes", "3", "--k", "1...2", "--json", missing])
    XCTAssertEqual(result.status, .refutedOrIOError)
    XCTAssertTrue(result.errors.hasPrefix("verify: --json:"), result.errors)
    XCTAssertEqual(result.output, "")
    XCTAssertFalse(FileManager.default.fileExists(atPath: missing))

    // A folder in the way of the report: neither output may appear.
    let json = folder.appendingPathComponent("out.json").path
    let blocked = folder.appendingPathComponent("report.md")
    try? FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
    let second = run(["--classes", "3", "--k", "1", "--json", json, "--report", blocked.path])
    XCTAssertEqual(second.status, .refutedOrIOError)
    XCTAssertFalse(FileManager.default.fileExists(atPath: json))
    let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    XCTAssertEqual(leftovers, ["report.md"], "no partial files")
  }

  func testHelp() {
    let result = run(["--help"])
    XCTAssertEqual(result.status, .verified)
    XCTAssertTrue(result.output.contains("USAGE: verify --classes <N> --k <range>"))
  }

  /// The JSON carries the schema, and its decimal enclosures contain
  /// docs/theory.md's reference value with at least 25 matching significant digits.
  func testJSONDocument() throws {
    let path = folder.appendingPathComponent("ten.json").path
    let result = run(["--classes", "10", "--k", "1,2,10,100", "--json", path])
    XCTAssertEqual(result.status, .verified, result.errors)
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    let model = try XCTUnwrap(document["model"] as? [String: Any])
    XCTAssertEqual(model["classes"] as? Int, 10)
    XCTAssertEqual((model["rho"] as? [String])?.count, 10)
    XCTAssertEqual(model["scale"] as? String, "1")
    XCTAssertEqual(document["precision_bits"] as? Int, 128)
    let rows = try XCTUnwrap(document["rows"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["k"] as? Int }, [1, 2, 10, 100])
    let references = [
      "0.3254295018436390649873374129", "0.5729143646400687745827701184",
      "1.594133274495953314409986677", "3.703221492070737383345047915",
    ]
    for (row, reference) in zip(rows, references) {
      let loss = try XCTUnwrap(row["nce_loss"] as? [String: String])
      let lo = try XCTUnwrap(Decimal(string: loss["lo"]!))
      let hi = try XCTUnwrap(Decimal(string: loss["hi"]!))
      XCTAssertLessThanOrEqual(lo, hi)
      XCTAssertEqual(String(loss["lo"]!.prefix(27)), String(reference.prefix(27)), "25+ significant digits")
      XCTAssertEqual(String(loss["hi"]!.prefix(27)), String(reference.prefix(27)))
      let optimum = try XCTUnwrap(row["optimum"] as? [String: Any])
      XCTAssertEqual(optimum["gram"] as? String, "simplex")
      XCTAssertEqual(optimum["distance_bound"] as? String, "0")
      XCTAssertEqual(optimum["unique"] as? Bool, true)
      XCTAssertEqual(row["certificate"] as? String, "verified")
      let bounds = try XCTUnwrap(row["bounds"] as? [String: Any])
      XCTAssertEqual(bounds["arora"] is NSNull, (row["k"] as! Int) + 1 < 10)
      XCTAssertNotNil(bounds["ash"] as? [String: String])
    }
    let claims = try XCTUnwrap(document["claims"] as? [[String: String]])
    XCTAssertEqual(claims.map { $0["id"] }, ["T2", "T3"])
    XCTAssertTrue(claims.allSatisfy { $0["status"] == "verified" })
  }

  func testReportIsReproducible() throws {
    func report(_ name: String) throws -> [String: Data] {
      let sub = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      let result = run([
        "--classes", "4", "--k", "1...6", "--scale", "3/2", "--report", sub.appendingPathComponent("r.md").path,
      ])
      XCTAssertEqual(result.status, .verified)
      var files: [String: Data] = [:]
      for file in try FileManager.default.contentsOfDirectory(atPath: sub.path) {
        files[file] = try Data(contentsOf: sub.appendingPathComponent(file))
      }
      return files
    }
    let first = try report("a")
    let second = try report("b")
    XCTAssertEqual(Set(first.keys), ["r.md", "r-loss.svg", "r-bounds.svg", "r-bounds-full.svg"])
    for (name, data) in first {
      // The report names its output path, which differs between the two runs.
      let normalise = { (d: Data) in String(decoding: d, as: UTF8.self).replacingOccurrences(of: "/a/", with: "/b/") }
      XCTAssertEqual(normalise(data), String(decoding: second[name]!, as: UTF8.self), name)
    }
    let markdown = String(decoding: first["r.md"]!, as: UTF8.self)
    XCTAssertTrue(markdown.contains("| T2 | **verified** |"))
    XCTAssertTrue(markdown.contains("![NCE loss of the optimum against k](r-loss.svg)"))
  }
}
