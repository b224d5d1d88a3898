extension GeneralStudy {
  /// The claims this study decides, in the order reports list them: T1 and T1 about the exact
  /// optimum (non-overlapping point-level models only), then C1 — or, for overlapping classes,
  /// the overlap claim — about the exact optimum and about the certified near-optimum.
  public var claims: [Claim] {
    var claims: [Claim] = []
    if let collapse, let verdict = collapseVerdict {
      claims.append(
        Claim(
          id: "T1",
          statement:
            "Collapse (docs/theory.md §5): the point-level optimum equals the optimum of the collapsed class-level model, for every k.",
          verdict: verdict,
          evidence:
            "For \(collapse.filter { $0.minimaAgree == .verified }.count) of \(collapse.count) values of k both rows are verified "
            + "and their certified enclosures [lower bound, L_hi(Ĝ)] of the two minima meet."))
    }
    if let collapse, let verdict = uniqueOptimumCollapsed {
      claims.append(
        Claim(
          id: "T1-unique", name: "T1 (exact optimum)", subject: .exactOptimum,
          statement: "The point-level optimum is unique modulo J and collapsed (docs/theory.md §8 (c): T1 gives a "
            + "collapsed optimum, the location gives uniqueness).",
          verdict: verdict,
          evidence: "For \(collapse.filter { $0.uniqueOptimumCollapsed == .verified }.count) of \(rows.count) values "
            + "of k both optima are located and the point-level location agrees with the lifted class-level one "
            + "within δ_point + m_max·δ_class."))
    }
    let base = model.isOverlapping ? "overlap" : "C1"
    let statement =
      model.isOverlapping
      ? "Overlapping classes (docs/theory.md §5, where T1 fails): is the \(weighting.phrase) downstream loss of the "
        + "exact optimum non-increasing in k? *increase found* certifies that, for this model, the optimum with more "
        + "negatives has a strictly larger downstream loss."
      : "C1 (conjecture, docs/theory.md §5): the \(weighting.phrase) downstream loss of the exact optimum does not "
        + "increase with k."
    let located = rows.filter(\.isLocated).count
    claims.append(
      ordering(
        id: base, name: base + " (exact optimum)", subject: .exactOptimum, statement: statement, pairs: verdicts,
        note: located < 2 ? "; fewer than two optima are located." : "."))
    claims.append(
      ordering(
        id: base + "-near-optimum", name: base + " (near-optimum)", subject: .nearOptimum,
        statement: "The \(weighting.phrase) downstream loss of the certified near-optimal points Ĝ_k themselves "
          + "(not of the exact optimum) does not increase with k.",
        pairs: nearOptimumVerdicts, note: "."))
    return claims
  }

  /// The C1 (or overlap) claim about the exact optimum.
  public var exactOptimumClaim: Claim { claims.first { $0.kind == .ordering && $0.subject == .exactOptimum }! }

  private func ordering(
    id: String, name: String, subject: Claim.Subject, statement: String, pairs: [Verdict], note: String
  ) -> Claim {
    Claim(
      id: id, name: name, kind: .ordering, subject: subject, statement: statement, verdict: Verdict.ordering(pairs),
      pairs: pairs,
      evidence: pairs.isEmpty
        ? "A single k compares nothing." : "Consecutive pairs of k: \(Claim.counts(pairs, kind: .ordering))\(note)")
  }
}
