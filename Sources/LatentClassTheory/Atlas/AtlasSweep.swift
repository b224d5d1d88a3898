import Dispatch
import ExactArithmetic
import Foundation

/// Runs the points of an atlas file that are not finished yet, on several threads.
public enum AtlasSweep {
  /// Evaluates every point of `family` in `shard` (all points when `nil`) that `document`
  /// does not hold yet, `threads` at a time, and calls `finished` with the updated document
  /// after each point; when `finished` returns `false` (the file could not be written), no
  /// further point is started.
  ///
  /// Points are handed out in family order to whichever thread is free; each result is
  /// stored by its index, so the document does not depend on the thread count or timing.
  /// `finished` is called under a lock, one call at a time, so it can write the file.
  ///
  /// - Complexity: one ``AtlasPoint/evaluate(_:ks:scale:precision:gapTolerance:refinement:)`` per pending point.
  public static func run(
    family: AtlasFamily, document: AtlasDocument, threads: Int,
    finished: @Sendable (AtlasDocument) -> Bool
  ) -> AtlasDocument {
    let done = Set(document.points.map(\.index))
    let pending = family.points.filter { (document.shard?.contains($0.index) ?? true) && !done.contains($0.index) }
    let header = document.header
    let state = SweepState(document)
    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, pending.count))) { _ in
      while let point = state.take(from: pending) {
        let result = AtlasPoint.evaluate(
          point, ks: header.negatives, scale: header.scale, precision: header.precision,
          gapTolerance: header.gapTolerance, refinement: header.refinement)
        state.store(result, finished)
      }
    }
    return state.document
  }
}

/// The shared state of a sweep: the next pending point and the document so far.
private final class SweepState: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private var stopped = false
  // Guarded by `lock`.
  private var current: AtlasDocument

  init(_ document: AtlasDocument) { current = document }

  var document: AtlasDocument { lock.withLock { current } }

  func take(from pending: [AtlasFamily.Point]) -> AtlasFamily.Point? {
    lock.withLock {
      guard next < pending.count, !stopped else { return nil }
      next += 1
      return pending[next - 1]
    }
  }

  func store(_ result: AtlasPointResult, _ finished: (AtlasDocument) -> Bool) {
    lock.withLock {
      let position = current.points.firstIndex { $0.index > result.index } ?? current.points.count
      current.points.insert(result, at: position)
      if !finished(current) { stopped = true }
    }
  }
}
