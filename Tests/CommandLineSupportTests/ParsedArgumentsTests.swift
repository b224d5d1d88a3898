import CommandLineSupport
import XCTest

final class ParsedArgumentsTests: XCTestCase {
  private let flags: [Flag] = [
    .option("--k", "range", help: "Negatives."),
    .option("--scale", "s", default: "1", help: "Scale."),
    .toggle("--sphere", help: "Project to the sphere."),
  ]

  func testBothValueSpellingsAndToggles() throws {
    let parsed = try ParsedArguments(["--k=1...3", "--scale", "-2", "--sphere"], flags: flags)
    XCTAssertEqual(parsed.text("--k"), "1...3")
    XCTAssertEqual(parsed.text("--scale"), "-2", "a negative number is a value, checked by its parser")
    XCTAssertTrue(parsed.contains("--sphere"))
    XCTAssertFalse(parsed.helpRequested)
    XCTAssertEqual(try parsed.value("--scale", .integer(in: -5...5, expected: "-5 to 5")), -2)
    XCTAssertEqual(try parsed.value("--missing", .integer(in: 1...9, expected: "1 to 9"), default: 7), 7)
  }

  func testMistakesAreOneLineUsageErrorsNamingTheFlag() {
    let cases: [([String], String)] = [
      (["--frobnicate", "2"], "'--frobnicate'"),
      (["--k", "1", "--k", "2"], "--k: given twice"),
      (["--k"], "--k: missing value"),
      (["--k", "--sphere"], "--k: missing value"),
      (["--sphere=yes"], "--sphere: takes no value"),
      (["stray"], "unexpected argument 'stray'"),
    ]
    for (arguments, expected) in cases {
      XCTAssertThrowsError(try ParsedArguments(arguments, flags: flags), "\(arguments)") { error in
        let error = error as? CommandError
        XCTAssertEqual(error?.exitCode, 64, "\(arguments)")
        XCTAssertTrue(error?.description.contains(expected) ?? false, "\(arguments): \(String(describing: error))")
        XCTAssertFalse(error?.description.contains("\n") ?? true)
      }
    }
  }

  func testHelpAndVersionWinOverOtherMistakes() throws {
    XCTAssertTrue(try ParsedArguments(["--frobnicate", "--help"], flags: flags).helpRequested)
    XCTAssertTrue(try ParsedArguments(["--version", "--k"], flags: flags).versionRequested)
  }

  func testValueErrorsTruncateLongEchoes() throws {
    let long = String(repeating: "9", count: 100_000)
    let parsed = try ParsedArguments(["--scale", long], flags: flags)
    XCTAssertThrowsError(try parsed.value("--scale", .integer(in: 1...5, expected: "1 to 5"))) { error in
      let message = (error as? CommandError)?.description ?? ""
      XCTAssertTrue(message.hasPrefix("--scale: expected 1 to 5, got '9"), message)
      XCTAssertLessThan(message.count, 80, "the echo is cut to \(EchoedValue.limit) characters")
    }
  }

  func testRequiredFlagNamesItselfAndAnExample() throws {
    let parsed = try ParsedArguments([], flags: flags)
    XCTAssertThrowsError(try parsed.required("--k", .nonEmpty("a range"), example: "--k 1...3")) { error in
      XCTAssertEqual((error as? CommandError)?.description, "--k: missing (e.g. --k 1...3)")
    }
  }

  func testHelpLaysOutEveryFlagWithItsDefault() {
    let help = HelpText(overview: "Do a thing.", usage: ["tool --k <range>"], sections: [.init("OPTIONS", flags)])
      .rendered
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(lines.first, "OVERVIEW: Do a thing.")
    XCTAssertTrue(lines.contains("USAGE: tool --k <range>"))
    XCTAssertTrue(lines.contains("  --scale <s>             Scale. (default: 1)"), help)
    XCTAssertTrue(lines.contains("  --sphere                Project to the sphere."), help)
    XCTAssertTrue(lines.contains("  -h, --help              Show help information."), help)
    XCTAssertTrue(lines.contains("  --version               Show the version."), help)
  }
}
