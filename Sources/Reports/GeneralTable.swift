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
      "Latent-class model (\(kind)): N = \(model.classCount) classes, M = \(model.pointCount) points, s = \(study.scale), \(p)-bit certified intervals.",
      "ρ = " + model.rho.map(\.description).joined(separator: ", "),
      "Optimum: solved in Double, refined in MPFR (multinomial rows), rounded to a rational feasible Ĝ, certified by docs/theory.md §6 "
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
    if let holds = study.collapseHolds {
      lines.append(
        "T1 \(holds ? "VERIFIED" : "UNDECIDED"): the certified point-level optimum equals the class-level optimum within the gaps, for every k."
      )
    }
    if let unique = study.uniqueOptimumCollapsed {
      lines.append(
        "T1 \(unique.rawValue.uppercased()) about the exact optimum: the point-level optimum is unique modulo J and, by T1, "
          + "collapsed; its location agrees with the lifted class-level optimum, for every k.")
    }
    let c1 = model.isOverlapping ? "Overlap" : "C1"
    if study.rows.count < 2 {
      lines.append("\(c1) not applicable: one value of k, no pair to compare.")
    } else {
      lines.append(
        "\(c1) \(study.monotonicity.rawValue.uppercased()) about the exact optimum: the ρ-weighted downstream loss of the "
          + "located optima across consecutive k (\(GeneralTable.counts(study.verdicts))).")
      lines.append(
        "\(c1) \(study.nearOptimumMonotonicity.rawValue.uppercased()) about the certified near-optimal Ĝ_k "
          + "(\(GeneralTable.counts(study.nearOptimumVerdicts))).")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Verdict counts, e.g. "7 increase found, 1 undecided".
  static func counts(_ verdicts: [MonotonicityVerdict]) -> String {
    verdicts.map(\.rawValue).reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
      .sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
  }

  /// An accuracy range over the located ball, as one decimal when it is a single value.
  static func accuracy(_ range: ClosedRange<Rational>) -> String {
    let low = String(format: "%.6f", range.lowerBound.approximateDouble)
    guard range.lowerBound != range.upperBound else { return low }
    return "[\(low), \(String(format: "%.6f", range.upperBound.approximateDouble))]"
  }
}
