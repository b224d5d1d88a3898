import Reports
import XCTest

/// A plot whose values differ by less than Double can split into ticks (the downstream loss of
/// optima that agree to 1e-17 across k) is drawn like a constant one instead of looping forever.
final class LinePlotRangeTests: XCTestCase {
  func testValuesCloserThanTheTickResolutionAreDrawnLikeOneValue() {
    let y = 0.018149927917809739
    let nearly = LinePlot(
      title: "t", xLabel: "k", yLabel: "loss",
      series: [.init(label: "a", points: [(1, y), (2, y.nextUp), (3, y.nextUp.nextUp)], color: "black")])
    let constant = LinePlot(
      title: "t", xLabel: "k", yLabel: "loss",
      series: [.init(label: "a", points: [(1, y), (2, y), (3, y)], color: "black")])
    let svg = nearly.svg()
    XCTAssertTrue(svg.hasSuffix("</svg>\n") || svg.hasSuffix("</svg>"))
    XCTAssertEqual(svg.components(separatedBy: "<text").count, constant.svg().components(separatedBy: "<text").count)
  }
}
