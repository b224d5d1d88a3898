/// One claim of docs/theory.md §5 — which statement, over which `k`, about which matrix — and
/// what the certified computation says about it.
///
/// Studies build claims (``UniformVerification``, ``GeneralStudy``); tables, JSON and Markdown
/// only render them, so a claim is worded once, where it is decided.
public struct Claim: Sendable {
  /// Which matrix a claim about an optimum speaks of (docs/theory.md §6, §8).
  public enum Subject: String, Sendable {
    /// The unique exact optimum, enclosed by its location.
    case exactOptimum = "exact optimum"
    /// The certified near-optimal rational `Ĝ_k` itself.
    case nearOptimum = "certified near-optimum"
  }

  /// What kind of statement it is, which decides how its verdict is worded.
  public enum Kind: Sendable {
    /// A statement that holds, fails or is undecided (T1, T2, T3).
    case statement
    /// "Does not increase with k" over consecutive pairs of `k` (C1, overlap): verified pairs
    /// are worded *non-increasing*, refuted ones *increase found*.
    case ordering
  }

  /// A short stable identifier (`"T2"`, `"C1"`, `"C1-near-optimum"`, …), as in the JSON.
  public let id: String
  /// The claim's name in a report's table of claims (`"C1 (exact optimum)"`).
  public let name: String
  public let kind: Kind
  /// `nil` for claims that are not about one optimum per `k`.
  public let subject: Subject?
  /// The statement in plain text; it cites the spec as `docs/theory.md §N`.
  public let statement: String
  public let verdict: Verdict
  /// For ``Kind/ordering`` claims, the verdict on each consecutive pair of `k`.
  public let pairs: [Verdict]
  /// What decided the verdict, in plain text.
  public let evidence: String

  public init(
    id: String, name: String? = nil, kind: Kind = .statement, subject: Subject? = nil, statement: String,
    verdict: Verdict, pairs: [Verdict] = [], evidence: String
  ) {
    self.id = id
    self.name = name ?? id
    self.kind = kind
    self.subject = subject
    self.statement = statement
    self.verdict = verdict
    self.pairs = pairs
    self.evidence = evidence
  }

  /// Whether the claim says anything: an ordering over a single `k` compares nothing.
  public var isApplicable: Bool { kind == .statement || !pairs.isEmpty }

  /// The verdict as reports word it (``Verdict/phrase(for:)``), or "not applicable".
  public var phrase: String { isApplicable ? verdict.phrase(for: kind) : "not applicable" }
}

extension Claim {
  /// How many verdicts of each phrase, e.g. "7 increase found, 1 undecided" (phrases in alphabetical order).
  public static func counts(_ verdicts: [Verdict], kind: Kind) -> String {
    verdicts.map { $0.phrase(for: kind) }.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
      .sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
  }
}
