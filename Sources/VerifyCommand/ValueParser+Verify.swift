import CommandLineSupport
import ExactArithmetic
import LatentClassTheory

extension ValueParser where Value == Rational {
  /// An exact positive number: `1`, `0.5`, `5/2`, `1e1`. Texts longer than 200
  /// characters are refused before parsing, so a pasted megabyte cannot stall GMP.
  static let positiveRational = ValueParser(expected: "a positive number such as 1, 0.5, 5/2 or 1e1") { text in
    guard text.count <= 200, let value = Rational(text), value.signum > 0 else { return nil }
    return value
  }
}

extension ValueParser where Value == Int {
  /// `--precision`: bits in ``Defaults/precisionRange``.
  static let precisionBits = integer(
    in: Defaults.precisionRange,
    expected: "bits between \(Defaults.precisionRange.lowerBound) and \(Defaults.precisionRange.upperBound)")
}

extension ValueParser where Value == [Int] {
  /// The shared `--k` syntax (``NegativesRange``); its own errors name the flag.
  static func negatives(flag: String) -> ValueParser {
    ValueParser(expected: "a count, a range a...b or a..<b, a stride a...b:step, or a comma list") {
      try? NegativesRange.parse($0, flag: flag)
    }
  }
}
