import CScheduler
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Jobs run on background threads while the caller keeps submitting more (and on the caller's thread
/// too once it calls ``finish(progress:)``); results come back in submission order, so they do not
/// depend on the number of cores or on scheduling.
///
/// Threads are plain `pthread`s with a fixed stack, created up front: when the system refuses one
/// (an address-space limit, `ulimit -v`), the queue runs with fewer, and with none it runs every job
/// inline in ``submit(_:)``, so a memory limit never turns into a hang.
final class OrderedBackgroundWork<Result: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var pending: [(index: Int, job: @Sendable () -> Result)] = []
  private var results: [Result?] = []
  private var closed = false
  private var threads: [pthread_t] = []

  /// The stack each worker gets (the main thread's default; the exact arithmetic does not recurse).
  static var stackBytes: Int { 8 << 20 }

  /// Starts up to `workers` threads; with `leavingCreatorCPU`, each steps off its creator's CPU once
  /// and may then run anywhere.
  ///
  /// A new thread starts on its creator's CPU: a long-lived worker beside a busy caller shared one
  /// core with it (measured on the row chain: in about half the runs, for several milliseconds, the
  /// other core idle). Short-lived pools inside an evaluation are better left where they start.
  init(workers: Int, leavingCreatorCPU: Bool = false) {
    let creator = leavingCreatorCPU ? cscheduler_current_cpu() : -1
    for _ in 0..<max(workers, 0) {
      guard
        let thread = startThread(
          stackBytes: OrderedBackgroundWork.stackBytes,
          { [self] in
            if creator >= 0 { _ = cscheduler_leave_cpu(creator) }
            serve()
          })
      else { break }
      threads.append(thread)
    }
  }

  /// Queues `job`; runs it at once on the calling thread when no worker could be started.
  func submit(_ job: @escaping @Sendable () -> Result) {
    if threads.isEmpty {
      results.append(job())
      return
    }
    condition.lock()
    results.append(nil)
    pending.append((results.count - 1, job))
    condition.signal()
    condition.unlock()
  }

  /// How many results, counted from the first, are complete.
  func completedPrefix() -> Int {
    condition.lock()
    defer { condition.unlock() }
    return results.firstIndex { $0 == nil } ?? results.count
  }

  /// Runs queued jobs on the calling thread too until every job is done, calling `progress` with the
  /// completed prefix's length whenever it grows, stops the workers and returns the results in
  /// submission order.
  func finish(progress: (Int) -> Void = { _ in }) -> [Result] {
    condition.lock()
    closed = true
    condition.broadcast()
    var reported = -1
    while true {
      let done = results.firstIndex { $0 == nil } ?? results.count
      if done != reported {
        reported = done
        condition.unlock()
        progress(done)
        condition.lock()
        // Jobs may have finished while unlocked, and the last worker may have signalled and left:
        // decide on a fresh count, never wait on this stale one.
        continue
      }
      if done == results.count { break }
      if !runOldestJob() { condition.wait() }
    }
    let finished = results.map { $0! }
    condition.unlock()
    for thread in threads { pthread_join(thread, nil) }
    return finished
  }

  /// Takes the oldest queued job, runs it unlocked and stores its result; `false` when none is queued.
  /// Called and returns with the lock held.
  private func runOldestJob() -> Bool {
    guard !pending.isEmpty else { return false }
    let (index, job) = pending.removeFirst()
    condition.unlock()
    let result = job()
    condition.lock()
    results[index] = result
    condition.broadcast()
    return true
  }

  /// A worker's loop: run the oldest job until the queue is closed and drained.
  private func serve() {
    condition.lock()
    while true {
      if runOldestJob() { continue }
      if closed { break }
      condition.wait()
    }
    condition.unlock()
  }
}

/// A `pthread` with `stackBytes` of stack running `body`, or `nil` when the system refuses one.
private func startThread(stackBytes: Int, _ body: @escaping () -> Void) -> pthread_t? {
  var attributes = pthread_attr_t()
  pthread_attr_init(&attributes)
  defer { pthread_attr_destroy(&attributes) }
  pthread_attr_setstacksize(&attributes, stackBytes)
  var thread = pthread_t()
  let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
  let status = pthread_create(
    &thread, &attributes,
    { context in
      Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
      return nil
    }, context)
  guard status == 0 else {
    Unmanaged<ThreadBody>.fromOpaque(context).release()
    return nil
  }
  return thread
}

/// A closure in a class, so a C thread entry point can receive it through one pointer.
private final class ThreadBody {
  let body: () -> Void
  init(_ body: @escaping () -> Void) { self.body = body }
}
