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
    guard !bounds.lower.utf8.contains(ascii("e")), prefix.utf8.contains(ascii(".")), bounds.lower != bounds.upper
    else {
      return bounds.lower == bounds.upper ? bounds.lower : "[\(bounds.lower), \(bounds.upper)]"
    }
    let shared = prefix.utf8.count
    return "\(prefix)[\(suffix(bounds.lower, after: shared)),\(suffix(bounds.upper, after: shared))]"
  }

  // The decimal strings are ASCII, so the helpers below work on UTF-8 bytes: the
  // `Character` versions cost a third of a 10,000-row `verify` run.

  private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

  private static func suffix(_ text: String, after count: Int) -> String {
    String(decoding: text.utf8.dropFirst(count), as: UTF8.self)
  }

  /// Restores the trailing zeros the shorter positional string lost, so digits line up.
  private static func padded(_ bounds: (lower: String, upper: String)) -> (lower: String, upper: String) {
    let (lower, upper) = (bounds.lower.utf8, bounds.upper.utf8)
    guard lower.contains(ascii(".")), upper.contains(ascii(".")), !lower.contains(ascii("e")),
      !upper.contains(ascii("e"))
    else { return bounds }
    let length = max(lower.count, upper.count)
    func pad(_ text: String) -> String { text + String(repeating: "0", count: length - text.utf8.count) }
    return (pad(bounds.lower), pad(bounds.upper))
  }

  private static func commonPrefix(_ a: String, _ b: String) -> String {
    let count = zip(a.utf8, b.utf8).prefix { $0 == $1 }.count
    return String(decoding: a.utf8.prefix(count), as: UTF8.self)
  }

  /// Digits from the first non-zero digit on.
  private static func significantDigitCount(_ text: String) -> Int {
    text.utf8.drop { !(ascii("1")...ascii("9")).contains($0) }.filter { (ascii("0")...ascii("9")).contains($0) }.count
  }

  /// A short value for tables of bounds: the upper end with 4 significant digits,
  /// rounded up (bounds can exceed the range of `Double`: `1.234e+458`).
  public static func short(_ interval: Interval?) -> String {
    guard let interval else { return "—" }
    guard interval.isBounded else { return "∞" }
    return interval.decimalUpperBound(significantDigits: 4)
  }

  /// The width as `1.2e-38`.
  public static func width(_ interval: Interval) -> String {
    String(format: "%.1e", interval.width)
  }
}
