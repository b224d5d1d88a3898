import CommandLineSupport
import XCTest

final class TerminalProgressTests: XCTestCase {
  func testLineShowsFractionAndETAFromTheRateSoFar() {
    XCTAssertEqual(
      TerminalProgress.line(label: "k=4", done: 5, total: 20, elapsed: 10, width: 8), "k=4 [##......]  25% 5/20 ETA 30s"
    )
    XCTAssertTrue(TerminalProgress.line(label: "x", done: 0, total: 3, elapsed: 1).hasSuffix("ETA ?"))
    XCTAssertEqual(TerminalProgress.duration(3725), "1h02m")
    XCTAssertEqual(TerminalProgress.duration(245), "4m05s")
  }

  func testSilentWhenNotATerminal() {
    var written = ""
    let progress = TerminalProgress(total: 2, isEnabled: false) { written += $0 }
    progress.update(done: 1, label: "x")
    progress.finish()
    XCTAssertEqual(written, "")
    let shown = TerminalProgress(total: 2, isEnabled: true) { written += $0 }
    shown.update(done: 2, label: "x")
    shown.finish()
    XCTAssertTrue(written.hasPrefix("\r\u{1B}[Kx ["), written)
    XCTAssertTrue(written.contains("2/2"))
    XCTAssertTrue(written.hasSuffix("\n"), "finish ends the line")
  }
}
