/// The outcome of checking one claim with certified arithmetic.
///
/// `verified` and `refuted` are only ever produced from decided comparisons;
/// an enclosure that cannot separate the alternatives gives `undecided`.
public enum Verdict: String, Sendable, Codable, Comparable {
  case verified, undecided, refuted

  /// Combines the verdicts of the parts of a claim: any refutation refutes it,
  /// otherwise any undecided part leaves it undecided.
  public static func all(_ parts: some Sequence<Verdict>) -> Verdict {
    parts.reduce(.verified, max)
  }

  private var severity: Int {
    switch self {
    case .verified: 0
    case .undecided: 1
    case .refuted: 2
    }
  }

  public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }
}
