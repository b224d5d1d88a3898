import CIFARStudy
import ExactArithmetic
import Foundation
import LatentClassTheory
import TrainingResults

/// The Markdown report of a ``CIFARComparison`` and its SVG plots.
public enum CIFARComparisonMarkdown {
  /// The plots, keyed by the file-name suffix they are written under.
  ///
  /// Every point is a k: the value of its run, or with several seeds the mean over
  /// them with min–max bars (95% interval lines: the envelope of the runs' intervals).
  /// Per-epoch accuracy curves appear only when the runs recorded them, so the figures
  /// of older results are unchanged.
  public static func figures(_ comparison: CIFARComparison) -> [(suffix: String, svg: String)] {
    let rows = comparison.rows
    let groups = comparison.groups
    let several = comparison.hasSeveralSeeds
    let ks = groups.map { Double($0.negatives) }
    let logX = (ks.max() ?? 1) / (ks.min() ?? 1) >= 16
    func series(
      _ label: String, _ color: String, dashed: Bool = false, bars: Bool = false,
      summary: (CIFARComparison.Spread) -> Double = { $0.mean }, _ value: (CIFARComparison.Row) -> Double?
    ) -> LinePlot.Series {
      var points: [(x: Double, y: Double)] = []
      var ranges: [(x: Double, low: Double, high: Double)] = []
      for group in groups {
        guard let spread = group.spread(value) else { continue }
        points.append((Double(group.negatives), summary(spread)))
        if bars && spread.count > 1 { ranges.append((Double(group.negatives), spread.minimum, spread.maximum)) }
      }
      return .init(label: label, points: points, color: color, dashed: dashed, bars: ranges)
    }
    let kLabel = "number of negatives k"
    let accuracy = LinePlot(
      title: several ? "Test accuracy against k (mean over seeds, bars min–max)" : "Test accuracy against k",
      xLabel: kLabel, yLabel: "test accuracy",
      series: [
        series("mean classifier", "#1f77b4", bars: true) { $0.run.evaluation.meanClassifierAccuracy },
        series("linear probe", "#ff7f0e", bars: true) { $0.run.evaluation.linearProbeAccuracy },
        series("optimum (theory)", "#d62728", dashed: true) { _ in comparison.isUniform ? 1 : nil },
      ], logX: logX, integerXTicks: !logX)
    // The 95% intervals as one shaded band: with several seeds, the envelope of the runs' intervals.
    let band = groups.compactMap { group -> (x: Double, low: Double, high: Double)? in
      guard let low = group.spread({ $0.run.evaluation.nceTestLoss.lower95 }),
        let high = group.spread({ $0.run.evaluation.nceTestLoss.upper95 })
      else { return nil }
      return (Double(group.negatives), low.minimum, high.maximum)
    }
    let loss = LinePlot(
      title: several
        ? "NCE loss on test draws (mean over seeds) and the certified floor"
        : "NCE loss on test draws and the certified floor", xLabel: kLabel, yLabel: "NCE loss",
      series: [
        .init(label: "95% interval", points: [], color: "#6baed6", band: band),
        series("trained (mean)", "#1f77b4", bars: true) { $0.run.evaluation.nceTestLoss.mean },
        series("certified floor L*_k", "#d62728") { $0.optimumLoss?.approximateDouble },
      ], logX: logX, integerXTicks: !logX)
    var figures = [("accuracy", accuracy.svg()), ("loss", loss.svg())]
    if comparison.hasEpochEvaluations {
      let curves = groups.enumerated().compactMap { index, group -> LinePlot.Series? in
        let points = group.meanEpochAccuracy.map { (x: Double($0.epoch), y: $0.accuracy) }
        guard !points.isEmpty else { return nil }
        // Past ten values of k the colours repeat, dashed.
        return .init(
          label: "k = \(group.negatives)", points: points, color: palette[index % palette.count],
          dashed: index >= palette.count)
      }
      let plot = LinePlot(
        title: "Test mean-classifier accuracy against epoch" + (several ? " (mean over seeds)" : ""),
        xLabel: "epoch", yLabel: "test accuracy", series: curves, integerXTicks: true)
      figures.append(("epochs", plot.svg()))
    }
    let names = comparison.sweep.classes.map(comparison.sweep.dataset.className)
    if let last = rows.last, let gram = last.optimumGram {
      let title =
        comparison.isUniform ? "Predicted: the simplex" : "Predicted: certified optimum, k = \(last.run.negatives)"
      figures.append(
        (
          "cosines-predicted",
          HeatMap(title: title, values: CIFARComparison.cosines(gram.approximateDoubles), labels: names).svg()
        ))
    }
    // One map per k (its first seed): one per run would bury the report in near-copies.
    for group in groups {
      let run = group.rows[0].run
      let geometry = run.evaluation.geometry
      // Only the simplex predicts one cosine for every pair; a general optimum's are in its own map.
      let map = HeatMap(
        title: "Learned class-mean cosines, k = \(run.negatives)" + (several ? ", seed \(run.seed)" : ""),
        values: geometry.classMeanCosines,
        reference: comparison.isUniform ? ("predicted cosine −1/(N−1)", geometry.simplexCosine) : nil, labels: names)
      figures.append(("cosines-k\(run.negatives)", map.svg()))
    }
    return figures + CIFARGeometryMarkdown.figures(comparison)
  }

  /// The colours of the per-k curves (matplotlib's tab10, so they read like the other plots).
  private static let palette = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  ]

  /// The report text; `figureFiles` are the SVG names, in the order of ``figures(_:)``.
  ///
  /// With one run per k it has one table row per k, as always; with several seeds a
  /// per-k table of means ± sample standard deviations over the seeds comes first and
  /// the per-run table follows with a seed column.
  public static func report(_ comparison: CIFARComparison, command: String, figureFiles: [String]) -> String {
    let sweep = comparison.sweep
    let p = comparison.precision
    let n = comparison.classes
    let several = comparison.hasSeveralSeeds
    var md = """
      # \(title(sweep.dataset)): trained encoders against the exact predictions

      Generated by `\(command)`; run it again to regenerate this file and its plots.

      **Training** (`train-cifar`, [docs/theory.md §1–§3](../docs/theory.md)): \(sweep.trainImages) training and \(sweep.testImages) \
      test images of \(n) classes, encoder channels \(sweep.encoder.channels.map(String.init).joined(separator: "/")) \
      → d = \(sweep.encoder.embeddingDimension) in the unit \(sweep.encoder.sphere ? "sphere" : "ball"), \
      scale s = \(sweep.scale), \(sweep.epochs) epochs per k, batch \(sweep.batchSize), \(seeds(comparison)). \
      Positives are other images of the anchor's class; the k negatives are i.i.d. draws from the \
      training set (collisions allowed), as in the latent-class model.

      **Prediction** ([docs/theory.md §5, §10](../docs/theory.md)): for the class-level model with the run's class frequencies\
      \(comparison.isUniform ? " (uniform)" : "") and the same s, \
      \(comparison.isUniform ? "the optimum is the regular simplex for every k (T2): unit-norm class means with pairwise cosine −1/(N−1) = \(String(format: "%.4f", -1 / Double(n - 1))), accuracy 1, mean-classifier loss `\(comparison.predictedDownstreamLoss.map { EnclosureFormatting.compact($0, precision: p) } ?? "")`; its population NCE loss L*_k (certified, \(p)-bit intervals) is a floor under the NCE loss of *any* representation in the ball, the trained one included." : "the class frequencies are not uniform, so the optimum is not the simplex: it is solved and certified by the general engine ([docs/theory.md §6](../docs/theory.md)), and the learned geometry is compared with it. The NCE test loss, however, is estimated on the balanced test set, so its floor is L*_k of *uniform* classes (the simplex's loss, certified, \(p)-bit intervals), not that of the training frequencies, which is no lower bound for it ([docs/theory.md §10](../docs/theory.md)).")

      """
    if comparison.hasEpochEvaluations { md += "\n" + epochParagraph(sweep) + "\n" }
    md += "\n## Per k\n\n"
    if several {
      md += "Each cell: mean ± sample standard deviation over the seeds of that k.\n\n"
      md += seedTable(comparison) + "\n## Per run\n\n"
    }
    md += runTable(comparison, seedColumn: several)
    md += "\n" + CIFARGeometryMarkdown.section(comparison)
    md += "## What it shows\n\n" + findings(comparison) + "\n## Plots\n\n"
    for (file, caption) in zip(figureFiles, captions(comparison)) {
      md += "![\(caption)](\(file))\n\n"
    }
    return md
  }

  /// `seed 0`, or for several seeds `3 seeds per k (0, 1, 2)`.
  private static func seeds(_ comparison: CIFARComparison) -> String {
    guard comparison.hasSeveralSeeds else { return "seed \(comparison.sweep.seed)" }
    let seeds = Set(comparison.rows.map(\.run.seed)).sorted().map(String.init).joined(separator: ", ")
    let counts = Set(comparison.groups.map(\.rows.count))
    let perK = counts.count == 1 ? "\(counts.first!) seeds per k" : "several seeds per k"
    return "\(perK) (\(seeds))"
  }

  private static func epochParagraph(_ sweep: SweepResult) -> String {
    let when = sweep.evalEvery.map { $0 == 1 ? "after every epoch" : "after every \($0)th epoch and the last" }
    let subset = sweep.evalTrainSubset.map { "the first \($0) training images of every class" }
    return "**Per-epoch evaluation** (`--eval-every`, `--eval-train-subset`): the mean classifier's test accuracy "
      + "\(when ?? "after the evaluated epochs"), with class means from \(subset ?? "a subset of the training images") "
      + "(the final evaluation in the tables uses all training images)."
  }

  /// One row per k: mean ± sample standard deviation over its seeds.
  private static func seedTable(_ comparison: CIFARComparison) -> String {
    var md = """
      | k | runs | mean-classifier acc. | linear-probe acc. | trained NCE loss | certified floor L*_k | above floor | mean-classifier loss |
      |---:|---:|---|---|---|---|---|---|

      """
    for group in comparison.groups {
      func cell(_ format: (Double) -> String, _ value: (CIFARComparison.Row) -> Double?) -> String {
        group.spread(value).map { "\(format($0.mean)) ± \(format($0.standardDeviation))" } ?? "—"
      }
      let points = { (value: Double) in String(format: "%.1f", 100 * value) }
      let plain = { (value: Double) in String(format: "%.4f", value) }
      let verdicts = group.rows.compactMap { comparison.isAboveFloor($0) }
      let cells = [
        String(group.negatives), String(group.rows.count),
        cell(points) { $0.run.evaluation.meanClassifierAccuracy } + "%",
        cell(points) { $0.run.evaluation.linearProbeAccuracy } + "%",
        cell(plain) { $0.run.evaluation.nceTestLoss.mean },
        group.rows[0].optimumLoss.map { "`\(EnclosureFormatting.compact($0, precision: comparison.precision))`" }
          ?? "—",
        verdicts.isEmpty ? "—" : "\(verdicts.filter { $0 }.count)/\(verdicts.count)",
        cell(plain) { $0.run.evaluation.meanClassifierLoss },
      ]
      md += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return md
  }

  /// One row per run, with its seed when there are several.
  private static func runTable(_ comparison: CIFARComparison, seedColumn: Bool) -> String {
    let p = comparison.precision
    var md = """
      | k |\(seedColumn ? " seed |" : "") mean-classifier acc. | linear-probe acc. | trained NCE loss (95% CI) | certified floor L*_k | above floor | mean-classifier loss | cosine dev. from the optimum (max / mean) | common offset ‖μ̄‖ | centred cosine dev. (max / mean) | mean ‖μ_c‖ | within/between spread |
      |---:|\(seedColumn ? "---:|" : "")---|---|---|---|---|---|---|---|---|---|---|

      """
    for row in comparison.rows {
      let e = row.run.evaluation
      let g = e.geometry
      let above = comparison.isAboveFloor(row).map { $0 ? "yes" : "**no**" } ?? "—"
      let norms = g.classMeanNorms.reduce(0, +) / Double(max(g.classMeanNorms.count, 1))
      let deviation = { (pair: (maximum: Double, mean: Double)?) -> String in
        pair.map { String(format: "%.3f / %.3f", $0.maximum, $0.mean) } ?? "—"
      }
      let identity = [String(row.run.negatives)] + (seedColumn ? [String(row.run.seed)] : [])
      let losses = [
        percent(e.meanClassifierAccuracy), percent(e.linearProbeAccuracy),
        String(format: "%.4f [%.4f, %.4f]", e.nceTestLoss.mean, e.nceTestLoss.lower95, e.nceTestLoss.upper95),
        row.optimumLoss.map { "`\(EnclosureFormatting.compact($0, precision: p))`" } ?? "—",
        above,
        String(format: "%.4f", e.meanClassifierLoss),
      ]
      let geometry = [
        deviation(row.cosineDeviationFromOptimum), String(format: "%.3f", row.commonOffsetNorm),
        deviation(row.centeredCosineDeviationFromOptimum), String(format: "%.3f", norms),
        String(format: "%.3f", g.spreadRatio),
      ]
      let cells = identity + losses + geometry
      md += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return md
  }

  /// How a ``CIFARComparison/Change`` reads after the numbers of its step.
  private static func describe(_ step: CIFARComparison.AccuracyStep) -> String {
    let error = String(format: "%.1f", 100 * step.standardError)
    switch step.verdict {
    case .noFall: return "no fall"
    case .fallWithinNoise:
      return "a fall within twice the standard error of the difference over seeds (\(error) points)"
    case .fallBeyondNoise:
      return "a fall of more than twice the standard error of the difference over seeds (\(error) points)"
    case .fallNoiseUnknown: return "a fall; one seed per k, so its size against seed-to-seed variation is unknown"
    }
  }

  /// The findings, as measured: per-k means over seeds (the runs' own values with one seed).
  private static func findings(_ comparison: CIFARComparison) -> String {
    let groups = comparison.groupsByK
    guard let first = groups.first else { return "No runs.\n" }
    let several = comparison.hasSeveralSeeds
    var lines: [String] = []
    func accuracy(_ group: CIFARComparison.Group) -> String {
      let spread = group.accuracy
      return spread.count > 1
        ? "\(percent(spread.mean)) ± \(String(format: "%.1f", 100 * spread.standardDeviation)) (mean ± sample standard deviation over \(spread.count) seeds)"
        : percent(spread.mean)
    }
    if let overall = comparison.overallAccuracyChange {
      lines.append(
        "- Mean-classifier test accuracy: \(accuracy(overall.from)) at k = \(overall.from.negatives), \(accuracy(overall.to)) at k = \(overall.to.negatives); change \(String(format: "%+.1f", 100 * overall.change)) points, \(describe(overall))."
      )
    } else {
      lines.append(
        "- Mean-classifier test accuracy at k = \(first.negatives): \(accuracy(first)) (one k, so nothing to compare across k)."
      )
    }
    if let fall = comparison.largestAccuracyFall {
      lines.append(
        "- The largest fall between neighbouring values of k: k = \(fall.from.negatives) → \(fall.to.negatives), \(String(format: "%+.1f", 100 * fall.change)) points, \(describe(fall))."
      )
    }
    if let noisiest = comparison.noisiestAccuracy {
      lines.append(
        "- The largest sample standard deviation of the accuracy over seeds is \(String(format: "%.1f", 100 * noisiest.standardDeviation)) points (k = \(noisiest.negatives)); differences between values of k smaller than a few times that are within seed-to-seed variation."
      )
    }
    let floors = comparison.rows.filter { $0.optimumLoss != nil }
    let gaps = comparison.floorGaps
    if !floors.isEmpty {
      let below = floors.filter { comparison.isAboveFloor($0) == false }.map {
        several ? "\($0.run.negatives) (seed \($0.run.seed))" : String($0.run.negatives)
      }
      lines.append(
        below.isEmpty
          ? "- The trained NCE loss lies above the certified floor L*_k for every \(several ? "run" : "k"), as it must; the gap is how far training is from the population optimum."
          : "- The trained NCE loss's 95% interval lies *below* the certified floor for k = \(below.joined(separator: ", ")): impossible for the population loss, so the test-set estimate is off (sampling error or a mismatch with the model)."
      )
      lines.append(
        "- Gap to the floor by k\(several ? " (mean over seeds)" : ""): "
          + gaps.map { "k = \($0.negatives): \(String(format: "%.3f", $0.gap))" }.joined(separator: ", ") + ".")
    }
    if let smallest = gaps.map(\.gap).min(), smallest > 0.01 {
      lines.append(
        "- Every run is at least \(String(format: "%.2f", smallest)) above the floor, far from the population optimum, so these numbers measure this trainer at this budget. The theory's statements (T2, T3) are about the optimum; runs this far from it neither confirm nor refute them."
      )
    }
    let deviations = groups.compactMap { group in
      group.spread { $0.cosineDeviationFromOptimum?.mean }.map {
        "k = \(group.negatives): \(String(format: "%.3f", $0.mean))"
      }
    }
    if !deviations.isEmpty {
      lines.append(
        "- Mean |cosine(learned class means) − cosine(certified optimum)| (0 when training reaches the predicted geometry)\(several ? ", mean over seeds" : ""): "
          + deviations.joined(separator: ", ") + ".")
    }
    let offsets = groups.compactMap { group in
      group.spread { $0.commonOffsetNorm }.map { "k = \(group.negatives): \(String(format: "%.3f", $0.mean))" }
    }
    let centered = groups.compactMap { group in
      group.spread { $0.centeredCosineDeviationFromOptimum?.mean }.map {
        "k = \(group.negatives): \(String(format: "%.3f", $0.mean))"
      }
    }
    if !centered.isEmpty {
      lines.append(
        "- The class means share one vector, of length ‖(1/N) Σ_c μ_c‖ (0 at the optimum\(comparison.isUniform ? ", the simplex" : "")\(several ? "; mean over seeds" : "")): "
          + offsets.joined(separator: ", ")
          + ". With it removed, the mean |cosine − optimum's cosine| of the centred class means: "
          + centered.joined(separator: ", ") + ".")
    }
    if comparison.hasEpochEvaluations {
      let curves = groups.compactMap { group -> String? in
        let curve = group.meanEpochAccuracy
        guard let start = curve.first, let end = curve.last else { return nil }
        return "k = \(group.negatives): \(percent(start.accuracy)) after epoch \(start.epoch) → "
          + "\(percent(end.accuracy)) after epoch \(end.epoch)"
      }
      lines.append(
        "- Per-epoch test accuracy of the mean classifier\(several ? " (mean over seeds)" : ""), first and last evaluation: "
          + curves.joined(separator: "; ") + ".")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func captions(_ comparison: CIFARComparison) -> [String] {
    let several = comparison.hasSeveralSeeds
    var captions = [
      "Test accuracy against k" + (several ? " (mean over seeds; bars: min–max over seeds)" : ""),
      "Trained NCE loss and the certified floor"
        + (several
          ? " (mean over seeds; bars: min–max over seeds; shaded: from the lowest to the highest end of the runs' 95% intervals)"
          : " (shaded: 95% interval of the estimate)"),
    ]
    if comparison.hasEpochEvaluations {
      captions.append("Test mean-classifier accuracy against epoch" + (several ? " (mean over seeds)" : ""))
    }
    if comparison.rows.last?.optimumGram != nil { captions.append("Predicted class-mean cosines") }
    captions += comparison.groups.map {
      "Learned class-mean cosines, k = \($0.negatives)" + (several ? " (seed \($0.rows[0].run.seed))" : "")
    }
    return captions + CIFARGeometryMarkdown.captions(comparison)
  }

  private static func title(_ dataset: CIFARDataset) -> String {
    switch dataset {
    case .cifar10: "CIFAR-10"
    case .cifar100: "CIFAR-100 (fine labels)"
    case .cifar100Coarse: "CIFAR-100 (coarse labels)"
    }
  }

  private static func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }
}
