import Foundation

extension Double: LossScalar {
  public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
}
