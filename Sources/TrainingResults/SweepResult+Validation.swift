import Foundation

extension SweepResult {
  /// Decodes a `results.json` and checks what the comparison relies on (see ``validate()``).
  ///
  /// - Throws: `DecodingError` for malformed JSON or a schema violation.
  public static func decode(_ data: Data) throws -> SweepResult {
    let sweep = try JSONDecoder.results.decode(SweepResult.self, from: data)
    try sweep.validate()
    return sweep
  }

  /// Checks the facts a hand-edited file can break: at least one run, 2…1000 classes
  /// with one positive frequency each, every `k ≥ 1`, a finite positive scale.
  ///
  /// - Throws: `DecodingError.dataCorrupted` naming the field.
  public func validate() throws {
    func require(_ condition: Bool, _ message: String) throws {
      guard condition else {
        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: message))
      }
    }
    try require(!runs.isEmpty, "'runs' is empty")
    try require((2...1000).contains(classes.count), "'classes' must list 2 to 1000 labels, has \(classes.count)")
    try require(
      classFrequencies.count == classes.count && classFrequencies.allSatisfy { $0.isFinite && $0 > 0 && $0 <= 1 },
      "'classFrequencies' must hold one frequency in (0, 1] per class")
    try require((1...100_000_000).contains(trainImages), "'trainImages' must lie in 1...100000000")
    try require(scale.isFinite && scale > 0, "'scale' must be a finite positive number")
    try require(
      runs.allSatisfy { (1...10_000_000).contains($0.negatives) }, "every run's 'negatives' must lie in 1...10000000")
  }

  /// One line saying what is wrong with a results file, from a decoding error.
  public static func problem(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "unreadable" }
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
    }
    switch error {
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty && context.underlyingError != nil
        ? "not valid JSON" : context.debugDescription + path(context)
    case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'" + path(context)
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type" + path(context)
    @unknown default: return "unreadable"
    }
  }
}
