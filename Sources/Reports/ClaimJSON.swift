import LatentClassTheory

/// The JSON object of one ``Claim``: `id`, `statement`, `about` (claims about an optimum), `status`
/// (the verdict's word: `verified`, or for orderings `non-increasing`, …), `pairs` (orderings)
/// and `evidence`.
enum ClaimJSON {
  static func object(_ claim: Claim) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("id", .string(claim.id)), ("statement", .string(claim.statement)),
    ]
    if let subject = claim.subject { members.append(("about", .string(subject.rawValue))) }
    // A single k stays "undecided" here, as files read by scripts always had it.
    members.append(("status", .string(claim.verdict.phrase(for: claim.kind))))
    if claim.kind == .ordering {
      members.append(("pairs", .array(claim.pairs.map { .string($0.phrase(for: .ordering)) })))
    }
    members.append(("evidence", .string(claim.evidence)))
    return .object(members)
  }
}
