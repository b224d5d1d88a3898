/// A command-line mistake: printed as one line, exit code 64 (`EX_USAGE`).
public struct UsageError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
