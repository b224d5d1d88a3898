import Foundation

extension SweepResult {
  /// Reads a `results.json` written by `train-cifar` (non-finite numbers as strings).
  ///
  /// - Throws: `DecodingError` or the file system's error.
  public static func load(contentsOf url: URL) throws -> SweepResult {
    try JSONDecoder.results.decode(SweepResult.self, from: Data(contentsOf: url))
  }
}
