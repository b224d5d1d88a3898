/// A JSON document with object keys kept in insertion order, so that generated
/// files are stable and diffable.
public indirect enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.rendered() == rhs.rendered()
  }

  /// The value of `key` in an object, `nil` otherwise.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// Pretty-printed text with two-space indentation and a trailing newline at top level.
  public func rendered() -> String {
    var output = ""
    write(to: &output, indent: "")
    return output + "\n"
  }

  private func write(to output: inout String, indent: String) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .integer(let value): output += String(value)
    case .string(let value): output += JSONValue.quoted(value)
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      // Arrays of scalars stay on one line; arrays of objects get one line per item.
      if items.allSatisfy(\.isScalar) {
        output += "[" + items.map { $0.rendered().dropLast() }.joined(separator: ", ") + "]"
        return
      }
      let inner = indent + "  "
      output += "[\n"
      for (index, item) in items.enumerated() {
        output += inner
        item.write(to: &output, indent: inner)
        output += index + 1 < items.count ? ",\n" : "\n"
      }
      output += indent + "]"
    case .object(let members):
      guard !members.isEmpty else {
        output += "{}"
        return
      }
      let inner = indent + "  "
      output += "{\n"
      for (index, member) in members.enumerated() {
        output += inner + JSONValue.quoted(member.key) + ": "
        member.value.write(to: &output, indent: inner)
        output += index + 1 < members.count ? ",\n" : "\n"
      }
      output += indent + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  private static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        result +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
