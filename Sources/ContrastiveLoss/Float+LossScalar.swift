import Foundation

extension Float: LossScalar {
  public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
  public static func log1p(_ x: Float) -> Float { Foundation.log1p(x) }
}
