import Foundation
import VerifyCommand
import XCTest

/// `verify` on general models (issue #3): flag parsing, exit codes, the JSON schema, the report.
final class GeneralCommandTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = try makeTemporaryFolder("general-verify")
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private func run(_ arguments: [String]) -> (status: VerifyCommand.Status, output: String, errors: String) {
    runVerify(arguments)
  }

  /// The overlapping model of notebooks-md/general-overlap-model.json: 3 classes on a chain of 4 points.
  private func overlapModel() throws -> URL {
    let file = folder.appendingPathComponent("overlap.json")
    let json = """
      {"classes": 3, "points": 4, "rho": ["1/2", "1/3", "1/6"],
       "distributions": [["1/2", "1/2", "0", "0"], ["0", "1/2", "1/2", "0"], ["0", "0", "1/2", "1/2"]]}
      """
    try Data(json.utf8).write(to: file)
    return file
  }

  func testUsageErrorsAreOneLineAndNameTheProblem() throws {
    let modelFile = folder.appendingPathComponent("bad.json")
    try Data("{not json".utf8).write(to: modelFile)
    let cases: [([String], String)] = [
      (["--rho", "1/2,1/3", "--k", "1"], "rho sums to 5/6"),
      (["--rho", "1/2,1/2", "--k", "0"], "--k"),
      (["--rho", "1/2,1/2", "--k", "1", "--engine", "magic"], "--engine"),
      (["--rho", "1/2,1/2", "--k", "1", "--within", "uniform"], "--within needs --points-per-class"),
      (["--rho", "1/2,1/2", "--k", "1", "--points-per-class", "0"], "--points-per-class"),
      (["--rho", "1/2,1/2", "--k", "1", "--points-per-class", "2", "--within", "random:x"], "--within"),
      (["--rho", "1/2,1/2"], "--k: missing"),
      (["--model", modelFile.path, "--k", "1"], "not a JSON object"),
      (["--model", modelFile.path, "--rho", "1", "--k", "1"], "--model"),
      (["--rho", "1/2,1/2", "--k", "1", "--gap", "-1"], "--gap"),
      (["--rho", "1/2,1/2", "--k", "1", "--refine", "all"], "--refine"),
      (["--rho", "zipf:1", "--k", "1"], "class count"),
    ]
    for (arguments, expected) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, .usage, "\(arguments)")
      XCTAssertTrue(result.errors.contains(expected), "\(arguments): \(result.errors)")
      XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1, "\(arguments)")
      XCTAssertEqual(result.output, "", "\(arguments)")
    }
  }

  func testClassLevelRunCertifiesAndWritesTheDocumentedJSON() throws {
    let json = folder.appendingPathComponent("out.json")
    let result = run(["--rho", "3/4,1/4", "--scale", "2", "--k", "1...3", "--json", json.path])
    XCTAssertEqual(result.status, .verified, result.output + result.errors)
    XCTAssertTrue(result.output.contains("Certified rows: 3 of 3"), result.output)
    let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
    let rows = try XCTUnwrap(document["rows"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["k"] as? Int }, [1, 2, 3])
    for row in rows {
      XCTAssertEqual(row["engine"] as? String, "multinomial")
      XCTAssertEqual(row["status"] as? String, "verified")
      XCTAssertNotNil(row["certified_gap"] as? String)
      let gram = try XCTUnwrap(row["gram"] as? [[String]])
      XCTAssertEqual(gram.count, 2)
      XCTAssertEqual(gram[0][1], gram[1][0])
      let downstream = try XCTUnwrap(row["downstream"] as? [String: Any])
      XCTAssertNotNil(downstream["weighted"] as? [String: String])
      XCTAssertNotNil(downstream["balanced"] as? [String: String])
      XCTAssertEqual(downstream["accuracy"] as? String, "1")
    }
  }

  func testPointLevelRunReportsTheCollapseClaim() {
    let result = run(["--rho", "2/3,1/3", "--points-per-class", "2", "--within", "random:4", "--k", "1...2"])
    XCTAssertEqual(result.status, .verified, result.output + result.errors)
    XCTAssertTrue(result.output.contains("T1 VERIFIED"), result.output)
  }

  func testReportAndPlotsAreWrittenAndReproducible() throws {
    let model = try overlapModel()
    func report(_ name: String) throws -> [String: String] {
      let sub = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      let result = run([
        "--model", model.path, "--scale", "2", "--k", "1...3", "--report", sub.appendingPathComponent("r.md").path,
      ])
      XCTAssertEqual(result.status, .verified, result.output + result.errors)
      var files: [String: String] = [:]
      for file in try FileManager.default.contentsOfDirectory(atPath: sub.path) {
        files[file] = String(decoding: try Data(contentsOf: sub.appendingPathComponent(file)), as: UTF8.self)
      }
      return files
    }
    let first = try report("a")
    let second = try report("b")
    XCTAssertEqual(Set(first.keys), ["r.md", "r-gram.svg", "r-downstream.svg", "r-loss.svg"])
    for (name, text) in first {
      // The report's command line names its output path, which differs between the two runs.
      XCTAssertEqual(text.replacingOccurrences(of: "/a/", with: "/b/"), second[name], name)
    }
    let markdown = try XCTUnwrap(first["r.md"])
    XCTAssertTrue(markdown.contains("Generated by `swift run -c release verify --model "), markdown)
    XCTAssertTrue(markdown.contains("| overlap (exact optimum) | **increase found** |"), markdown)
    XCTAssertTrue(markdown.contains("](r-gram.svg)"), markdown)
    XCTAssertTrue(markdown.contains("| 3 | multinomial | `1.1589420868775"), markdown)
    XCTAssertTrue(try XCTUnwrap(first["r-gram.svg"]).contains("⟨μ0,μ1⟩"))
  }

  func testUnwritableReportFailsBeforeComputingAndLeavesNoFile() throws {
    let json = folder.appendingPathComponent("out.json").path
    let missing = folder.appendingPathComponent("no/such/folder/r.md").path
    let result = run(["--rho", "3/4,1/4", "--k", "1...2", "--json", json, "--report", missing])
    XCTAssertEqual(result.status, .refutedOrIOError)
    XCTAssertTrue(result.errors.hasPrefix("verify: --report:"), result.errors)
    XCTAssertEqual(result.errors.filter { $0 == "\n" }.count, 1)
    XCTAssertEqual(result.output, "", "nothing computed")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no files")
  }

  func testUniformFlagsStillSelectTheUniformEngine() {
    XCTAssertFalse(GeneralOptions.applies(to: ["--classes", "3", "--k", "1"]))
    XCTAssertTrue(GeneralOptions.applies(to: ["--classes", "3", "--k", "1", "--engine", "laplace"]))
  }

  /// The C1 counterexample ρ = (1/20, 3/20, 4/5), s = 1, holds for the ρ-weighted loss only: from k = 9 to 11
  /// that loss of the exact optimum rises (a SciPy minimizer agrees, scripts/check-c1-counterexample.py),
  /// while the balanced loss falls. `--c1-loss` chooses which one the verdicts order.
  func testC1LossChoosesTheDownstreamLossTheVerdictsOrder() throws {
    let weighted = run(["--rho", "1/20,3/20,4/5", "--scale", "1", "--k", "9...11"])
    XCTAssertTrue(weighted.output.contains("C1 INCREASE FOUND about the exact optimum"), weighted.output)
    XCTAssertEqual(weighted.status, .refutedOrIOError, weighted.errors)
    let balanced = run(["--rho", "1/20,3/20,4/5", "--scale", "1", "--k", "9...11", "--c1-loss", "balanced"])
    XCTAssertTrue(balanced.output.contains("C1 NON-INCREASING about the exact optimum"), balanced.output)
    XCTAssertEqual(balanced.status, .verified, balanced.errors)
  }

  /// `verify --rho 3/4,1/4 --scale 2 --k <k>` with `--json` and `--report`: its output, the JSON's claims and the report.
  private func claimsRun(k: String) throws -> (output: String, claims: [[String: Any]], markdown: String) {
    let json = folder.appendingPathComponent("claims.json")
    let report = folder.appendingPathComponent("claims.md")
    let result = run(["--rho", "3/4,1/4", "--scale", "2", "--k", k, "--json", json.path, "--report", report.path])
    XCTAssertEqual(result.status, .verified, result.output + result.errors)
    let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
    let claims = try XCTUnwrap(document["claims"] as? [[String: Any]])
    return (result.output, claims, try String(contentsOf: report, encoding: .utf8))
  }

  /// A claim is worded once: the statement and verdict word the JSON carries are the ones the
  /// table prints and the report shows (with the spec's citations linked there).
  func testTableJSONAndReportShowTheSameClaims() throws {
    let (output, claims, markdown) = try claimsRun(k: "1...3")
    XCTAssertEqual(claims.compactMap { $0["id"] as? String }, ["C1", "C1-near-optimum"])
    for claim in claims {
      let (id, statement) = (claim["id"] as! String, claim["statement"] as! String)
      let status = try XCTUnwrap(claim["status"] as? String)
      XCTAssertEqual((claim["pairs"] as? [String])?.count, 2, id)
      XCTAssertTrue(output.contains("\(id) \(status.uppercased())"), "\(id): \(output)")
      XCTAssertTrue(output.contains(statement), "\(id): \(output)")
      let linked = statement.replacingOccurrences(
        of: "docs/theory.md §5", with: "[docs/theory.md §5](../docs/theory.md)")
      XCTAssertTrue(markdown.contains("| **\(status)** | \(linked) |"), "\(id): \(markdown)")
    }
  }

  /// One k has no pair to compare: the report says C1 does not apply, and the JSON keeps the word
  /// scripts read for it (the table is checked in HostileVerifyTests).
  func testASingleKLeavesC1NotApplicable() throws {
    let (_, claims, markdown) = try claimsRun(k: "2")
    let c1 = try XCTUnwrap(claims.first { $0["id"] as? String == "C1" })
    XCTAssertEqual(c1["status"] as? String, "undecided")
    XCTAssertEqual((c1["pairs"] as? [String])?.count, 0)
    XCTAssertTrue(markdown.contains("| C1 (exact optimum) | **not applicable** |"), markdown)
  }

  /// Undecided pairs whose Laplace rows could be refined get a hint naming the flag; with the
  /// flag on, the pair is decided and there is no hint.
  func testUndecidedLaplacePairsHintAtRefining() {
    let model = ["--rho", "11/20,1/4,3/20,1/20", "--scale", "2", "--k", "30...31", "--engine", "laplace"]
    let plain = run(model)
    XCTAssertTrue(plain.output.contains("1 undecided"), plain.output)
    XCTAssertTrue(plain.output.contains("Hint: --refine-undecided on refines the 2 rows"), plain.output)
    let refined = run(model + ["--refine-undecided", "on"])
    XCTAssertFalse(refined.output.contains("Hint:"), refined.output)
    XCTAssertFalse(refined.output.contains("1 undecided"), refined.output)
    // The header says which rows' enclosures have Double endpoints: the unrefined ones only.
    XCTAssertTrue(plain.output.contains("unrefined rows: Double endpoints"), plain.output)
    XCTAssertFalse(refined.output.contains("Double endpoints"), refined.output)
  }
}
