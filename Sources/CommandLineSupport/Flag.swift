/// One entry of a command's flag table: its name, whether it takes a value, the
/// default shown in `--help`, and the help text.
public struct Flag: Sendable, Equatable {
  /// `--k`, always with the two dashes.
  public let name: String
  /// The placeholder of the value in help (`<range>`), or `nil` for a switch that takes none.
  public let valueName: String?
  /// The default as `--help` shows it, or `nil` when the flag is required or has none.
  public let defaultValue: String?
  public let help: String

  /// A flag that takes a value: `--name <value>` or `--name=<value>`.
  public static func option(_ name: String, _ valueName: String, default defaultValue: String? = nil, help: String)
    -> Flag
  {
    Flag(name: name, valueName: valueName, defaultValue: defaultValue, help: help)
  }

  /// A switch: present or absent, no value.
  public static func toggle(_ name: String, help: String) -> Flag {
    Flag(name: name, valueName: nil, defaultValue: nil, help: help)
  }

  /// `--k <range>` or `--sphere`, as in the usage line and the options list.
  public var label: String { valueName.map { "\(name) <\($0)>" } ?? name }
}
