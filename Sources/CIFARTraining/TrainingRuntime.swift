import CBLAS
import CMalloc

/// Process-wide settings that make training several times faster on this kind of
/// machine, applied by the executables at startup (a library should not change
/// its host process behind its back).
public enum TrainingRuntime {
  /// The OpenBLAS kernel family in use (`Haswell`, `SkylakeX`, …).
  public static var blasCore: String { String(cString: openblas_get_corename()) }

  /// Keeps freed blocks of any size in the heap instead of returning them to the kernel.
  ///
  /// A training step allocates and frees the same ~150 MB of activations (batch 256);
  /// glibc serves blocks above 32 MB with `mmap` and unmaps them on `free`, so every
  /// step faults and zeroes those pages again. Measured on 2 cores: forward + backward
  /// 1048 → 1344 images/s (batch 256), forward alone 2900 → 4200.
  public static func keepFreedMemory() {
    _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
    _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
  }
}
