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
      "Optimum: solved in Double, rounded to a rational feasible Ĝ, certified by theory.md §6 (gap ≥ L(Ĝ) − min L).",
      "",
    ]
    var table = [
      ["k", "engine", "L_k(Ĝ) (certified)", "certified gap", "L_sup^μ (ρ)", "L_sup^μ (balanced)", "accuracy", "status"]
    ]
    for row in study.rows {
      table.append([
        String(row.negatives), row.engine.rawValue,
        EnclosureFormatting.compact(row.certificate.loss, precision: p),
        GeneralJSON.upperDecimal(row.certificate.gap),
        EnclosureFormatting.compact(row.downstream.weightedLoss, precision: p),
        EnclosureFormatting.compact(row.downstream.balancedLoss, precision: p),
        String(format: "%.6f", row.downstream.accuracy.approximateDouble),
        row.status.rawValue,
      ])
    }
    lines += UniformTable.aligned(table)
    lines.append("")
    let verified = study.rows.filter { $0.status == .verified }.count
    lines.append(
      "Certified rows: \(verified) of \(study.rows.count) with gap ≤ \(EnclosureFormatting.short(study.gapTolerance))."
    )
    if let holds = study.collapseHolds {
      lines.append(
        "T1 \(holds ? "VERIFIED" : "UNDECIDED"): the certified point-level optimum equals the class-level optimum within the gaps, for every k."
      )
    }
    let c1 = model.isOverlapping ? "Overlap" : "C1"
    guard study.rows.count > 1 else {
      lines.append("\(c1) not applicable: one value of k, no pair to compare.")
      return lines.joined(separator: "\n") + "\n"
    }
    lines.append(
      "\(c1) \(study.monotonicity.rawValue.uppercased()): the ρ-weighted downstream loss of the certified optima across consecutive k "
        + "("
        + study.verdicts.map(\.rawValue).reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        .sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ").")
    return lines.joined(separator: "\n") + "\n"
  }
}
