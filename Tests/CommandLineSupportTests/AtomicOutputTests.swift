import CommandLineSupport
import Foundation
import XCTest

final class AtomicOutputTests: XCTestCase {
  private var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? [] }

  func testAllFilesAppearTogether() throws {
    var files = AtomicOutput()
    files.add("a", to: folder.appendingPathComponent("one.json").path, flag: "--json")
    files.add("b", to: folder.appendingPathComponent("two.md").path, flag: "--report")
    try files.commit()
    XCTAssertEqual(contents, ["one.json", "two.md"])
    XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("two.md"), encoding: .utf8), "b")
  }

  func testOneFailureLeavesNoFileAndNamesTheFlagAndTheReason() throws {
    var files = AtomicOutput()
    files.add("a", to: folder.appendingPathComponent("one.json").path, flag: "--json")
    files.add("b", to: folder.appendingPathComponent("missing/two.md").path, flag: "--report")
    XCTAssertThrowsError(try files.commit()) { error in
      let message = (error as? CommandError)?.description ?? ""
      XCTAssertTrue(message.hasPrefix("--report: cannot write '"), message)
      XCTAssertTrue(message.hasSuffix("No such file or directory"), message)
      XCTAssertEqual((error as? CommandError)?.exitCode, 1)
    }
    XCTAssertEqual(contents, [], "neither the first file nor a temporary remains")
  }

  func testAFailedRenameRestoresTheFilesRenamedBeforeIt() throws {
    let old = folder.appendingPathComponent("old.json")
    try "previous run".write(to: old, atomically: false, encoding: .utf8)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("blocked.md"), withIntermediateDirectories: false)
    var files = AtomicOutput()
    files.add("new", to: old.path, flag: "--json")
    files.add("new", to: folder.appendingPathComponent("fresh.svg").path, flag: "--report")
    files.add("new", to: folder.appendingPathComponent("blocked.md").path, flag: "--report")
    XCTAssertThrowsError(try files.commit()) { error in
      XCTAssertTrue((error as? CommandError)?.description.hasSuffix("Is a directory") ?? false, "\(error)")
    }
    XCTAssertEqual(contents, ["blocked.md", "old.json"], "the new file is removed again and no temporary remains")
    XCTAssertEqual(try String(contentsOf: old, encoding: .utf8), "previous run")
  }

  func testWritabilityOfOneCharacterNamesAndBadPlaces() throws {
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(folder.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    for name in ["a", "-", "~", "é"] {
      XCTAssertNoThrow(try OutputPath.checkWritable(name, flag: "--json"), name)
    }
    XCTAssertEqual(contents, [], "the check leaves no probe behind")
    let cases = [
      (".", "it is a folder"), ("/proc/x.json", "No such file or directory"),
      ("no/such/x.json", "folder 'no/such' does not exist"), ("", "empty path"),
    ]
    for (path, reason) in cases {
      XCTAssertThrowsError(try OutputPath.checkWritable(path, flag: "--json"), path) { error in
        let message = (error as? CommandError)?.description ?? ""
        XCTAssertTrue(message.hasPrefix("--json: cannot write"), message)
        XCTAssertTrue(message.hasSuffix(reason), "\(path): \(message)")
      }
    }
  }

  func testFolderOfPaths() {
    XCTAssertEqual(OutputPath.folder(of: "a"), ".")
    XCTAssertEqual(OutputPath.folder(of: "/a"), "/")
    XCTAssertEqual(OutputPath.folder(of: "x/y/z.md"), "x/y")
    XCTAssertEqual(OutputPath.name(of: "x/y/z.md"), "z.md")
  }
}
