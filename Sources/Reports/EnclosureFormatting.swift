import ExactArithmetic
import Foundation

/// How enclosures are written for people and for scripts.
public enum EnclosureFormatting {
  /// Decimal digits that carry information at `precision` bits (plus one).
  public static func significantDigits(forPrecision precision: Int) -> Int {
    Int((Double(precision) * 0.301_029_995_663_981_2).rounded(.up)) + 1
  }

  /// `{"lo": "...", "hi": "..."}` with the lower end rounded down and the upper end up.
  public static func json(_ interval: Interval, precision: Int) -> JSONValue {
    let bounds = interval.decimalBounds(significantDigits: significantDigits(forPrecision: precision))
    return .object([("lo", .string(bounds.lower)), ("hi", .string(bounds.upper))])
  }

  /// The shared leading digits followed by the two differing tails, e.g.
  /// `0.32542950184363906498733741[29,31]`, with `tailDigits` digits per tail.
  /// Both ends are re-rounded outward at the shorter length, so the printed
  /// enclosure still contains the interval.
  public static func compact(_ interval: Interval, precision: Int, tailDigits: Int = 2) -> String {
    guard interval.isBounded else { return "unbounded" }
    let full = padded(interval.decimalBounds(significantDigits: significantDigits(forPrecision: precision)))
    guard full.lower != full.upper else { return full.lower }
    let sharedDigits = significantDigitCount(commonPrefix(full.lower, full.upper))
    let bounds = padded(interval.decimalBounds(significantDigits: max(1, sharedDigits + tailDigits)))
    let prefix = commonPrefix(bounds.lower, bounds.upper)
    // Scientific notation or differing integer parts: no useful shared prefix.
    guard !bounds.lower.contains("e"), prefix.contains("."), bounds.lower != bounds.upper else {
      return bounds.lower == bounds.upper ? bounds.lower : "[\(bounds.lower), \(bounds.upper)]"
    }
    return "\(prefix)[\(bounds.lower.dropFirst(prefix.count)),\(bounds.upper.dropFirst(prefix.count))]"
  }

  /// Restores the trailing zeros the shorter positional string lost, so digits line up.
  private static func padded(_ bounds: (lower: String, upper: String)) -> (lower: String, upper: String) {
    guard bounds.lower.contains("."), bounds.upper.contains("."), !bounds.lower.contains("e"),
      !bounds.upper.contains("e")
    else { return bounds }
    let length = max(bounds.lower.count, bounds.upper.count)
    func pad(_ text: String) -> String { text + String(repeating: "0", count: length - text.count) }
    return (pad(bounds.lower), pad(bounds.upper))
  }

  private static func commonPrefix(_ a: String, _ b: String) -> String {
    String(zip(a, b).prefix { $0 == $1 }.map(\.0))
  }

  /// Digits from the first non-zero digit on.
  private static func significantDigitCount(_ text: String) -> Int {
    text.drop { !("1"..."9").contains($0) }.filter(\.isNumber).count
  }

  /// A short value for tables of bounds: the upper end with 4 significant digits,
  /// rounded up (bounds can exceed the range of `Double`: `1.234e+458`).
  public static func short(_ interval: Interval?) -> String {
    guard let interval else { return "—" }
    guard interval.isBounded else { return "∞" }
    return interval.decimalBounds(significantDigits: 4).upper
  }

  /// The width as `1.2e-38`.
  public static func width(_ interval: Interval) -> String {
    String(format: "%.1e", interval.width)
  }
}
