import Foundation

/// A progress line with an ETA on stderr, redrawn in place; silent when stderr is not a
/// terminal, so pipes and logs get only the results. The ETA uses the rate of the work done
/// by this process, so work resumed half-way is not counted as done in no time.
public final class TerminalProgress {
  private let total: Int
  private let isEnabled: Bool
  private let write: (String) -> Void
  private let start = Date()
  private var lastDrawn = Date.distantPast
  private var drawn = false
  private let alreadyDone: Int

  /// - Parameters:
  ///   - total: the number of units of work (rows, steps).
  ///   - alreadyDone: units finished before this process started (a resumed run).
  ///   - isEnabled: defaults to whether stderr is a terminal.
  public init(
    total: Int, alreadyDone: Int = 0, isEnabled: Bool = isatty(STDERR_FILENO) == 1,
    write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    self.total = max(total, 1)
    self.alreadyDone = alreadyDone
    self.isEnabled = isEnabled
    self.write = write
  }

  /// Shows that `done` of the units are finished, after `label`, at most ten times a second.
  public func update(done: Int, label: String) {
    guard isEnabled, Date().timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
    lastDrawn = Date()
    drawn = true
    write(
      "\r\u{1B}[K"
        + Self.line(label: label, done: done, since: alreadyDone, total: total, elapsed: -start.timeIntervalSinceNow))
  }

  /// Ends the line with a newline, so what follows starts on a fresh one and the last state stays visible.
  public func finish() {
    guard isEnabled, drawn else { return }
    write("\n")
    drawn = false
  }

  /// `label [####................]  20% 4/20 ETA 40s`: the ETA assumes the rate of the
  /// `done − since` units finished in `elapsed` seconds.
  public static func line(label: String, done: Int, since: Int = 0, total: Int, elapsed: Double, width: Int = 20)
    -> String
  {
    let fraction = Double(min(max(done, 0), total)) / Double(max(total, 1))
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let rate = Double(done - since) / max(elapsed, 1e-9)
    let eta = done > since ? duration(Double(total - done) / rate) : "?"
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
