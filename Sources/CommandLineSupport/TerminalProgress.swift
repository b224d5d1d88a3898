import Foundation

/// A progress line with an ETA on stderr, redrawn in place; silent when stderr is not a
/// terminal, so pipes and logs get only the results.
public final class TerminalProgress {
  private let label: String
  private let total: Int
  private let isEnabled: Bool
  private let write: (String) -> Void
  private let start = Date()
  private var lastDrawn = Date.distantPast
  private var drawn = false

  /// - Parameters:
  ///   - total: the number of units of work (rows, steps).
  ///   - isEnabled: defaults to whether stderr is a terminal.
  public init(
    label: String, total: Int, isEnabled: Bool = isatty(STDERR_FILENO) == 1,
    write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    self.label = label
    self.total = max(total, 1)
    self.isEnabled = isEnabled
    self.write = write
  }

  /// Shows that `done` of the units are finished, at most ten times a second.
  public func update(done: Int) {
    guard isEnabled, Date().timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
    lastDrawn = Date()
    drawn = true
    write("\r\u{1B}[K" + Self.line(label: label, done: done, total: total, elapsed: -start.timeIntervalSinceNow))
  }

  /// Clears the line, so what follows starts on a clean one.
  public func finish() {
    guard isEnabled, drawn else { return }
    write("\r\u{1B}[K")
    drawn = false
  }

  /// `label [######..........]  35% 7/20 ETA 4m05s`; the ETA assumes the rate so far.
  public static func line(label: String, done: Int, total: Int, elapsed: Double, width: Int = 20) -> String {
    let fraction = Double(min(max(done, 0), total)) / Double(max(total, 1))
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let eta = done > 0 ? duration(elapsed / Double(done) * Double(total - done)) : "?"
    return "\(label) [\(bar)] \(String(format: "%3.0f%%", 100 * fraction)) \(done)/\(total) ETA \(eta)"
  }

  /// `1h02m`, `4m05s` or `12s`.
  public static func duration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    if total >= 3600 { return String(format: "%dh%02dm", total / 3600, total % 3600 / 60) }
    if total >= 60 { return String(format: "%dm%02ds", total / 60, total % 60) }
    return "\(total)s"
  }
}
