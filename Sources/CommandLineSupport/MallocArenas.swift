import CMalloc
import Foundation

/// glibc's malloc arenas, a process-wide setting that belongs to the command, not to an engine.
public enum MallocArenas {
  /// Lets glibc's malloc keep one arena per core, at most eight (glibc's default is eight per core);
  /// call it before starting threads.
  ///
  /// Threads that share an arena wait on its lock: with the certificates running beside the solver,
  /// the 4-class study (`--rho 11/20,1/4,3/20,1/20 --scale 2 --k 1...12`, 2 cores) took 27 ms with one
  /// arena and 19 ms with two. Each arena reserves 64 MB of address space, which matters only under
  /// `ulimit -v`: there a run that cannot get its memory refuses with ExactArithmetic's one-line
  /// message, or, when the failing allocation is Swift's own, stops with a fatal error (measured on
  /// `--rho zipf:1:10 --k 4...6`: below about 110 MB, as with one arena below about 90 MB on other models).
  /// The uniform path keeps glibc's default.
  public static func onePerCore() {
    _ = mallopt(M_ARENA_MAX, Int32(min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)))
  }
}
