import ExactArithmetic

/// Evaluates one atlas point. Every atlas result goes through ``evaluate(_:ks:scale:precision:gapTolerance:refinement:)``,
/// the only place that depends on ``GeneralStudy``.
public enum AtlasPoint {
  /// What the verdicts are about: ``GeneralStudy`` locates the exact optimum of every `k`
  /// (docs/theory.md §8) and compares the enclosures of *its* downstream loss.
  public static let about = Claim.Subject.exactOptimum.rawValue

  /// Significant decimal digits recorded for each downstream loss. The verdicts are decided on
  /// the full `precision`-bit enclosures; the recorded bounds, rounded outward, still enclose.
  static let downstreamDigits = 20
  /// Significant decimal digits recorded for the change between consecutive `k`.
  static let changeDigits = 6

  /// Certifies the optimum of `point.model` for every `k` in `ks` and records the C1 verdicts.
  ///
  /// - Complexity: one ``GeneralStudy`` (per `k` a solve, a certificate, a localization and, as
  ///   `refinement` asks, a refinement).
  public static func evaluate(
    _ point: AtlasFamily.Point, ks: [Int], scale: Rational, precision: Int, gapTolerance: Rational,
    refinement: RefinementPolicy = Defaults.refinement
  ) -> AtlasPointResult {
    let study = GeneralStudy(
      model: point.model, ks: ks, scale: scale, precision: precision, gapTolerance: gapTolerance,
      refinement: refinement)
    // What the verdicts compare: the enclosure of the exact optimum's downstream loss, `nil`
    // when the optimum of that k is not located.
    let verdicts = study.verdicts
    let enclosures: [Interval?] = study.rows.map { $0.downstreamAtOptimum?.weightedLoss }
    let rows = zip(study.rows, enclosures).map { row, enclosure in
      AtlasPointResult.Row(
        negatives: row.negatives, status: row.isLocated ? "located" : row.status.rawValue,
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
