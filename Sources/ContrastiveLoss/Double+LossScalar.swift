import Foundation

extension Double: LossScalar {
  @inlinable
  public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  @inlinable
  public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
}
