import ExactArithmetic

/// What an atlas records for one point (docs/theory.md §9): per `k` the certificate status and the
/// enclosure of the downstream loss, per consecutive pair of `k` the C1 verdict (`verified` non-increasing, `refuted` an increase) and the
/// enclosure of the change. Numbers are decimal strings rounded outward (lower ends down,
/// upper ends up), so a result read back from a file is the same value and renders to the
/// same bytes.
public struct AtlasPointResult: Sendable, Equatable {
  /// One `k`.
  public struct Row: Sendable, Equatable {
    public let negatives: Int
    /// `verified` when the optimum is certified within the gap tolerance, else `undecided`.
    public let status: String
    /// An upper bound on the certified gap, or `nil` when no certificate was found.
    public let gap: String?
    /// The ρ-weighted downstream loss `L_sup^μ`: lower and upper decimal bounds; `nil` when
    /// the study gives no enclosure for this `k`.
    public let downstream: (lower: String, upper: String)?

    public init(negatives: Int, status: String, gap: String?, downstream: (lower: String, upper: String)?) {
      self.negatives = negatives
      self.status = status
      self.gap = gap
      self.downstream = downstream
    }

    public static func == (a: Row, b: Row) -> Bool {
      a.negatives == b.negatives && a.status == b.status && a.gap == b.gap
        && a.downstream?.lower == b.downstream?.lower && a.downstream?.upper == b.downstream?.upper
    }
  }

  /// One consecutive pair `(k, k′)`.
  public struct Pair: Sendable, Equatable {
    public let from: Int
    public let to: Int
    public let verdict: Verdict
    /// Bounds of `L_sup^μ(k′) − L_sup^μ(k)`, enclosed from the two rows; `nil` when a row has none.
    public let change: (lower: String, upper: String)?

    public init(from: Int, to: Int, verdict: Verdict, change: (lower: String, upper: String)?) {
      self.from = from
      self.to = to
      self.verdict = verdict
      self.change = change
    }

    public static func == (a: Pair, b: Pair) -> Bool {
      a.from == b.from && a.to == b.to && a.verdict == b.verdict && a.change?.lower == b.change?.lower
        && a.change?.upper == b.change?.upper
    }
  }

  /// The 0-based position in the family.
  public let index: Int
  public let id: String
  public let model: LatentClassModel
  public let rows: [Row]
  public let pairs: [Pair]

  public init(index: Int, id: String, model: LatentClassModel, rows: [Row], pairs: [Pair]) {
    self.index = index
    self.id = id
    self.model = model
    self.rows = rows
    self.pairs = pairs
  }

  /// The point's overall C1 verdict (``Verdict/ordering(_:)``).
  public var verdict: Verdict { Verdict.ordering(pairs.map(\.verdict)) }

  /// The largest certified increase: the greatest lower bound of the change over the pairs
  /// certified as increases; `nil` when no pair is.
  public var largestIncrease: String? {
    largestIncreasePair?.change?.lower
  }

  /// The pair certified as an increase with the largest lower bound on the change.
  public var largestIncreasePair: Pair? {
    pairs.filter { $0.verdict == .refuted && $0.change != nil }.max {
      Rational($0.change!.lower)! < Rational($1.change!.lower)!
    }
  }

  /// The pair whose change has the largest upper bound: the closest to an increase.
  public var worstPair: Pair? {
    pairs.filter { $0.change != nil }.max { Rational($0.change!.upper)! < Rational($1.change!.upper)! }
  }

  /// A certified increase for a non-overlapping model: a counterexample to C1.
  public var isCounterexample: Bool { verdict == .refuted && !model.isOverlapping }
}
