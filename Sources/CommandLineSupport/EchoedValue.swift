/// How error messages quote what the user typed: never more than ``limit`` characters,
/// so a 100,000-digit number does not flood the terminal.
public enum EchoedValue {
  /// The longest echo, in characters, including the ellipsis.
  public static let limit = 40

  /// `text` in single quotes, cut to ``limit`` characters with `…` when longer.
  public static func quoted(_ text: some StringProtocol) -> String {
    let shown = text.count <= limit ? String(text) : String(text.prefix(limit - 1)) + "…"
    return "'\(shown)'"
  }
}
