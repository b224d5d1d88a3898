import Foundation

/// The atlas subcommands of `verify` (issue 12): `atlas`, `merge` and `atlas-report`.
enum AtlasCommands {
  typealias Run = (ArraySlice<String>, (String) -> Void, (String) -> Void) -> VerifyCommand.Status

  /// The subcommand `arguments` start with, or `nil`.
  static func subcommand(_ arguments: [String]) -> Run? {
    guard ["atlas", "merge", "atlas-report"].contains(arguments.first) else { return nil }
    if arguments.contains("--help") || arguments.contains("-h") {
      return { _, output, _ in
        output(VerifyOptions.helpText + "\n")
        return .verified
      }
    }
    switch arguments.first {
    case "atlas":
      return { AtlasCommand.run($0, environment: ProcessInfo.processInfo.environment, output: $1, errors: $2) }
    case "merge": return AtlasMergeCommand.run
    case "atlas-report": return AtlasReportCommand.run
    default: return nil
    }
  }
}
