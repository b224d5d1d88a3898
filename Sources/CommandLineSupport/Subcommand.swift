/// A named subcommand (`verify compare FILE`): its name, one-line summary for help,
/// and the function that runs it on the arguments after its name.
public struct Subcommand<Status>: Sendable {
  public let name: String
  public let abstract: String
  public let run: @Sendable (_ arguments: [String], _ output: (String) -> Void, _ errors: (String) -> Void) -> Status

  public init(
    _ name: String, abstract: String,
    run: @escaping @Sendable (_ arguments: [String], _ output: (String) -> Void, _ errors: (String) -> Void) -> Status
  ) {
    self.name = name
    self.abstract = abstract
    self.run = run
  }

  /// The subcommand named by the first argument, with the remaining arguments; `nil`
  /// when the first argument names none of `subcommands` (flags go to the main command).
  public static func select(_ arguments: [String], from subcommands: [Subcommand]) -> (Subcommand, [String])? {
    guard let first = arguments.first, let chosen = subcommands.first(where: { $0.name == first }) else { return nil }
    return (chosen, Array(arguments.dropFirst()))
  }
}
