import ExactArithmetic
import Foundation
import LatentClassTheory
import Reports
import XCTest

/// The atlas report puts certified increases first, and the ternary map draws points where
/// their barycentric coordinates say.
final class AtlasReportTests: XCTestCase {
  private func atlas(increaseAt increasing: Int?, about: String = "exact optimum") throws -> AtlasDocument {
    let family = try AtlasFamily("rho3:4")
    let header = AtlasHeader(
      family: family.description, seed: nil, pointCount: 3, negatives: [1, 2, 3], scale: 2, precision: 64,
      gapTolerance: Rational(1, 100), about: about)
    let points = family.points.map { point in
      let up = point.index == increasing
      return AtlasPointResult(
        index: point.index, id: point.id, model: point.model,
        rows: [1, 2, 3].map { .init(negatives: $0, status: "verified", gap: "1e-12", downstream: ("0.5", "0.5")) },
        pairs: [
          .init(from: 1, to: 2, verdict: .verified, change: ("-0.02", "-0.01")),
          .init(
            from: 2, to: 3, verdict: up ? .refuted : .verified, change: up ? ("0.003", "0.004") : ("-0.2", "-0.1")
          ),
        ])
    }
    return AtlasDocument(header: header, shard: nil, points: points)
  }

  func testACertifiedIncreaseComesFirstWithACommandThatReproducesIt() throws {
    let report = AtlasMarkdown.report(
      [try atlas(increaseAt: 1)], sources: ["a.json"], command: "verify atlas-report a.json", figureFiles: ["m.svg"])
    let increase = try XCTUnwrap(report.range(of: "## Certified increases"))
    let verdicts = try XCTUnwrap(report.range(of: "## Verdicts"))
    XCTAssertLessThan(increase.lowerBound, verdicts.lowerBound)
    XCTAssertTrue(report.contains("**C1 COUNTEREXAMPLE**"), report)
    XCTAssertTrue(report.contains("verify --rho 1/4,1/2,1/4 --scale 2 --k 1...3 --precision 64 --gap 1/100"), report)
    XCTAssertTrue(report.contains("| 2→3 | 0.003 |"), report)
    XCTAssertTrue(report.contains("The verdicts are about the exact optimum."))
    // About a near-optimal Ĝ_k, the same increase is only a candidate.
    let near = AtlasMarkdown.report(
      [try atlas(increaseAt: 1, about: "near-optimum")], sources: ["a.json"], command: "c", figureFiles: ["m.svg"])
    XCTAssertTrue(near.contains("C1 CANDIDATE COUNTEREXAMPLE") && near.contains("not about the exact optimum"), near)
    XCTAssertTrue(report.contains("![s = 2](m.svg)"))

    let clean = AtlasMarkdown.report(
      [try atlas(increaseAt: nil)], sources: ["a.json"], command: "c", figureFiles: ["m.svg"])
    XCTAssertTrue(clean.contains("No pair of consecutive k is a certified increase"))
    XCTAssertFalse(clean.contains("COUNTEREXAMPLE"))
  }

  func testTheTernaryMapPlacesPointsBarycentricallyWithALegend() {
    let plot = TernaryPlot(
      title: "t", axisLabels: ("ρ1", "ρ2", "ρ3"),
      categories: [.init(label: "non-increasing", color: "#111111"), .init(label: "increase found", color: "#222222")],
      markers: [
        .init(coordinates: (1, 0, 0), category: 0), .init(coordinates: (1.0 / 3, 1.0 / 3, 1.0 / 3), category: 1),
      ])
    let svg = plot.svg()
    // The triangle has side 440 with its bottom-left corner at (60, 450): ρ = (1, 0, 0) is that corner,
    // and the centroid lies a third of the height 440·√3/2 ≈ 381.05 above the base, at x = 60 + 220.
    XCTAssertTrue(svg.contains("<circle cx=\"60.0\" cy=\"450.0\" r=\"7.0\" fill=\"#111111\""), svg)
    XCTAssertTrue(svg.contains("<circle cx=\"280.0\" cy=\"323.0\" r=\"7.0\" fill=\"#222222\""), svg)
    XCTAssertTrue(svg.contains("non-increasing (1)") && svg.contains("increase found (1)"))
    XCTAssertTrue(svg.contains("ρ1 = 1") && svg.contains("ρ2 = 1") && svg.contains("ρ3 = 1"))
    XCTAssertEqual(svg, plot.svg())
  }
}
