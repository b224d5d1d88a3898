extension Verdict {
  /// The verdict as a claim of `kind` words it: `verified`/`refuted`/`undecided`, or for
  /// orderings in `k` `non-increasing`/`increase found`/`undecided` (the words of the atlas files).
  public func phrase(for kind: Claim.Kind) -> String {
    guard kind == .ordering else { return rawValue }
    switch self {
    case .verified: return "non-increasing"
    case .refuted: return "increase found"
    case .undecided: return "undecided"
    }
  }

  /// The verdict an ordering's phrase names, `nil` for any other text.
  public init?(orderingPhrase: String) {
    guard let verdict = Verdict.orderingOrder.first(where: { $0.phrase(for: .ordering) == orderingPhrase }) else {
      return nil
    }
    self = verdict
  }

  /// The order ordering verdicts are counted and listed in: non-increasing, increase found, undecided.
  public static let orderingOrder: [Verdict] = [.verified, .refuted, .undecided]

  /// The overall verdict of an ordering from its pairs: an increase anywhere refutes it; it
  /// holds only when there is a pair and every pair is certified non-increasing.
  public static func ordering(_ pairs: [Verdict]) -> Verdict {
    // A single k compares nothing.
    pairs.isEmpty ? .undecided : all(pairs)
  }
}
