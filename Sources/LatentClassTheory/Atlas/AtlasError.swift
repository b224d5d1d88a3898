/// Why an atlas family, shard or shard set was rejected, as one line for the command line.
public struct AtlasError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }
}
