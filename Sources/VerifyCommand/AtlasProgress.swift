import CommandLineSupport
import Foundation

/// A one-line progress display with the rate and the time left, on standard error when it
/// is a terminal (never in files or logs, so results stay free of timings).
struct AtlasProgress {
  private let total: Int
  private let resumed: Int
  private let start = Date()
  private let enabled = isatty(STDERR_FILENO) != 0

  init(total: Int, resumed: Int) {
    self.total = total
    self.resumed = resumed
  }

  /// Redraws the line for `done` finished points (resumed ones included).
  func update(done: Int) {
    guard enabled else { return }
    let computed = done - resumed
    let elapsed = Date().timeIntervalSince(start)
    var line = "atlas: \(done)/\(total) points"
    if computed > 0 && elapsed > 0 {
      let perMinute = Double(computed) / elapsed * 60
      let left = Double(total - done) / Double(computed) * elapsed
      line += String(format: ", %.1f points/min, ETA %dm%02ds", perMinute, Int(left) / 60, Int(left) % 60)
    }
    FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K" + (done == total ? "\n" : "")).utf8))
  }
}
