import CommandLineSupport

/// Flag parsing shared by `verify atlas`, `verify merge` and `verify atlas-report`:
/// `--flag value` pairs from a fixed set, plus positional operands where the command takes them.
struct AtlasArguments {
  var values: [String: String] = [:]
  var operands: [String] = []

  /// - Throws: ``UsageError`` for an unknown flag, a flag given twice, a missing value, or an
  ///   operand where the command takes none.
  init(_ arguments: ArraySlice<String>, command: String, flags: Set<String>, takesOperands: Bool) throws {
    var remaining = arguments
    while let argument = remaining.popFirst() {
      guard argument.hasPrefix("-") else {
        guard takesOperands else { throw CommandError.usage("unexpected argument '\(argument)' (see --help)") }
        operands.append(argument)
        continue
      }
      guard flags.contains(argument) else {
        throw CommandError.usage(
          "unknown option '\(argument)' (expected \(flags.sorted().joined(separator: ", ")))")
      }
      guard values[argument] == nil else { throw CommandError.usage("\(argument) is given twice") }
      guard let value = remaining.popFirst(), !value.hasPrefix("--") else {
        throw CommandError.usage("\(argument): missing value")
      }
      values[argument] = value
    }
  }

  /// The value of a required flag.
  func required(_ flag: String, command: String, example: String) throws -> String {
    guard let value = values[flag] else { throw CommandError.usage("\(flag): missing (e.g. \(flag) \(example))") }
    return value
  }
}
