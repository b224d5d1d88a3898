import ExactArithmetic
import LatentClassTheory

/// The readable text `verify` prints for a general model (issue #3): one row per `k`, then the claims.
public enum GeneralTable {
  public static func text(_ study: GeneralStudy) -> String {
    let p = study.precision
    let model = study.model
    let kind =
      model.isClassLevel
      ? "class-level" : model.isOverlapping ? "point-level, overlapping" : "point-level, non-overlapping"
    var lines = [
      "Latent-class model (\(kind)): N = \(model.classCount) classes, M = \(model.pointCount) points, s = \(study.scale), \(p)-bit certified intervals"
        + (usesDoubleEndpoints(study) ? " (unrefined rows: Double endpoints, about 13 digits)." : "."),
      "ρ = " + model.rho.map(\.description).joined(separator: ", "),
      "Optimum: solved in Double, refined in MPFR (\(refinedRows(study))), "
        + "rounded to a rational feasible Ĝ, certified by docs/theory.md §6 "
        + "(gap ≥ L(Ĝ) − min L) and located by docs/theory.md §8 (every minimizer within δ of Ĝ modulo J, unique).",
      "",
    ]
    var table = [
      [
        "k", "engine", "L_k(Ĝ) (certified)", "certified gap", "distance δ", "L_sup^μ (ρ) of the optimum",
        "L_sup^μ (balanced) of the optimum", "accuracy", "status",
      ]
    ]
    for row in study.rows {
      let optimum = row.downstreamAtOptimum
      table.append([
        String(row.negatives), row.engine.rawValue,
        EnclosureFormatting.compact(row.certificate.loss, precision: p),
        GeneralJSON.upperDecimal(row.certificate.gap),
        row.location.map { GeneralJSON.upperDecimal($0.distanceBound) } ?? "—",
        optimum.map { EnclosureFormatting.compact($0.weightedLoss, precision: p) } ?? "—",
        optimum.map { EnclosureFormatting.compact($0.balancedLoss, precision: p) } ?? "—",
        optimum.map { GeneralTable.accuracy($0.accuracyRange) } ?? "—",
        row.status.rawValue + (row.isLocated ? ", located" : ""),
      ])
    }
    lines += UniformTable.aligned(table)
    lines.append("")
    let verified = study.rows.filter { $0.status == .verified }.count
    lines.append(
      "Certified rows: \(verified) of \(study.rows.count) with gap ≤ \(EnclosureFormatting.short(study.gapTolerance))."
    )
    let located = study.rows.filter(\.isLocated).count
    lines.append("Located optima: \(located) of \(study.rows.count) (unique modulo J, within the distance δ of Ĝ).")
    lines += study.claims.flatMap(ClaimText.lines)
    return lines.joined(separator: "\n") + "\n"
  }

  /// An accuracy range over the located ball, as one decimal when it is a single value.
  static func accuracy(_ range: ClosedRange<Rational>) -> String {
    let low = String(format: "%.6f", range.lowerBound.approximateDouble)
    guard range.lowerBound != range.upperBound else { return low }
    return "[\(low), \(String(format: "%.6f", range.upperBound.approximateDouble))]"
  }

  /// Whether some row's loss and gradient were enclosed in ``DoubleInterval`` (an unrefined row at
  /// 53 bits or more, ``PopulationLoss/enclose(gram:precision:accurate:)``), so fewer digits than the precision.
  static func usesDoubleEndpoints(_ study: GeneralStudy) -> Bool {
    study.precision >= 53 && study.rows.contains { $0.refinement == nil }
  }

  /// Which rows the study's ``RefinementPolicy`` refines, in words.
  static func refinedRows(_ study: GeneralStudy) -> String {
    switch (study.refinement, study.refinedUndecidedLaplaceRows) {
    case (.every, _): return "every row"
    case (.needed, false):
      return "rows whose plain gap misses; multinomial rows of C1 pairs the plain locations leave undecided"
    case (.needed, true): return "rows whose plain gap misses; rows of C1 pairs the plain locations leave undecided"
    }
  }
}
