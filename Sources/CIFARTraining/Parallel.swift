import Dispatch

/// Splits the trainer's loops over the threads of ``TrainingRuntime/threads``.
enum Parallel {
  /// Calls `body(part, range)` concurrently for contiguous, nearly equal parts of
  /// `0..<count`, one per thread (fewer when `count` is smaller).
  ///
  /// Part `i` is always the same range for a given thread count, so anything that
  /// depends on how the work is split (the order of a gradient's partial sums) is
  /// reproducible run to run.
  ///
  /// - Complexity: the cost of `body` over all parts, divided among the threads.
  static func forEachPart(of count: Int, _ body: (_ part: Int, _ range: Range<Int>) -> Void) {
    let parts = partCount(for: count)
    guard parts > 1 else {
      if count > 0 { body(0, 0..<count) }
      return
    }
    withoutActuallyEscaping(body) { body in
      // Each part touches disjoint memory (or its own partial sums), which is what
      // makes sharing the caller's unsafe pointers across threads sound here.
      nonisolated(unsafe) let body = body
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        body(part, count * part / parts..<count * (part + 1) / parts)
      }
    }
  }

  /// How many parts ``forEachPart(of:_:)`` uses for `count` items.
  static func partCount(for count: Int) -> Int { max(1, min(TrainingRuntime.threads, count)) }
}
