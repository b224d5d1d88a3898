import Foundation
import Synchronization

/// Ctrl-C as a flag the training loop polls between steps, so a step is never cut in
/// half; a second Ctrl-C gets the default action and ends the process at once.
public enum InterruptSignal {
  private static let received = Atomic<Bool>(false)

  /// Installs the handler for SIGINT.
  public static func install() {
    signal(SIGINT) { _ in
      InterruptSignal.received.store(true, ordering: .relaxed)
      signal(SIGINT, SIG_DFL)
    }
  }

  /// Whether Ctrl-C was pressed since ``install()``.
  public static var wasReceived: Bool { received.load(ordering: .relaxed) }
}
