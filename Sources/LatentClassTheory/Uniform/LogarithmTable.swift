import ExactArithmetic

/// Enclosures of `log(1 + j)` for `j = 0..<count`, computed once and shared by
/// every `k` of a run (the collision term needs them for each `k`), with values
/// beyond the table computed on demand.
public final class LogarithmTable: Sendable {
  private let values: [Interval]
  private let precision: Int

  /// - Complexity: `count` MPFR logarithms at `precision` bits.
  public init(count: Int, precision: Int) {
    self.precision = precision
    values = (0..<count).map { Interval.log1p(Interval($0, precision: precision)) }
  }

  /// An enclosure of `log(1 + j)`: each endpoint within one ulp at the table's precision.
  public subscript(j: Int) -> Interval {
    j < values.count ? values[j] : Interval.log1p(Interval(j, precision: precision))
  }
}
