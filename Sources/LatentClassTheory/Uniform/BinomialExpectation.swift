import ExactArithmetic

/// Certified expectations `E[h(J)]` for `J ~ Binomial(k, p)`.
///
/// The sum `Σ_j C(k,j) p^j q^(k−j) h(j)` is evaluated outward from the mode and
/// stopped once the neglected mass is negligible. The neglected mass is bounded
/// rigorously by a geometric series (the weight ratios `w_{j+1}/w_j` decrease in
/// `j`), and the neglected contribution, at most that mass times the range of `h`,
/// is added to the enclosure. The number of evaluated terms grows like `√k`.
public struct BinomialDistribution: Sendable {
  /// The number of draws `k`.
  public let trials: Int
  /// The success probability `p`, in `(0, 1)`.
  public let success: Rational

  public init(trials: Int, success: Rational) {
    precondition(trials >= 0, "negative number of trials")
    precondition(success.signum > 0 && success < 1, "success probability must lie in (0, 1)")
    self.trials = trials
    self.success = success
  }

  /// The most likely count, `⌊(k + 1) p⌋`.
  public var mode: Int {
    let value = Rational(trials + 1) * success
    return (value.numerator / value.denominator).exactInt!
  }

  /// An enclosure of `E[h(J)]`.
  ///
  /// - Parameters:
  ///   - precision: bits per endpoint of the result; terms are summed with 20 guard bits.
  ///   - range: an enclosure of every value `h(j)`, `0 ≤ j ≤ k`, used to bound the
  ///     neglected tails.
  ///   - term: an enclosure of `h(j)`.
  /// - Returns: an interval containing the exact expectation. Error bound: the
  ///   rounding of the evaluated terms (a few ulps each at `precision + 20` bits)
  ///   plus the neglected tail mass times `range`, which is kept below
  ///   `2^−(precision+4)` times the sum's magnitude.
  /// - Complexity: O(√(k p q) · precision) evaluations of `term`.
  public func expectation(precision: Int, range: Interval, term: (Int) -> Interval) -> Interval {
    expectations(precision: precision, ranges: [range]) { [term($0)] }[0]
  }

  /// Enclosures of `E[h_c(J)]` for several functions in one walk over `j`, sharing the
  /// binomial weights (and whatever `terms` computes once for all `c`, e.g. `1 + j + (k−j)a`).
  ///
  /// Error bound: as ``expectation(precision:range:term:)`` for each component; the walk
  /// stops when the neglected mass is negligible for every component.
  /// - Complexity: O(√(k p q) · precision) evaluations of `terms`.
  public func expectations(precision: Int, ranges: [Interval], terms: (Int) -> [Interval]) -> [Interval] {
    let working = precision + 20
    let k = trials
    let p = success
    let q = 1 - success
    let start = mode
    // C(k, m) p^m q^(k−m) from an exact binomial and correctly rounded powers: no
    // rational canonicalization of numbers with k·log₂N bits.
    let startWeight =
      Interval(BigInt.binomial(k, start), precision: working)
      * Interval(p, precision: working).power(start) * Interval(q, precision: working).power(k - start)
    let stops = ranges.map { range in
      StoppingRule(
        largestTerm: max(
          abs(range.lowerBound?.approximateDouble ?? .infinity), abs(range.upperBound?.approximateDouble ?? .infinity)),
        relativeTolerance: Double(sign: .plus, exponent: -(precision + 4), significand: 1))
    }
    func tailBound(weight: Interval, ratio: Interval, sums: [Interval]) -> Interval? {
      guard Interval.compare(ratio, Interval(1)) == .less else { return nil }
      let bound = weight * ratio / (Interval(1) - ratio)
      return zip(stops, sums).allSatisfy { $0.isNegligible(bound, against: $1) } ? bound : nil
    }

    let odds = Interval(p / q, precision: working)  // p/q and q/p, one rounding each
    let inverseOdds = Interval(q / p, precision: working)
    var sums = [Interval](repeating: Interval(0, precision: working), count: ranges.count)
    func add(_ weight: Interval, _ j: Int) {
      for (c, value) in terms(j).enumerated() { sums[c].addProduct(weight, value) }
    }
    add(startWeight, start)
    let zero = Interval(0)
    // Walk up: w_{j+1} = w_j (k − j) p / ((j + 1) q).
    var upperTail = zero
    var weight = startWeight.rounded(toPrecision: working)
    var j = start
    while j < k {
      // The geometric-tail test needs the ratio itself only where it may stop.
      if (j - start) % 8 == 7 || j + 1 == k {
        let ratio = Interval(k - j, precision: working) * odds / Interval(j + 1, precision: working)
        if let tail = tailBound(weight: weight, ratio: ratio, sums: sums) {
          upperTail = tail
          break
        }
      }
      weight.multiply(byNonNegative: k - j)
      weight.multiply(by: odds)
      weight.divide(byPositive: j + 1)
      j += 1
      add(weight, j)
    }
    // Walk down: w_{j−1} = w_j j q / ((k − j + 1) p).
    var lowerTail = zero
    weight = startWeight.rounded(toPrecision: working)
    j = start
    while j > 0 {
      if (start - j) % 8 == 7 || j == 1 {
        let ratio = Interval(j, precision: working) / (odds * Interval(k - j + 1, precision: working))
        if let tail = tailBound(weight: weight, ratio: ratio, sums: sums) {
          lowerTail = tail
          break
        }
      }
      weight.multiply(byNonNegative: j)
      weight.divide(byPositive: k - j + 1)
      weight.multiply(by: inverseOdds)
      j -= 1
      add(weight, j)
    }
    let tails = Interval(lower: 0, upper: 1, precision: working) * (upperTail + lowerTail)
    return zip(sums, ranges).map { ($0 + tails * $1).rounded(toPrecision: precision) }
  }

}

/// Decides where the binomial sum may stop. The decision uses `Double`
/// approximations because it only affects tightness: whatever is neglected is
/// bounded rigorously and added to the enclosure.
private struct StoppingRule {
  let largestTerm: Double
  let relativeTolerance: Double

  /// Whether the rigorous bound `w r / (1 − r)` on the mass beyond the current term (valid
  /// once the ratio `r` of successive weights is certainly below 1, so the remaining
  /// weights are dominated by a geometric series), times the largest term, is negligible
  /// against the sum.
  func isNegligible(_ bound: Interval, against sum: Interval) -> Bool {
    bound.approximateDouble * largestTerm <= relativeTolerance * abs(sum.approximateDouble)
  }
}
