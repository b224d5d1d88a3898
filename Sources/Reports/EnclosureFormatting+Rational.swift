import ExactArithmetic
import Foundation

extension EnclosureFormatting {
  /// A rational as a person writes it: `1e-8` or `0.25` when that short decimal is
  /// exact, else the fraction with a 6-digit approximation, `1/3 (≈ 0.333333)`.
  public static func short(_ value: Rational) -> String {
    let decimal = String(format: "%.6g", value.approximateDouble)
      .replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
      .replacingOccurrences(of: "e+", with: "e")
    return Rational(decimal) == value ? decimal : "\(value) (≈ \(decimal))"
  }
}
