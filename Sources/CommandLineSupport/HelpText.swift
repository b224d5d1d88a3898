import Foundation

/// `--help` in swift-argument-parser's layout: OVERVIEW, a discussion, USAGE, then
/// titled groups of flags, each with its value, help text and `(default: …)`.
public struct HelpText {
  /// A titled list of flags, such as `OPTIONS` or `GENERAL MODELS`.
  public struct Section {
    public let title: String
    public let flags: [Flag]
    public let note: String?
    public init(_ title: String, _ flags: [Flag], note: String? = nil) {
      self.title = title
      self.flags = flags
      self.note = note
    }
  }

  public var overview: String
  public var discussion: String?
  public var usage: [String]
  public var sections: [Section]
  /// Free text after the flags, such as the exit statuses.
  public var epilogue: [(title: String, text: String)]

  public init(
    overview: String, discussion: String? = nil, usage: [String], sections: [Section],
    epilogue: [(title: String, text: String)] = []
  ) {
    self.overview = overview
    self.discussion = discussion
    self.usage = usage
    self.sections = sections
    self.epilogue = epilogue
  }

  /// The column where help text starts; longer labels put their help on the next line.
  static let labelWidth = 26

  /// The help text; the last section also lists `--version` and `-h, --help`.
  public var rendered: String {
    var lines = ["OVERVIEW: \(overview)", ""]
    if let discussion { lines += [discussion, ""] }
    lines.append("USAGE: " + usage.joined(separator: "\n       "))
    let standard = [("--version", "Show the version."), ("-h, --help", "Show help information.")]
    for (index, section) in sections.enumerated() {
      lines += ["", "\(section.title):"]
      var entries = section.flags.map { flag in
        (flag.label, flag.help + (flag.defaultValue.map { " (default: \($0))" } ?? ""))
      }
      if index == sections.count - 1 { entries += standard }
      for (label, help) in entries { lines += Self.entry(label, help) }
      if let note = section.note { lines.append("  " + note) }
    }
    for part in epilogue { lines += ["", "\(part.title):", part.text] }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func entry(_ label: String, _ help: String) -> [String] {
    let indented = "  " + label
    if indented.count < labelWidth {
      return [indented.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + help]
    }
    return [indented, String(repeating: " ", count: labelWidth) + help]
  }
}
