import CScheduler
import Dispatch
import Foundation
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

  /// The last job finishing while `finish` reports progress (its lock released) must not leave
  /// `finish` waiting for a wake-up that was already sent: the worker then exits and nobody signals.
  func testAJobFinishingDuringAProgressReportDoesNotStallFinish() {
    let work = OrderedBackgroundWork<Int>(workers: 1)
    let release = DispatchSemaphore(value: 0)
    work.submit {
      release.wait()
      return 7
    }
    let finished = DispatchSemaphore(value: 0)
    let results = ResultBox()
    let caller = Thread {
      results.value = work.finish { done in
        guard done == 0 else { return }
        release.signal()
        // Hold the report until the worker has stored the result (and, the queue being closed, left).
        while work.completedPrefix() == 0 { sched_yield() }
      }
      finished.signal()
    }
    caller.start()
    // A stall is a hang, not a slow run: the job costs nothing once released.
    XCTAssertEqual(finished.wait(timeout: .now() + 60), .success, "finish waited for a wake-up already sent")
    XCTAssertEqual(results.value, [7])
  }
}

/// Hands `finish`'s results from the calling thread to the test (the semaphore orders the accesses).
private final class ResultBox: @unchecked Sendable {
  var value: [Int] = []
}

/// Workers step off their creator's CPU once (so the caller and a worker do not share one core
/// while another idles) and may then run anywhere: the step must not pin them.
final class ThreadPlacementTests: XCTestCase {
  func testLeavingACPUMovesTheThreadWithoutPinningIt() throws {
    guard ProcessInfo.processInfo.activeProcessorCount >= 2 else { throw XCTSkip("needs two CPUs") }
    let first = cscheduler_current_cpu()
    XCTAssertGreaterThanOrEqual(first, 0)
    XCTAssertEqual(cscheduler_leave_cpu(first), 1)
    let second = cscheduler_current_cpu()
    XCTAssertNotEqual(second, first)
    // The original CPU is allowed again: the thread can leave the second one too.
    XCTAssertEqual(cscheduler_leave_cpu(second), 1)
    XCTAssertNotEqual(cscheduler_current_cpu(), second)
    // Not running on a CPU: nothing to do.
    let now = cscheduler_current_cpu()
    XCTAssertEqual(cscheduler_leave_cpu(now == 0 ? 1 : 0), 0)
  }
}
