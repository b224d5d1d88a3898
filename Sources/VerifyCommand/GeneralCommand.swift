import CommandLineSupport
import Foundation
import LatentClassTheory
import Reports

/// `verify` for a general model: parse, compute a ``GeneralStudy``, print, write JSON and the report.
enum GeneralCommand {
  /// Exit status: 0 every row certified and T1 (where it applies) verified, even with C1 pairs
  /// undecided (a conjecture's pairs often tie, e.g. for two classes); 1 a certified C1 increase
  /// for a non-overlapping model or T1 refuted (or a file error); 2 a row not certified or T1
  /// undecided; 64 usage.
  static func run(
    _ parsed: ParsedArguments, arguments: [String], _ output: (String) -> Void, _ errors: (String) -> Void,
    readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
  ) -> VerifyCommand.Status {
    let options: GeneralOptions
    do {
      options = try GeneralOptions(parsed, readFile: readFile)
      try VerifyCommand.checkWritable(json: options.jsonPath, report: options.reportPath)
    } catch {
      return VerifyCommand.fail(error, errors)
    }
    MallocArenas.onePerCore()
    // Solving and certifying takes minutes for large models: a progress line on a terminal's stderr.
    var bar: TerminalProgress?
    let study = GeneralStudy(
      model: options.model, ks: options.negatives, scale: options.scale, engine: options.engine,
      precision: options.precision, gapTolerance: options.gapTolerance, weighting: options.weighting,
      refinement: options.refinement, refineUndecidedPairs: options.refineUndecidedPairs
    ) { done, total in
      bar = bar ?? TerminalProgress(total: total)
      bar?.update(done: done, label: "verify: certified rows")
    }
    bar?.finish()
    output(GeneralTable.text(study))
    let refinable = options.refineUndecidedPairs ? 0 : study.rowsRefinableOnDemand
    if refinable > 0 {
      output(
        "Hint: --refine-undecided on refines the \(refinable) rows of the undecided pairs "
          + "(each costs about three unrefined rows).\n")
    }
    var files = AtomicOutput()
    if let path = options.jsonPath { files.add(GeneralJSON.document(study).rendered(), to: path, flag: "--json") }
    if let path = options.reportPath {
      let figures = GeneralMarkdown.plots(study).map { (suffix: $0.suffix, svg: $0.plot.svg()) }
      VerifyCommand.addReport(to: &files, path: path, arguments: arguments, figures: figures) {
        GeneralMarkdown.report(study, command: $0, plotFiles: $1)
      }
    }
    do { try files.commit() } catch { return VerifyCommand.fail(error, errors) }
    // T1 is a theorem and C1 a conjecture about non-overlapping classes; a certified increase
    // for overlapping classes is a finding, not a refutation.
    if study.collapseVerdict == .refuted || (study.monotonicity == .refuted && !study.model.isOverlapping) {
      return .refutedOrIOError
    }
    return study.allRowsVerified && study.collapseVerdict ?? .verified == .verified ? .verified : .undecided
  }
}
