import Foundation
import LatentClassTheory

/// How a ``Claim`` is laid out as text: two lines in `verify`'s output, one row of a report's
/// table of claims. The words are the claim's own.
enum ClaimText {
  /// `ID VERDICT[ about the SUBJECT]: statement`, then the evidence indented.
  static func lines(_ claim: Claim) -> [String] {
    let about = claim.subject.map { " about the \($0.rawValue)" } ?? ""
    return ["\(claim.id) \(claim.phrase.uppercased())\(about): \(claim.statement)", "   \(claim.evidence)"]
  }

  /// `| name | **verdict** | statement | evidence |`, citations of the spec linked;
  /// `more` is appended to the evidence (figures only a report shows).
  static func markdownRow(_ claim: Claim, more: String = "") -> String {
    "| \(claim.name) | **\(claim.phrase)** | \(linkingCitations(claim.statement)) | \(claim.evidence)\(more) |\n"
  }

  /// `docs/theory.md §N` as a link from a report in `notebooks-md/`.
  static func linkingCitations(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"docs/theory\.md §[0-9]+"#, with: "[$0](../docs/theory.md)", options: .regularExpression)
  }
}
