import CMalloc

/// glibc's malloc arenas, a process-wide setting that belongs to the command, not to an engine.
public enum MallocArenas {
  /// Makes every thread allocate from glibc's one main arena; call it before starting threads.
  ///
  /// glibc reserves 64 MB of address space for each extra arena, and under `ulimit -v` a failed
  /// arena ended in a segmentation fault instead of ExactArithmetic's one-line refusal (measured:
  /// `--rho zipf:1:10 --k 4...6` at 120 MB). With two threads the shared arena costs no
  /// measurable time on the general path; the uniform path keeps glibc's default.
  public static func shareOne() {
    _ = mallopt(M_ARENA_MAX, 1)
  }
}
