import CBLAS
import CMalloc

/// Process-wide settings for training: the thread count, and heap tuning that makes
/// training steps much cheaper. The executables apply them at startup with
/// ``configure(threads:)``; a library should not change its host process behind its back.
public enum TrainingRuntime {
  /// Threads the encoder's loops use (1 until ``configure(threads:)``). Results depend
  /// on it only through the order of partial sums, and are reproducible for a given value.
  public private(set) nonisolated(unsafe) static var threads = 1

  /// The OpenBLAS kernel family in use (`Haswell`, `SkylakeX`, …), chosen by OpenBLAS
  /// when it loads (`OPENBLAS_CORETYPE` overrides it).
  public static var blasCore: String { String(cString: openblas_get_corename()) }

  /// Uses `threads` threads for the encoder, each calling a single-threaded OpenBLAS,
  /// and keeps freed memory in the heap. Call once, before training.
  ///
  /// Splitting the batch between threads parallelises the whole step (im2col, batch
  /// norm, pooling and the matrix products); OpenBLAS's own threads would only split
  /// the products, which are small per chunk.
  ///
  /// Freed blocks of any size stay in the heap because a training step allocates and
  /// frees the same ~150 MB of activations (batch 256): glibc serves blocks above 32 MB
  /// with `mmap` and unmaps them on `free`, so every step would fault and zero those
  /// pages again. Measured with one thread: forward + backward 1048 → 1344 images/s.
  public static func configure(threads: Int) {
    precondition(threads >= 1, "at least one thread")
    self.threads = threads
    openblas_set_num_threads(1)
    _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
    _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
  }
}
