import CommandLineSupport
import ExactArithmetic
import Foundation
import LatentClassTheory
import Reports

/// The `verify` command: dispatch, parse, check output paths, compute, print, write files.
/// Returns the process exit status instead of exiting, so tests can run it in-process.
public enum VerifyCommand {
  /// Exit statuses.
  public enum Status: Int32 {
    case verified = 0
    case refutedOrIOError = 1
    case undecided = 2
    case usage = 64
    /// The exact arithmetic ran out of memory (sysexits' `EX_OSERR`).
    case outOfMemory = 71
  }

  /// Runs `verify` with `arguments` (no program name), writing human output to
  /// `output` and one-line errors to `errors`.
  public static func run(
    _ arguments: [String], output: (String) -> Void, errors: (String) -> Void
  ) -> Status {
    MemoryExhaustion.refuseCleanly(
      message:
        "verify: out of memory in the exact arithmetic (GMP/MPFR); use fewer --k values, a smaller model or a lower --precision, or raise the memory limit",
      status: Status.outOfMemory.rawValue)
    if let (subcommand, rest) = Subcommand.select(arguments, from: subcommands) {
      return subcommand.run(rest, output, errors)
    }
    let parsed: ParsedArguments
    do {
      parsed = try ParsedArguments(arguments, flags: VerifyFlags.all)
    } catch {
      return fail(error, errors)
    }
    if parsed.helpRequested {
      output(VerifyFlags.help.rendered)
      return .verified
    }
    if parsed.versionRequested {
      output(PackageVersion.current + "\n")
      return .verified
    }
    if parsed.contains("--compare") { return CompareCommand.run(parsed, arguments: arguments, output, errors) }
    if GeneralOptions.applies(to: arguments) { return GeneralCommand.run(parsed, arguments: arguments, output, errors) }
    return runUniform(parsed, arguments: arguments, output, errors)
  }

  private static func runUniform(
    _ parsed: ParsedArguments, arguments: [String], _ output: (String) -> Void, _ errors: (String) -> Void
  ) -> Status {
    let options: VerifyOptions
    do {
      options = try VerifyOptions(parsed)
      try checkWritable(json: options.jsonPath, report: options.reportPath)
    } catch {
      return fail(error, errors)
    }
    let model = UniformModel(classes: options.classes, scale: options.scale, precision: options.precision)
    let verification = UniformVerification(model: model, negatives: options.negatives)
    output(UniformTable.text(verification))

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
    do { try files.commit() } catch { return fail(error, errors) }
    switch Verdict.all(verification.claims.map(\.verdict)) {
    case .verified: return .verified
    case .refuted: return .refutedOrIOError
    case .undecided: return .undecided
    }
  }

  /// Prints `error` as one line and returns its status: a ``CommandError``'s own, else 1.
  static func fail(_ error: Error, _ errors: (String) -> Void) -> Status {
    errors("verify: \(error)\n")
    return (error as? CommandError).flatMap { Status(rawValue: $0.exitCode) } ?? .refutedOrIOError
  }

  /// Checks, before the computation starts, that the chosen output files can be created.
  static func checkWritable(json: String?, report: String?) throws {
    if let json { try OutputPath.checkWritable(json, flag: "--json", exitCode: AtomicOutput.exitCode) }
    if let report { try OutputPath.checkWritable(report, flag: "--report", exitCode: AtomicOutput.exitCode) }
  }

  /// Adds the Markdown report at `path` and its SVG figures beside it, as `<stem>-<suffix>.svg`;
  /// `markdown` gets the command line that regenerates them and the figure file names.
  static func addReport(
    to files: inout AtomicOutput, path: String, arguments: [String], figures: [(suffix: String, svg: String)],
    markdown: (_ command: String, _ figureFiles: [String]) -> String
  ) {
    let name = OutputPath.name(of: path)
    let dot = name.dropFirst().lastIndex(of: ".")
    let stem = dot.map { String(name[..<$0]) } ?? name
    let folder = path.contains("/") ? OutputPath.folder(of: path) : ""
    let names = figures.map { "\(stem)-\($0.suffix).svg" }
    for (name, figure) in zip(names, figures) {
      files.add(figure.svg, to: folder.isEmpty ? name : (folder == "/" ? "/" : folder + "/") + name, flag: "--report")
    }
    let command = (["swift run -c release verify"] + arguments.map(ShellWord.quoted)).joined(separator: " ")
    files.add(markdown(command, names), to: path, flag: "--report")
  }
}
