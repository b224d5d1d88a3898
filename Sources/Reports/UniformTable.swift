import ExactArithmetic
import LatentClassTheory

/// The readable text `verify` prints: a header, one row per `k`, one verdict line per claim.
public enum UniformTable {
  public static func text(_ verification: UniformVerification) -> String {
    let model = verification.model
    let p = model.precision
    let downstream = EnclosureFormatting.compact(verification.downstream.weightedLoss, precision: p)
    var lines = [
      "Uniform latent-class model: N = \(model.classes) classes, ρ = 1/\(model.classes) each, s = \(model.scale), \(p)-bit certified intervals.",
      "Optimum: the regular simplex G* (unit norms, inner products \(model.simplexOffDiagonal)); L_sup^μ is its N-way mean-classifier loss.",
      "",
    ]
    let header = ["k", "L_k(G*) (certified)", "width", "L_sup^μ", "Arora", "Nozawa", "Ash", "certificate"]
    // Decimal conversion dominates for long ranges; rows are independent, so format them on all cores.
    let rows = verification.rows
    let table =
      [header]
      + UniformVerification.parallelMap(Array(rows.indices)) { index -> [String] in
        let row = rows[index]
        return [
          String(row.negatives),
          EnclosureFormatting.compact(row.contrastiveLoss, precision: p),
          EnclosureFormatting.width(row.contrastiveLoss),
          downstream,
          EnclosureFormatting.short(row.bounds.arora),
          EnclosureFormatting.short(row.bounds.nozawa),
          EnclosureFormatting.short(row.bounds.ash),
          row.certificate.verdict.rawValue,
        ]
      }
    lines += aligned(table)
    lines.append("")
    lines += verification.claims.flatMap(ClaimText.lines)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Columns padded to their widest cell; the first column right-aligned.
  ///
  /// Widths count Unicode scalars: the cells hold no combining marks, so that is their
  /// `Character` count without grapheme breaking (this serial step was 2.9% of the CPU
  /// samples of a 10,000-row run when it counted `Character`s).
  static func aligned(_ rows: [[String]]) -> [String] {
    let widths = rows[0].indices.map { column in rows.map { $0[column].unicodeScalars.count }.max()! }
    return rows.map { row in
      row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.unicodeScalars.count)
        return column == 0 ? padding + cell : cell + padding
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
  }
}

extension String {
  /// Works on the UTF-8 view: walking `Character`s backwards cost a tenth of a
  /// 10,000-row run's time.
  fileprivate func trimmingTrailingSpaces() -> String {
    var end = utf8.endIndex
    while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: " ") {
      end = utf8.index(before: end)
    }
    return String(self[..<end])
  }
}
