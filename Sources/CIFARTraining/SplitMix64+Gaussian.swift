import Foundation
import SeededRandom

extension SplitMix64 {
  /// A standard normal draw (Box–Muller, one of the pair).
  public mutating func gaussian() -> Float {
    let u = (Double(next() >> 11) + 0.5) / Double(1 << 53)
    let v = Double(next() >> 11) / Double(1 << 53)
    return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v))
  }
}
