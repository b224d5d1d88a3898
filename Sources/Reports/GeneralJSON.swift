import ExactArithmetic
import Foundation
import LatentClassTheory

/// The JSON document of a general verification: the uniform schema's `model`,
/// `precision_bits` and `rows`, with each row also carrying `gram`, `certified_gap`,
/// `engine` and `downstream`, and the study's claims (T1, C1 or overlap).
public enum GeneralJSON {
  public static func document(_ study: GeneralStudy) -> JSONValue {
    let p = study.precision
    func enclosure(_ interval: Interval) -> JSONValue { EnclosureFormatting.json(interval, precision: p) }
    let rows: [JSONValue] = study.rows.map { row in
      let gram = row.certificate.gram
      return .object([
        ("k", .integer(row.negatives)),
        ("engine", .string(row.engine.rawValue)),
        ("status", .string(row.status.rawValue)),
        ("nce_loss", enclosure(row.certificate.loss)),
        ("lower_bound", row.certificate.lowerBound.map { .string(lowerDecimal($0)) } ?? .null),
        ("certified_gap", row.certificate.gap.map { .string(upperDecimal($0)) } ?? .null),
        (
          "gram",
          .array((0..<gram.rows).map { i in .array((0..<gram.columns).map { .string(gram[i, $0].description) }) })
        ),
        (
          "downstream",
          .object([
            ("weighted", enclosure(row.downstream.weightedLoss)),
            ("balanced", enclosure(row.downstream.balancedLoss)),
            ("accuracy", .string(row.downstream.accuracy.description)),
          ])
        ),
        (
          "optimum",
          .object([
            ("distance_bound", row.location.map { .string(upperDecimal($0.distanceBound)) } ?? .null),
            ("curvature_lower_bound", row.curvatureLowerBound.map { .string(lowerDecimal($0)) } ?? .null),
            ("unique", .bool(row.isLocated)),
            ("refined", .bool(row.refinement != nil)),
          ])
        ),
        (
          "downstream_at_optimum",
          row.downstreamAtOptimum.map { optimum in
            .object([
              ("weighted", enclosure(optimum.weightedLoss)),
              ("balanced", enclosure(optimum.balancedLoss)),
              (
                "accuracy",
                .object([
                  ("lo", .string(optimum.accuracyRange.lowerBound.description)),
                  ("hi", .string(optimum.accuracyRange.upperBound.description)),
                ])
              ),
            ])
          } ?? .null
        ),
      ])
    }
    return .object([
      (
        "model",
        .object([
          ("classes", .integer(study.model.classCount)),
          ("points", .integer(study.model.pointCount)),
          ("rho", .array(study.model.rho.map { .string($0.description) })),
          ("distributions", .array(study.model.withinClass.map { .array($0.map { .string($0.description) }) })),
          ("scale", .string(study.scale.description)),
        ])
      ),
      ("precision_bits", .integer(p)),
      ("gap_tolerance", .string(study.gapTolerance.description)),
      ("refinement", .string(study.refinement.rawValue)),
      ("refine_undecided", .bool(study.refinedUndecidedLaplaceRows)),
      ("rows", .array(rows)),
      ("claims", .array(study.claims.map(ClaimJSON.object))),
    ])
  }

  /// A short decimal at or above `value` (certified gaps are upper bounds); "none" for `nil`.
  public static func upperDecimal(_ value: Rational?) -> String {
    guard let value else { return "none" }
    return Interval(value, precision: 64).decimalBounds(significantDigits: 3).upper
  }

  /// A decimal at or below `value` (lower bounds on the optimum).
  static func lowerDecimal(_ value: Rational) -> String {
    Interval(value, precision: 128).decimalBounds(significantDigits: 25).lower
  }
}
