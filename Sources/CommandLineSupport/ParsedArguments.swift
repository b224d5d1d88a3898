/// A command line checked against a flag table: every flag known, none given twice,
/// every value present; `--name value` and `--name=value` both work.
///
/// `--help`/`-h` and `--version` anywhere win over every other mistake, as in
/// swift-argument-parser, so a user who asks for help always gets it.
public struct ParsedArguments {
  /// Whether `--help` or `-h` was given.
  public let helpRequested: Bool
  /// Whether `--version` was given.
  public let versionRequested: Bool
  /// Arguments that are not flags or their values, in order.
  public let positionals: [String]
  private let values: [String: String]
  private let toggles: Set<String>

  /// Parses `arguments` (without the program name) against `flags`.
  ///
  /// - Parameter positionals: how many non-flag arguments are allowed (a subcommand's file).
  /// - Throws: ``CommandError`` (exit 64) naming the unknown, repeated or value-less flag.
  /// - Complexity: O(arguments + flags).
  public init(_ arguments: [String], flags: [Flag], positionals allowed: Int = 0) throws {
    helpRequested = arguments.contains("--help") || arguments.contains("-h")
    versionRequested = arguments.contains("--version")
    var table: [String: Flag] = [:]
    for flag in flags { table[flag.name] = flag }
    var values: [String: String] = [:]
    var toggles: Set<String> = []
    var positionals: [String] = []
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      if helpRequested || versionRequested { break }
      guard argument.hasPrefix("-"), argument.count > 1 else {
        guard positionals.count < allowed else {
          throw CommandError.usage("unexpected argument \(EchoedValue.quoted(argument)) (see --help)")
        }
        positionals.append(argument)
        continue
      }
      var name = argument
      var inline: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      guard let flag = table[name] else {
        throw CommandError.usage("unknown option \(EchoedValue.quoted(name)) (see --help)")
      }
      guard values[name] == nil, !toggles.contains(name) else { throw CommandError.usage("\(name): given twice") }
      guard flag.valueName != nil else {
        guard inline == nil else { throw CommandError.usage("\(name): takes no value") }
        toggles.insert(name)
        continue
      }
      if let inline {
        values[name] = inline
      } else {
        // A following flag is not a value; negative numbers (`-1`) are, and fail their own check.
        guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
          throw CommandError.usage("\(name): missing value <\(flag.valueName!)>")
        }
        values[name] = next
      }
    }
    self.values = values
    self.toggles = toggles
    self.positionals = positionals
  }

  /// Whether `name` was given (with or without a value).
  public func contains(_ name: String) -> Bool { values[name] != nil || toggles.contains(name) }

  /// The raw text given for `name`.
  public func text(_ name: String) -> String? { values[name] }

  /// The value of `name` parsed by `parser`, or `nil` when the flag is absent.
  ///
  /// - Throws: ``CommandError`` naming the flag when the text is not a valid value.
  public func value<Value>(_ name: String, _ parser: ValueParser<Value>) throws -> Value? {
    try values[name].map { try parser.value(of: $0, for: name) }
  }

  /// The value of `name` parsed by `parser`, or `defaultValue` when the flag is absent.
  public func value<Value>(_ name: String, _ parser: ValueParser<Value>, default defaultValue: Value) throws -> Value {
    try value(name, parser) ?? defaultValue
  }

  /// The value of a flag the command cannot run without.
  ///
  /// - Throws: ``CommandError`` `--name: missing (e.g. --name example)` when absent.
  public func required<Value>(_ name: String, _ parser: ValueParser<Value>, example: String) throws -> Value {
    guard let value = try value(name, parser) else { throw CommandError.usage("\(name): missing (e.g. \(example))") }
    return value
  }
}
