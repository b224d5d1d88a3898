/// How an exactly equal downstream loss at consecutive `k` counts in the ordering claims (C1,
/// overlap; docs/theory.md §11). Equality is only ever known exactly, when two rows have the same
/// rational `Ĝ`; overlapping enclosures are undecided whatever the rule.
public enum TieRule: String, Sendable, CaseIterable {
  /// "Does not increase" includes equality: the pair is non-increasing (the default).
  case nonIncreasing = "non-increasing"
  /// Only a certified strict decrease counts: the pair is undecided.
  case undecided

  /// The verdict of a pair with equal losses.
  public var verdict: Verdict { self == .nonIncreasing ? .verified : .undecided }
}
