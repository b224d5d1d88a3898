import CIFARStudy
import CommandLineSupport
import Foundation
import LatentClassTheory
import Reports
import TrainingResults

/// `verify compare RUN.json [--report FILE.md] [--precision BITS]` (also spelled
/// `verify --compare RUN.json …`): a trained CIFAR sweep (the `results.json` of
/// `train-cifar`) beside the exact predictions.
enum CompareCommand {
  static let flags = [VerifyFlags.compare, VerifyFlags.report, VerifyFlags.precision]

  /// `verify compare FILE …`: the file is the first positional argument.
  static func runSubcommand(_ arguments: [String], output: (String) -> Void, errors: (String) -> Void)
    -> VerifyCommand.Status
  {
    let parsed: ParsedArguments
    do {
      parsed = try ParsedArguments(arguments, flags: Array(flags.dropFirst()), positionals: 1)
    } catch {
      return VerifyCommand.fail(error, errors)
    }
    if parsed.helpRequested {
      output(help.rendered)
      return .verified
    }
    guard let path = parsed.positionals.first else {
      return VerifyCommand.fail(CommandError.usage("compare: missing <results.json>"), errors)
    }
    return compare(path, parsed, arguments: ["compare"] + arguments, output, errors)
  }

  /// `verify --compare FILE …`, the spelling of the README and of the committed reports.
  static func run(
    _ parsed: ParsedArguments, arguments: [String], _ output: (String) -> Void, _ errors: (String) -> Void
  ) -> VerifyCommand.Status {
    let allowed = Set(flags.map(\.name))
    if let other = arguments.first(where: { $0.hasPrefix("--") && !allowed.contains(String($0.prefix { $0 != "=" })) })
    {
      let name = String(other.prefix { $0 != "=" })
      return VerifyCommand.fail(
        CommandError.usage("\(name): cannot be combined with --compare (use --compare, --report, --precision)"), errors)
    }
    return compare(parsed.text("--compare")!, parsed, arguments: arguments, output, errors)
  }

  static var help: HelpText {
    HelpText(
      overview: "Put a train-cifar sweep beside the certified optimum of the matching class-level model.",
      usage: ["verify compare <results.json> [--report <file.md>] [--precision <bits>]"],
      sections: [HelpText.Section("OPTIONS", Array(flags.dropFirst()))])
  }

  private static func compare(
    _ path: String, _ parsed: ParsedArguments, arguments: [String], _ output: (String) -> Void,
    _ errors: (String) -> Void
  ) -> VerifyCommand.Status {
    let precision: Int
    let sweep: SweepResult
    do {
      precision = try parsed.value("--precision", .precisionBits, default: Defaults.precision)
      try VerifyCommand.checkWritable(json: nil, report: parsed.text("--report"))
      sweep = try load(path)
    } catch {
      return VerifyCommand.fail(error, errors)
    }
    let comparison = CIFARComparison(sweep: sweep, precision: precision)
    let several = comparison.hasSeveralSeeds
    var text =
      "\(sweep.dataset.rawValue): \(comparison.classes) classes, s = \(sweep.scale), "
      + "\(comparison.groups.count) trained value\(comparison.groups.count == 1 ? "" : "s") of k\(several ? ", \(sweep.runs.count) runs" : "")\n"
    for row in comparison.rows {
      let e = row.run.evaluation
      text += String(
        format: "k = %4d%@  mean-classifier accuracy %.1f%%  NCE loss %.4f  certified floor L*_k %@\n",
        row.run.negatives, several ? "  seed \(row.run.seed)" : "", 100 * e.meanClassifierAccuracy,
        e.nceTestLoss.mean, row.optimumLoss.map { EnclosureFormatting.compact($0, precision: precision) } ?? "—")
    }
    if several {
      for group in comparison.groups {
        let accuracy = group.spread { $0.run.evaluation.meanClassifierAccuracy }!
        text += String(
          format: "k = %4d  mean-classifier accuracy %.1f%% ± %.1f (standard deviation) over %d seeds\n",
          group.negatives, 100 * accuracy.mean, 100 * accuracy.standardDeviation, accuracy.count)
      }
    }
    output(text)
    guard let report = parsed.text("--report") else { return .verified }
    var files = AtomicOutput()
    VerifyCommand.addReport(
      to: &files, path: report, arguments: arguments, figures: CIFARComparisonMarkdown.figures(comparison)
    ) { CIFARComparisonMarkdown.report(comparison, command: $0, figureFiles: $1) }
    do { try files.commit() } catch { return VerifyCommand.fail(error, errors) }
    return .verified
  }

  /// Reads and validates a results file; every failure is a usage error naming the file.
  private static func load(_ path: String) throws -> SweepResult {
    let shown = EchoedValue.quoted(path)
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw CommandError.usage("--compare: cannot read \(shown): \(SystemError.reason(of: error))")
    }
    let sweep: SweepResult
    do { sweep = try SweepResult.decode(data) } catch {
      throw CommandError.usage("--compare: \(shown) is not a train-cifar results.json: \(SweepResult.problem(error))")
    }
    return sweep
  }
}
