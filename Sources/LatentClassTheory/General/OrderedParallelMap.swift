import Foundation
import Synchronization

/// Maps a pure function over an array on all cores, keeping the order, so the result does not
/// depend on the number of cores or on scheduling.
enum OrderedParallelMap {
  /// `values.map(transform)`, with the elements computed concurrently.
  ///
  /// - Complexity: the cost of `transform` on each element, spread over the cores; elements are
  ///   taken one at a time, so uneven costs (large `k` costs more) still balance.
  static func map<T, U: Sendable>(_ values: [T], _ transform: (T) -> U) -> [U] {
    let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: values.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    nonisolated(unsafe) let work = transform
    nonisolated(unsafe) let inputs = values
    let next = Mutex(0)
    let workers = min(values.count, ProcessInfo.processInfo.activeProcessorCount)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.withLock { next in
          defer { next += 1 }
          return next
        }
        guard index < inputs.count else { return }
        slots[index] = work(inputs[index])
      }
    }
    return results.map { $0! }
  }
}
