import CommandLineSupport
import XCTest

final class NegativesRangeTests: XCTestCase {
  func testAcceptedForms() throws {
    XCTAssertEqual(try NegativesRange.parse("1...100"), Array(1...100))
    XCTAssertEqual(try NegativesRange.parse("1..<5"), [1, 2, 3, 4])
    XCTAssertEqual(try NegativesRange.parse("7"), [7])
    XCTAssertEqual(try NegativesRange.parse("16,1,4"), [1, 4, 16])
    XCTAssertEqual(try NegativesRange.parse("3,1,3"), [1, 3], "sorted, repeats merged")
    XCTAssertEqual(try NegativesRange.parse("1...10:3"), [1, 4, 7, 10])
    XCTAssertEqual(try NegativesRange.parse("1..<10:4"), [1, 5, 9])
    XCTAssertEqual(try NegativesRange.parse("1...3,10,2"), [1, 2, 3, 10])
  }

  func testRejectedForms() {
    let bad = [
      "", "0", "-3", "5...2", "1..100", "a", "1...", "...5", "1...10:0", "1,,2", "3..<3", "2:3", "1.5", "+4",
      "1...99999999999", "1..<-9223372036854775808", "9223372036854775807...1", "1...5:99999999999999999999",
    ]
    for text in bad {
      XCTAssertThrowsError(try NegativesRange.parse(text), "'\(text)' must be rejected") { error in
        let message = (error as? CommandError)?.description ?? ""
        XCTAssertTrue(message.hasPrefix("--k:"), "'\(text)': message must name the flag: \(message)")
        XCTAssertFalse(message.contains("\n"), "'\(text)': one line")
      }
    }
  }
}
