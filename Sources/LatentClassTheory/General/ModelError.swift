import ExactArithmetic

/// Why a model description was rejected, as one line for the command line.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }

  /// Checks that `values` is a probability vector: non-empty, entries `> 0` (or `≥ 0`
  /// when `allowZero`), summing to exactly 1.
  static func validateDistribution(_ values: [Rational], name: String, allowZero: Bool) throws {
    guard !values.isEmpty else { throw ModelError("\(name) is empty") }
    for (i, value) in values.enumerated() {
      if value.signum < 0 { throw ModelError("\(name)[\(i)] = \(value) is negative") }
      if value.signum == 0 && !allowZero { throw ModelError("\(name)[\(i)] is zero; every entry must be positive") }
    }
    let total = values.reduce(Rational.zero, +)
    guard total == 1 else { throw ModelError("\(name) sums to \(total), not exactly 1") }
  }
}
