import CommandLineSupport
import Foundation
import LatentClassTheory
import Reports

/// `verify atlas-report ATLAS.json... --report FILE.md`: a Markdown report with SVG figures of
/// finished atlases (certified increases first, maps for `rho3` families, the overlap path).
enum AtlasReportCommand {
  static let name = "verify atlas-report"

  /// Exit status: 0 written, 1 an unreadable or unfinished atlas or a file error, 64 usage.
  static func run(_ arguments: ArraySlice<String>, output: (String) -> Void, errors: (String) -> Void)
    -> VerifyCommand.Status
  {
    let report: String
    let sources: [String]
    do {
      let parsed = try AtlasArguments(arguments, command: name, flags: ["--report"], takesOperands: true)
      report = try parsed.required("--report", command: name, example: "notebooks-md/atlas-3-classes.md")
      guard !parsed.operands.isEmpty else {
        throw CommandError.usage("expected the atlas.json files to report on")
      }
      sources = parsed.operands
      try OutputPath.checkWritable(report, flag: "--report", exitCode: AtomicOutput.exitCode)
    } catch {
      errors("\(name): \(error)\n")
      return AtlasCommands.status(of: error)
    }
    let atlases: [AtlasDocument]
    do {
      atlases = try sources.map { path in
        let document: AtlasDocument
        do {
          document = try AtlasJSON.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
          throw AtlasError("\(path): \(error is AtlasError ? "\(error)" : "cannot read the file")")
        }
        guard document.shard == nil else {
          throw AtlasError("\(path) is a shard; merge the shards first (verify merge)")
        }
        guard document.isComplete else {
          throw AtlasError("\(path) is unfinished (\(document.points.count) of \(document.expectedCount) points)")
        }
        return document
      }
    } catch {
      errors("\(name): \(error)\n")
      return .refutedOrIOError
    }
    var files = AtomicOutput()
    let figures = AtlasMarkdown.figures(atlases)
    VerifyCommand.addReport(to: &files, path: report, arguments: ["atlas-report"] + arguments, figures: figures) {
      AtlasMarkdown.report(atlases, sources: sources, command: $0, figureFiles: $1)
    }
    do { try files.commit() } catch {
      errors("\(name): \(error)\n")
      return .refutedOrIOError
    }
    output("Wrote \(report) and \(figures.count) figure\(figures.count == 1 ? "" : "s") beside it.\n")
    return .verified
  }
}
