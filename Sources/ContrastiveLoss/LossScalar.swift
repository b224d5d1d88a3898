/// The arithmetic the contrastive losses are written in.
///
/// `Float` and `Double` conform for training and fast solvers; ``Interval``
/// conforms for certified evaluation. Because every loss in this module is
/// generic over `LossScalar`, the trainer and the verifier evaluate literally
/// the same formula.
public protocol LossScalar {
  /// The exact value of a small integer (a multiplicity or a constant).
  init(_ value: Int)

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static prefix func - (operand: Self) -> Self

  /// `e^x`.
  static func exp(_ x: Self) -> Self
  /// `log(1 + x)`, accurate near 0.
  static func log1p(_ x: Self) -> Self
}
