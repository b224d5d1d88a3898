import CIFARStudy
import CIFARTraining
import Foundation
import Reports

/// `verify --compare RUN.json [--report FILE.md] [--precision BITS]`: a trained CIFAR
/// sweep (the `results.json` of `train-cifar`) beside the exact predictions.
enum CompareCommand {
  static func applies(to arguments: [String]) -> Bool { arguments.contains("--compare") }

  static func run(_ arguments: [String], output: (String) -> Void, errors: (String) -> Void) -> VerifyCommand.Status {
    var values: [String: String] = [:]
    var remaining = arguments[...]
    while let flag = remaining.popFirst() {
      guard ["--compare", "--report", "--precision"].contains(flag) else {
        errors("verify: '\(flag)' cannot be combined with --compare (use --compare, --report, --precision)\n")
        return .usage
      }
      guard let value = remaining.popFirst(), !value.hasPrefix("--") else {
        errors("verify: \(flag): missing value\n")
        return .usage
      }
      values[flag] = value
    }
    var precision = 128
    if let text = values["--precision"] {
      guard let bits = Int(text), VerifyOptions.precisionRange.contains(bits) else {
        errors("verify: --precision: expected bits between 32 and 4096, got '\(text)'\n")
        return .usage
      }
      precision = bits
    }
    let path = values["--compare"]!
    let sweep: SweepResult
    do {
      if let report = values["--report"] { try AtomicOutput.checkWritable(report, flag: "--report") }
      sweep = try SweepResult.load(contentsOf: URL(fileURLWithPath: path))
    } catch let error as AtomicOutput.WriteError {
      errors("verify: \(error)\n")
      return .refutedOrIOError
    } catch {
      let reason = FileManager.default.fileExists(atPath: path) ? "not a train-cifar results.json" : "no such file"
      errors("verify: --compare: cannot read '\(path)': \(reason)\n")
      return .refutedOrIOError
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
          format: "k = %4d  mean-classifier accuracy %.1f%% ± %.1f over %d seeds\n", group.negatives,
          100 * accuracy.mean, 100 * accuracy.standardDeviation, accuracy.count)
      }
    }
    output(text)
    guard let report = values["--report"] else { return .verified }
    var files = AtomicOutput()
    VerifyCommand.addReport(
      to: &files, path: report, arguments: arguments, figures: CIFARComparisonMarkdown.figures(comparison)
    ) { CIFARComparisonMarkdown.report(comparison, command: $0, figureFiles: $1) }
    do { try files.commit() } catch {
      errors("verify: \(error)\n")
      return .refutedOrIOError
    }
    return .verified
  }
}
