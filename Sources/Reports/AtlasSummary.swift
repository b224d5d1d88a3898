import ExactArithmetic
import LatentClassTheory

/// The terminal summary of an atlas or shard: verdict counts, counterexamples first, the
/// pair closest to an increase, and how to reproduce any certified increase.
public enum AtlasSummary {
  /// At most this many findings of each kind are listed; the file has them all.
  static let listed = 5

  public static func text(_ atlas: AtlasDocument, file: String, resumed: Int? = nil) -> String {
    let h = atlas.header
    var lines = [
      "Atlas \(h.family): \(h.pointCount) points, k = \(kList(h.negatives)), s = \(h.scale), \(h.precision)-bit intervals; "
        + "verdicts about \(aboutPhrase(h.about)) of each k."
    ]
    if let shard = atlas.shard {
      var line = "Shard \(shard): \(atlas.points.count) of \(atlas.expectedCount) points"
      if let resumed { line += " (\(atlas.points.count - resumed) computed now, \(resumed) read back from the file)" }
      lines.append(line + ".")
    } else if let resumed, resumed > 0 {
      lines.append("\(atlas.points.count - resumed) points computed now, \(resumed) read back from the file.")
    }
    lines.append(
      "  "
        + Verdict.orderingOrder.map { verdict in
          "\(verdict.phrase(for: .ordering)) \(atlas.points.filter { $0.verdict == verdict }.count)"
        }.joined(separator: "   "))
    for point in atlas.points.filter(\.isCounterexample).prefix(listed) {
      lines.append("\(counterexampleLabel(about: h.about)): \(finding(point))")
      lines.append("  reproduce: \(reproduction(point, header: h))")
    }
    for point in atlas.points.filter({ $0.verdict == .refuted && !$0.isCounterexample }).prefix(listed) {
      lines.append("Increase (overlapping classes): \(finding(point))")
    }
    let undecided = atlas.points.filter { $0.verdict == .undecided }
    if !undecided.isEmpty {
      lines.append(
        "Undecided: " + undecided.prefix(listed).map(\.id).joined(separator: ", ")
          + (undecided.count > listed ? ", …" : ""))
    }
    if let worst = closestToIncrease(atlas.points.filter { $0.verdict == .verified }) {
      lines.append(
        "Closest to an increase among non-increasing points: \(worst.point.id), k \(worst.pair.from)→\(worst.pair.to), "
          + "change in [\(worst.pair.change!.lower), \(worst.pair.change!.upper)].")
    }
    lines.append("Wrote \(file).")
    return lines.joined(separator: "\n") + "\n"
  }

  /// What the verdicts concern, in words.
  public static func aboutPhrase(_ about: String) -> String {
    about == AtlasPoint.about ? "the exact optimum (located as in docs/theory.md §8)" : "the certified near-optimal Ĝ_k"
  }

  /// How a certified increase for a non-overlapping model is announced: a counterexample to C1
  /// only when the verdicts are about the exact optimum (docs/theory.md §8); about a near-optimum
  /// `Ĝ_k` it is a candidate, since the exact optimum may lie on the other side.
  public static func counterexampleLabel(about: String) -> String {
    about == AtlasPoint.about
      ? "C1 COUNTEREXAMPLE"
      : "C1 CANDIDATE COUNTEREXAMPLE (increase certified between the near-optimal Ĝ_k, not yet for the exact optimum)"
  }

  /// The point and pair whose change has the largest upper bound.
  public static func closestToIncrease(_ points: [AtlasPointResult]) -> (
    point: AtlasPointResult, pair: AtlasPointResult.Pair
  )? {
    points.compactMap { point in point.worstPair.map { (point, $0) } }
      .max { Rational($0.1.change!.upper)! < Rational($1.1.change!.upper)! }
  }

  /// `id, k a→b: the downstream loss rises by at least x`, for the largest certified increase.
  static func finding(_ point: AtlasPointResult) -> String {
    let pair = point.largestIncreasePair!
    return
      "\(point.id) (ρ = \(point.model.rho.map(\.description).joined(separator: ", "))), k \(pair.from)→\(pair.to): "
      + "the downstream loss rises by at least \(pair.change!.lower)"
  }

  /// A `verify` command that recomputes the point with the atlas's settings (the same list
  /// of `k`, because each `k` is warm-started from the previous one).
  public static func reproduction(_ point: AtlasPointResult, header h: AtlasHeader) -> String {
    let settings =
      "--scale \(h.scale) --k \(kList(h.negatives)) --precision \(h.precision) --gap \(h.gapTolerance) "
      + "--refine \(h.refinement.rawValue)"
    guard point.model.isClassLevel else {
      return
        "save the point's \"model\" from the atlas file as model.json, then: swift run -c release verify --model model.json \(settings)"
    }
    return "swift run -c release verify --rho \(point.model.rho.map(\.description).joined(separator: ",")) \(settings)"
  }

  /// `1...16` for a run of consecutive values, else a comma list.
  public static func kList(_ ks: [Int]) -> String {
    if let first = ks.first, let last = ks.last, ks.count > 2, ks == Array(first...last) { return "\(first)...\(last)" }
    return ks.map(String.init).joined(separator: ",")
  }
}
