import CGMP

#if canImport(Glibc)
  import Glibc
#endif

/// What a process does when GMP (and MPFR, which allocates through GMP) runs out of memory.
///
/// GMP's default is to print and `abort()`, a crash (status 134) under a memory limit. A command
/// calls ``refuseCleanly(message:status:)`` once to get one line on stderr and an ordinary exit
/// status instead. Allocations made by Swift itself are not covered.
public enum MemoryExhaustion {
  /// Installs GMP allocators that, when `malloc`/`realloc` fail, write `message` (one line) to
  /// stderr and end the process with `status` without running any more code (`_exit`).
  public static func refuseCleanly(message: String, status: Int32) {
    // Built now: once memory is gone, nothing can be allocated to say so.
    let bytes = Array((message.hasSuffix("\n") ? message : message + "\n").utf8)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    _ = buffer.initialize(from: bytes)
    refusal = (UnsafeBufferPointer(buffer), status)
    // `mp_set_memory_functions` is a macro for this.
    __gmp_set_memory_functions(
      { size in allocated(malloc(size)) },
      { pointer, _, size in allocated(realloc(pointer, size)) },
      { pointer, _ in free(pointer) })
  }
}

/// The message and status of ``MemoryExhaustion/refuseCleanly(message:status:)``; set once, before
/// any allocation can fail, and only read afterwards.
private nonisolated(unsafe) var refusal: (message: UnsafeBufferPointer<UInt8>, status: Int32)? = nil

private func allocated(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer {
  if let pointer { return pointer }
  refuse()
}

private func refuse() -> Never {
  if let refusal { _ = write(2, refusal.message.baseAddress, refusal.message.count) }
  _exit(refusal?.status ?? 1)
}
