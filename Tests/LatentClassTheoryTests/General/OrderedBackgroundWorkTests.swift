import TestSupport
import XCTest

@testable import LatentClassTheory

/// The background queue returns results in submission order and reports progress as a growing
/// prefix, whatever the number of workers (none included: then every job runs inline).
final class OrderedBackgroundWorkTests: XCTestCase {
  func testResultsAndProgressDoNotDependOnTheNumberOfWorkers() throws {
    try forEachSeed(4) { random, seed in
      // Jobs of very uneven cost, so late jobs often finish before early ones on several workers.
      let costs = (0..<24).map { _ in Int(random.next() % 20_000) }
      let expected = costs.map { cost in
        (0..<cost).reduce(UInt64(cost)) { $0 &* 6_364_136_223_846_793_005 &+ UInt64($1) }
      }
      for workers in [0, 1, 3] {
        let work = OrderedBackgroundWork<UInt64>(workers: workers)
        var reports: [Int] = []
        for cost in costs {
          work.submit { (0..<cost).reduce(UInt64(cost)) { $0 &* 6_364_136_223_846_793_005 &+ UInt64($1) } }
          reports.append(work.completedPrefix())
        }
        let results = work.finish { reports.append($0) }
        XCTAssertEqual(results, expected, "\(seed), \(workers) workers")
        XCTAssertEqual(reports, reports.sorted(), "progress never goes back: \(seed), \(workers) workers")
        XCTAssertEqual(reports.last, costs.count, "\(seed), \(workers) workers")
      }
    }
  }
}
