import Foundation

extension Float: LossScalar {
  @inlinable
  public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
  @inlinable
  public static func log1p(_ x: Float) -> Float { Foundation.log1p(x) }
}
