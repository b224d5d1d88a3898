import ExactArithmetic
import LatentClassTheory

/// The JSON document of a uniform verification (issue schema: model, precision,
/// rows, claims), with every enclosure as decimal strings rounded outward.
public enum UniformJSON {
  public static func document(_ verification: UniformVerification) -> JSONValue {
    let model = verification.model
    let p = model.precision
    let downstream = verification.downstream
    func enclosure(_ interval: Interval) -> JSONValue { EnclosureFormatting.json(interval, precision: p) }
    func optional(_ interval: Interval?) -> JSONValue { interval.map(enclosure) ?? .null }

    let rows: [JSONValue] = verification.rows.map { row in
      .object([
        ("k", .integer(row.negatives)),
        ("nce_loss", enclosure(row.contrastiveLoss)),
        ("mean_classifier_loss", enclosure(downstream.weightedLoss)),
        ("accuracy", .string(downstream.accuracy.description)),
        ("average_binary_loss", enclosure(verification.averageBinaryLoss)),
        // T2: the optimum is the simplex exactly (δ = 0), unique once the KKT certificate is verified.
        (
          "optimum",
          .object([
            ("gram", .string("simplex")),
            ("distance_bound", .string("0")),
            ("curvature_lower_bound", .null),
            ("unique", .bool(row.certificate.verdict == .verified)),
          ])
        ),
        (
          "downstream_at_optimum",
          .object([
            ("weighted", enclosure(downstream.weightedLoss)),
            ("balanced", enclosure(downstream.balancedLoss)),
          ])
        ),
        ("certificate", .string(row.certificate.verdict.rawValue)),
        ("kkt_multiplier", enclosure(row.certificate.multiplier)),
        ("collision_probability", enclosure(row.bounds.collisionProbability)),
        ("coverage", enclosure(row.bounds.coverage)),
        ("collision_term", enclosure(row.bounds.collisionTerm)),
        (
          "bounds",
          .object([
            ("arora", optional(row.bounds.arora)),
            ("nozawa", optional(row.bounds.nozawa)),
            ("ash", enclosure(row.bounds.ash)),
          ])
        ),
      ])
    }
    return .object([
      (
        "model",
        .object([
          ("classes", .integer(model.classes)),
          ("rho", .array(model.rho.map { .string($0.description) })),
          ("scale", .string(model.scale.description)),
        ])
      ),
      ("precision_bits", .integer(p)),
      (
        "optimum_gram",
        .object([("diagonal", .string("1")), ("off_diagonal", .string(model.simplexOffDiagonal.description))])
      ),
      ("rows", .array(rows)),
      ("claims", .array(verification.claims.map(ClaimJSON.object))),
    ])
  }
}
