import Foundation
import XCTest

/// The specification is docs/theory.md: every citation of it names a section that exists,
/// nothing cites a file outside the repository, and the relative links in the Markdown
/// files (reports, proofs, docs, README) point at files that exist.
final class CitationTests: XCTestCase {
  /// The package root, found from this file so the tests run from any directory.
  private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Text files under `folders` of the package with one of `extensions`, as (relative path, contents).
  private func files(in folders: [String], extensions: Set<String>) throws -> [(path: String, text: String)] {
    var found: [(String, String)] = []
    for folder in folders {
      let base = Self.root.appendingPathComponent(folder)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory) else { continue }
      let urls =
        isDirectory.boolValue
        ? (FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
        : [base]
      for url in urls where extensions.contains(url.pathExtension) {
        let relative = String(url.path.dropFirst(Self.root.path.count + 1))
        found.append((relative, try String(contentsOf: url, encoding: .utf8)))
      }
    }
    return found.sorted { $0.0 < $1.0 }
  }

  private var citingFiles: [(path: String, text: String)] {
    get throws {
      try files(
        in: ["README.md", "docs", "proofs", "notebooks-md", "Sources", "Tests", "scripts"],
        extensions: ["md", "swift", "py", "sh"])
    }
  }

  /// The section numbers of docs/theory.md's `## N. Title` headings.
  private func specificationSections() throws -> Set<Int> {
    let text = try String(contentsOf: Self.root.appendingPathComponent("docs/theory.md"), encoding: .utf8)
    let heading = try NSRegularExpression(pattern: "^## ([0-9]+)\\. ", options: .anchorsMatchLines)
    return Set(
      heading.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
        Range($0.range(at: 1), in: text).flatMap { Int(text[$0]) }
      })
  }

  func testSpecificationKeepsTheSharedSectionNumbers() throws {
    // Reports and proofs written against the shared spec cite §1–§10; they must keep their meaning.
    XCTAssertTrue(Set(1...10).isSubset(of: try specificationSections()))
  }

  func testEverySectionCitedExists() throws {
    let sections = try specificationSections()
    // "docs/theory.md §6", "docs/theory.md §1–§3", "[docs/theory.md §5](…)", "docs/theory.md §2, §6".
    let citation = try NSRegularExpression(pattern: "docs/theory\\.md ((?:§[0-9]+(?:[–-]§[0-9]+)?(?:, )?)+)")
    let number = try NSRegularExpression(pattern: "§([0-9]+)")
    var cited = 0
    for file in try citingFiles {
      let text = file.text
      for match in citation.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let list = String(text[Range(match.range(at: 1), in: text)!])
        for section in number.matches(in: list, range: NSRange(list.startIndex..., in: list)) {
          let value = Int(list[Range(section.range(at: 1), in: list)!])!
          cited += 1
          XCTAssertTrue(sections.contains(value), "\(file.path) cites docs/theory.md §\(value), which does not exist")
        }
      }
    }
    XCTAssertGreaterThan(cited, 50, "the citations were not found at all")
  }

  func testNothingCitesTheSpecificationOutsideTheRepository() throws {
    let outside = "../" + "shared/theory.md"
    for file in try citingFiles {
      XCTAssertFalse(file.text.contains(outside), "\(file.path) cites \(outside); cite docs/theory.md")
    }
  }

  func testRelativeMarkdownLinksResolve() throws {
    let link = try NSRegularExpression(pattern: "\\]\\(([^)\\s]+)\\)")
    var checked = 0
    for file in try files(in: ["README.md", "docs", "proofs", "notebooks-md"], extensions: ["md"]) {
      let folder = Self.root.appendingPathComponent(file.path).deletingLastPathComponent()
      for match in link.matches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)) {
        let target = String(file.text[Range(match.range(at: 1), in: file.text)!])
        guard !target.contains("://"), !target.hasPrefix("#"), !target.hasPrefix("mailto:") else { continue }
        let path = String(target.prefix { $0 != "#" })
        checked += 1
        XCTAssertTrue(
          FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).standardizedFileURL.path),
          "\(file.path) links to \(target), which does not exist")
      }
    }
    XCTAssertGreaterThan(checked, 10, "the links were not found at all")
  }
}
