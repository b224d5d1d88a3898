/// Turns a flag's text into a typed value, with the words `--help`-style errors use
/// for what was expected.
public struct ValueParser<Value>: Sendable {
  /// What a valid value looks like, e.g. `a whole number ≥ 2`.
  public let expected: String
  /// The value, or `nil` when `text` is not one.
  public let parse: @Sendable (String) -> Value?

  public init(expected: String, parse: @escaping @Sendable (String) -> Value?) {
    self.expected = expected
    self.parse = parse
  }

  /// Parses `text` given for `flag`.
  ///
  /// - Throws: ``CommandError/usage(_:)`` `--flag: expected …, got '…'` (the value cut to 40 characters).
  public func value(of text: String, for flag: String) throws -> Value {
    guard let value = parse(text) else {
      throw CommandError.usage("\(flag): expected \(expected), got \(EchoedValue.quoted(text))")
    }
    return value
  }
}

extension ValueParser where Value == Int {
  /// A whole number in `range` (decimal, no sign on positive values).
  public static func integer(in range: ClosedRange<Int>, expected: String) -> ValueParser {
    ValueParser(expected: expected) { text in
      guard text.first != "+", let value = Int(text), range.contains(value) else { return nil }
      return value
    }
  }
}

extension ValueParser where Value == UInt64 {
  /// Any unsigned 64-bit whole number.
  public static let unsigned = ValueParser(expected: "a whole number from 0 to \(UInt64.max)") { UInt64($0) }
}

extension ValueParser where Value == Double {
  /// A finite number satisfying `condition`.
  public static func number(expected: String, where condition: @escaping @Sendable (Double) -> Bool) -> ValueParser {
    ValueParser(expected: expected) { text in
      guard let value = Double(text), value.isFinite, condition(value) else { return nil }
      return value
    }
  }
}

extension ValueParser where Value == String {
  /// One of `choices`, spelled exactly.
  public static func oneOf(_ choices: [String]) -> ValueParser {
    let listed = choices.dropLast().joined(separator: ", ") + (choices.count > 1 ? " or " : "") + choices.last!
    return ValueParser(expected: listed) { choices.contains($0) ? $0 : nil }
  }

  /// Any non-empty text, such as a path.
  public static func nonEmpty(_ expected: String) -> ValueParser {
    ValueParser(expected: expected) { $0.isEmpty ? nil : $0 }
  }
}
