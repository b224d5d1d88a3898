import CIFARStudy
import Foundation
import TrainingResults

/// The per-epoch geometry of a ``CIFARComparison`` (docs/theory.md §10): a table per run and
/// plots of each measure against epoch, training subset solid, test set dashed. Runs
/// without recorded geometry (results before schema version 3) produce nothing.
enum CIFARGeometryMarkdown {
  /// The runs shown, among those that recorded geometry: every seed when the sweep has one k, so
  /// its spread over seeds is visible; otherwise the first seed of every k (a sweep's plots would
  /// carry k × seeds lines).
  static func shownRows(_ comparison: CIFARComparison) -> [CIFARComparison.Row] {
    let recorded = comparison.groups.map { group in group.rows.filter { !$0.epochGeometry.isEmpty } }
    return recorded.count == 1 ? recorded[0] : recorded.compactMap(\.first)
  }

  /// One plotted measure: its title, axis label, caption, log scale, and value per epoch and set.
  private struct Measure: Sendable {
    let suffix: String
    let title: String
    let yLabel: String
    let logY: Bool
    let value: @Sendable (CIFARComparison.EpochGeometry, _ test: Bool) -> Double?
  }

  private static let measures: [Measure] = [
    perSet(
      "nc1", "Within-class variability NC1 = tr(Σ_W Σ_B⁺)/N against epoch", "NC1 (0 at collapse)", logY: true, \.nc1),
    Measure(
      suffix: "gram-distance", title: "Class-mean Gram against the certified optimum's",
      yLabel: "relative distance modulo J", logY: false
    ) { $1 ? $0.testGramDistance.centred : $0.trainGramDistance.centred },
    perSet(
      "equiangularity", "Equiangularity: mean |cos + 1/(N−1)| of centred class means", "mean deviation of cosines",
      \.equiangularity),
    perSet(
      "equinorm", "Equinorm: spread of the centred class-mean norms", "coefficient of variation", \.equinorm),
    perSet(
      "offset", "Common offset ‖(1/N) Σ_c μ_c‖ of the class means", "length of the mean class mean", \.commonOffset),
    perSet(
      "nearest-centre", "Nearest class centre agrees with the mean classifier", "share of images",
      \.nearestCentreAgreement),
  ]

  /// A measure read from the training-subset or the test-set measures of an epoch.
  private static func perSet(
    _ suffix: String, _ title: String, _ yLabel: String, logY: Bool = false,
    _ value: @escaping @Sendable (NeuralCollapseMeasures) -> Double
  ) -> Measure {
    Measure(suffix: suffix, title: title, yLabel: yLabel, logY: logY) { value($1 ? $0.test : $0.train) }
  }

  private static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]

  /// The plots, one per measure, with a solid (training subset) and a dashed (test set) line per shown run.
  static func figures(_ comparison: CIFARComparison) -> [(suffix: String, svg: String)] {
    let rows = shownRows(comparison)
    guard !rows.isEmpty else { return [] }
    return measures.map { measure in
      var series: [LinePlot.Series] = []
      for (index, row) in rows.enumerated() {
        let color = palette[index % palette.count]
        let name =
          rows.count == 1 ? "" : comparison.groups.count == 1 ? "seed \(row.run.seed), " : "k = \(row.run.negatives), "
        for test in [false, true] {
          let points = row.epochGeometry.compactMap { geometry in
            measure.value(geometry, test).map { (x: Double(geometry.epoch), y: $0) }
          }
          guard !points.isEmpty else { continue }
          series.append(
            .init(label: name + (test ? "test set" : "training subset"), points: points, color: color, dashed: test))
        }
      }
      let plot = LinePlot(
        title: measure.title, xLabel: "epoch", yLabel: measure.yLabel, series: series, logY: measure.logY,
        integerXTicks: true)
      return ("geometry-" + measure.suffix, plot.svg())
    }
  }

  /// The captions of ``figures(_:)``, in order.
  static func captions(_ comparison: CIFARComparison) -> [String] {
    shownRows(comparison).isEmpty ? [] : measures.map { $0.title + " (solid: training subset; dashed: test set)" }
  }

  /// A section with one table per shown run; empty without recorded geometry.
  static func section(_ comparison: CIFARComparison) -> String {
    let rows = shownRows(comparison)
    guard !rows.isEmpty else { return "" }
    let subset = comparison.sweep.evalTrainSubset.map { "the first \($0) training images of every class" }
    var md = """
      ## Geometry per epoch

      After every evaluated epoch, on \(subset ?? "a training subset") ("train") and on the test set \
      ("test"), each with its own class means μ_c ([docs/theory.md §10](../docs/theory.md)): NC1 = tr(Σ_W Σ_B⁺)/N (Σ_B⁺ the \
      pseudo-inverse, eigenvalues below \(NeuralCollapseMeasures.pseudoInverseTolerance) of the largest \
      dropped), the coefficient of variation of the centred class-mean norms (equinorm), the mean \
      |cos + 1/(N−1)| of the centred class means (equiangularity), the share of images whose nearest class \
      mean is the one the mean classifier picks, the common offset ‖(1/N) Σ_c μ_c‖, and the relative \
      Frobenius distance of the class-mean Gram ⟨μ_c, μ_c'⟩ to the certified optimum's Gram, modulo J \
      (‖P(G − G*)‖ / ‖P(G*)‖, P removing the all-ones component the loss cannot see; the plain distance in \
      brackets). Every one of them is 0 at the optimum\(comparison.isUniform ? " (the simplex)" : "") except \
      the nearest-centre agreement, which is 1.


      """
    for row in rows {
      md += "**k = \(row.run.negatives), seed \(row.run.seed)**\n\n"
      md += """
        | epoch | test acc. | NC1 train / test | equinorm train / test | equiangularity train / test | nearest-centre agreement train / test | common offset train / test | Gram distance train / test |
        |---:|---|---|---|---|---|---|---|

        """
      let accuracy = Dictionary(
        row.run.epochEvaluations.map { ($0.epoch, $0.meanClassifierAccuracy) }, uniquingKeysWith: { $1 })
      for geometry in row.epochGeometry {
        func pair(_ format: String, _ value: (NeuralCollapseMeasures) -> Double) -> String {
          String(format: "\(format) / \(format)", value(geometry.train), value(geometry.test))
        }
        func distance(_ value: (plain: Double?, centred: Double?)) -> String {
          guard let centred = value.centred, let plain = value.plain else { return "—" }
          return String(format: "%.3f (%.3f)", centred, plain)
        }
        let cells = [
          String(geometry.epoch), accuracy[geometry.epoch].map { String(format: "%.1f%%", 100 * $0) } ?? "—",
          pair("%.3f", \.nc1), pair("%.3f", \.equinorm), pair("%.3f", \.equiangularity),
          pair("%.3f", \.nearestCentreAgreement), pair("%.3f", \.commonOffset),
          distance(geometry.trainGramDistance) + " / " + distance(geometry.testGramDistance),
        ]
        md += "| " + cells.joined(separator: " | ") + " |\n"
      }
      md += "\n"
    }
    return md
  }
}
