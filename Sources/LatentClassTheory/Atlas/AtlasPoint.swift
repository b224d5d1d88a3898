import ExactArithmetic

/// Evaluates one atlas point. Every atlas result goes through ``evaluate(_:ks:scale:precision:gapTolerance:)``,
/// the only place that depends on ``GeneralStudy``.
public enum AtlasPoint {
  /// What the verdicts are about. ``GeneralStudy`` certifies a near-optimal `Ĝ` per `k`
  /// (theory.md §6) and compares *its* downstream losses; they become statements about the
  /// exact optimum once the study localizes it (theory.md §8).
  public static let about = "near-optimum"

  /// Significant decimal digits recorded for each downstream loss. The verdicts are decided on
  /// the full `precision`-bit enclosures; the recorded bounds, rounded outward, still enclose.
  static let downstreamDigits = 20
  /// Significant decimal digits recorded for the change between consecutive `k`.
  static let changeDigits = 6

  /// Certifies the optimum of `point.model` for every `k` in `ks` and records the C1 verdicts.
  ///
  /// - Complexity: one ``GeneralStudy`` (a solve and a certificate per `k`).
  public static func evaluate(
    _ point: AtlasFamily.Point, ks: [Int], scale: Rational, precision: Int, gapTolerance: Rational
  ) -> AtlasPointResult {
    let study = GeneralStudy(
      model: point.model, ks: ks, scale: scale, precision: precision, gapTolerance: gapTolerance)
    // What the verdicts compare: the downstream loss of the certified near-optimal Ĝ_k. When the
    // study locates the exact optimum, this and `about` switch to its enclosure.
    let verdicts = study.verdicts
    let enclosures: [Interval?] = study.rows.map { $0.downstream.weightedLoss }
    let rows = zip(study.rows, enclosures).map { row, enclosure in
      AtlasPointResult.Row(
        negatives: row.negatives, status: row.status.rawValue,
        gap: row.certificate.gap.map { Interval($0, precision: 64).decimalBounds(significantDigits: 3).upper },
        downstream: enclosure?.decimalBounds(significantDigits: downstreamDigits))
    }
    let pairs = verdicts.indices.map { i in
      let change = enclosures[i + 1].flatMap { later in enclosures[i].map { later - $0 } }
      return AtlasPointResult.Pair(
        from: study.rows[i].negatives, to: study.rows[i + 1].negatives, verdict: verdicts[i],
        change: change?.decimalBounds(significantDigits: changeDigits))
    }
    return AtlasPointResult(index: point.index, id: point.id, model: point.model, rows: rows, pairs: pairs)
  }
}
