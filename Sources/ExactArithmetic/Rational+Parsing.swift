/// Exact parsing and printing of rationals.
extension Rational: LosslessStringConvertible {
  /// Parses a fraction `"-3/7"`, an integer `"12"`, or a decimal with optional exponent
  /// `"0.25"`, `"1e-3"`, `"-2.5E+4"`, exactly. Returns `nil` for anything else
  /// (including a zero denominator, blanks and empty parts).
  public init?(_ text: String) {
    if let slash = text.firstIndex(of: "/") {
      guard let numerator = BigInt(text[..<slash]),
        let denominator = BigInt(text[text.index(after: slash)...]),
        denominator.signum != 0
      else { return nil }
      self.init(numerator, denominator)
    } else if let value = Rational.parseDecimal(Substring(text)) {
      self = value
    } else {
      return nil
    }
  }

  /// `[sign] digits [. digits] [(e|E) [sign] digits]`, with at least one mantissa digit.
  private static func parseDecimal(_ text: Substring) -> Rational? {
    var rest = text
    var exponent = 0
    if let marker = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      guard let parsed = Int(rest[rest.index(after: marker)...]), abs(parsed) <= 100_000 else { return nil }
      exponent = parsed
      rest = rest[..<marker]
    }
    var negative = false
    if let sign = rest.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      rest = rest.dropFirst()
    }
    let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
    guard !(whole.isEmpty && fraction.isEmpty), isDigits(whole), isDigits(fraction) else { return nil }
    guard let mantissa = BigInt(whole + fraction) else { return nil }
    exponent -= fraction.count
    let scale = BigInt(10).power(abs(exponent))
    var value = exponent >= 0 ? Rational(mantissa * scale) : Rational(mantissa, scale)
    if negative { value = -value }
    return value
  }

  /// `"n/d"`, or `"n"` when the value is an integer: the exact value, and what
  /// ``init(_:)`` reads back.
  public var description: String {
    isInteger ? numerator.description : "\(numerator)/\(denominator)"
  }
}
