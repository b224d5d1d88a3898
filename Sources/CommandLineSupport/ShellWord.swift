import Foundation

/// Quoting for command lines printed to be pasted back into a shell (report headers,
/// "Resume with: …").
public enum ShellWord {
  /// `argument` unchanged when it holds only safe characters, else in single quotes.
  public static func quoted(_ argument: String) -> String {
    let safe = !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:,=+".contains($0) }
    return safe ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
