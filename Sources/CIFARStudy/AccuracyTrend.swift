extension CIFARComparison {
  /// How a change of mean accuracy between two values of k compares with the seed-to-seed noise.
  public enum Change: Sendable, Equatable {
    /// The mean did not fall.
    case noFall
    /// It fell by at most twice the standard error of the difference of the two means.
    case fallWithinNoise
    /// It fell by more than twice that standard error.
    case fallBeyondNoise
    /// It fell, and one seed per k gives no standard error to judge it by.
    case fallNoiseUnknown
  }

  /// The change of mean-classifier test accuracy between two values of k, over their seeds.
  public struct AccuracyStep: Sendable {
    public let from: Group
    public let to: Group
    /// Accuracy of the later k minus the earlier one's, means over seeds.
    public let change: Double
    /// `√(sd₁²/n₁ + sd₂²/n₂)` with sample standard deviations; 0 with one seed per k.
    public let standardError: Double
    public let verdict: Change

    init(from: Group, to: Group) {
      self.from = from
      self.to = to
      let (a, b) = (from.accuracy, to.accuracy)
      change = b.mean - a.mean
      standardError =
        (a.standardDeviation * a.standardDeviation / Double(a.count)
        + b.standardDeviation * b.standardDeviation / Double(b.count)).squareRoot()
      if change >= 0 {
        verdict = .noFall
      } else if a.count < 2 || b.count < 2 {
        verdict = .fallNoiseUnknown
      } else {
        verdict = -change <= 2 * standardError ? .fallWithinNoise : .fallBeyondNoise
      }
    }
  }

  /// The groups sorted by k.
  public var groupsByK: [Group] { groups.sorted { $0.negatives < $1.negatives } }

  /// From the smallest to the largest k; `nil` with fewer than two values of k.
  public var overallAccuracyChange: AccuracyStep? {
    let sorted = groupsByK
    guard sorted.count > 1 else { return nil }
    return AccuracyStep(from: sorted.first!, to: sorted.last!)
  }

  /// The largest fall between neighbouring values of k (with more than two of them), if
  /// any fall is at least 0.05 points (smaller ones print as 0.0).
  public var largestAccuracyFall: AccuracyStep? {
    let sorted = groupsByK
    guard sorted.count > 2 else { return nil }
    let steps = zip(sorted, sorted.dropFirst()).map { AccuracyStep(from: $0, to: $1) }
    return steps.min { $0.change < $1.change }.flatMap { $0.change < -0.0005 ? $0 : nil }
  }

  /// The k whose accuracy varies most over seeds, with that standard deviation (several seeds only).
  public var noisiestAccuracy: (negatives: Int, standardDeviation: Double)? {
    guard hasSeveralSeeds, let group = groups.max(by: { $0.accuracy.standardDeviation < $1.accuracy.standardDeviation })
    else { return nil }
    return (group.negatives, group.accuracy.standardDeviation)
  }

  /// Per k, the mean trained NCE loss over seeds minus the floor `L*_k` (where there is one).
  public var floorGaps: [(negatives: Int, gap: Double)] {
    groupsByK.compactMap { group in
      guard let floor = group.rows[0].optimumLoss?.approximateDouble,
        let loss = group.spread({ $0.run.evaluation.nceTestLoss.mean })
      else { return nil }
      return (group.negatives, loss.mean - floor)
    }
  }
}

extension CIFARComparison.Group {
  /// Mean-classifier test accuracy over this k's seeds.
  public var accuracy: CIFARComparison.Spread { spread { $0.run.evaluation.meanClassifierAccuracy }! }
}
