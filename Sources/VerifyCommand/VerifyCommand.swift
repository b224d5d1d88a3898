import Foundation
import LatentClassTheory
import Reports

/// The `verify` command: parse, check output paths, compute, print, write files.
/// Returns the process exit status instead of exiting, so tests can run it.
public enum VerifyCommand {
  /// Exit statuses.
  public enum Status: Int32 {
    case verified = 0
    case refutedOrIOError = 1
    case undecided = 2
    case usage = 64
  }

  /// Runs `verify` with `arguments` (no program name), writing human output to
  /// `output` and one-line errors to `errors`.
  public static func run(
    _ arguments: [String], output: (String) -> Void, errors: (String) -> Void
  ) -> Status {
    if let subcommand = AtlasCommands.subcommand(arguments) {
      return subcommand(arguments.dropFirst(), output, errors)
    }
    if CompareCommand.applies(to: arguments) { return CompareCommand.run(arguments, output: output, errors: errors) }
    if GeneralOptions.applies(to: arguments) { return GeneralCommand.run(arguments, output: output, errors: errors) }
    let options: VerifyOptions
    do {
      switch try VerifyOptions.parse(arguments) {
      case .help:
        output(VerifyOptions.helpText + "\n")
        return .verified
      case .verify(let parsed):
        options = parsed
      }
    } catch {
      errors("verify: \(error)\n")
      return .usage
    }
    do {
      if let path = options.jsonPath { try AtomicOutput.checkWritable(path, flag: "--json") }
      if let path = options.reportPath { try AtomicOutput.checkWritable(path, flag: "--report") }
    } catch {
      errors("verify: \(error)\n")
      return .refutedOrIOError
    }

    let model = UniformModel(classes: options.classes, scale: options.scale, precision: options.precision)
    let verification = UniformVerification(model: model, negatives: options.negatives)
    output(UniformTable.text(verification))

    do {
      try writeFiles(verification, options: options, arguments: arguments)
    } catch {
      errors("verify: \(error)\n")
      return .refutedOrIOError
    }
    switch Verdict.all(verification.claims.map(\.verdict)) {
    case .verified: return .verified
    case .refuted: return .refutedOrIOError
    case .undecided: return .undecided
    }
  }

  private static func writeFiles(_ verification: UniformVerification, options: VerifyOptions, arguments: [String])
    throws
  {
    var files = AtomicOutput()
    if let path = options.jsonPath {
      files.add(UniformJSON.document(verification).rendered(), to: path, flag: "--json")
    }
    if let path = options.reportPath {
      let figures = UniformMarkdown.plots(verification).map { (suffix: $0.suffix, svg: $0.plot.svg()) }
      addReport(to: &files, path: path, arguments: arguments, figures: figures) {
        UniformMarkdown.report(verification, command: $0, plotFiles: $1)
      }
    }
    try files.commit()
  }

  /// Adds the Markdown report at `path` and its SVG figures beside it, as `<stem>-<suffix>.svg`;
  /// `markdown` gets the command line that regenerates them and the figure file names.
  static func addReport(
    to files: inout AtomicOutput, path: String, arguments: [String], figures: [(suffix: String, svg: String)],
    markdown: (_ command: String, _ figureFiles: [String]) -> String
  ) {
    let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let folder = (path as NSString).deletingLastPathComponent
    let names = figures.map { "\(stem)-\($0.suffix).svg" }
    for (name, figure) in zip(names, figures) {
      files.add(figure.svg, to: folder.isEmpty ? name : "\(folder)/\(name)", flag: "--report")
    }
    let command = (["swift run -c release verify"] + arguments.map(shellQuoted)).joined(separator: " ")
    files.add(markdown(command, names), to: path, flag: "--report")
  }

  private static func shellQuoted(_ argument: String) -> String {
    let safe = argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:,=+".contains($0) }
    return safe ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
