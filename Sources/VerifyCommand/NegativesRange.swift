/// Parses the `--k` syntax into a sorted list of distinct negatives counts.
///
/// Accepted items, separated by commas: a single value `64`, a closed range
/// `1...100`, a half-open range `1..<100`, and a stride `1...100:5` (or
/// `1..<100:5`). Every value must be at least 1.
public enum NegativesRange {
  /// The largest `k` accepted, to keep a typo from starting a week-long job.
  public static let maximum = 10_000_000

  public static func parse(_ text: String, flag: String = "--k") throws -> [Int] {
    guard !text.isEmpty else { throw UsageError("\(flag): expected a value, a range like 1...100, or a list") }
    var values = Set<Int>()
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      for value in try parseItem(item, flag: flag) { values.insert(value) }
    }
    return values.sorted()
  }

  private static func parseItem(_ item: Substring, flag: String) throws -> [Int] {
    let usage = "\(flag): '\(item)' is not a count, a range a...b or a..<b, or a stride a...b:step"
    var body = item
    var step = 1
    if let colon = item.firstIndex(of: ":") {
      guard let parsed = Int(item[item.index(after: colon)...]), parsed >= 1 else {
        throw UsageError("\(flag): the step in '\(item)' must be a whole number ≥ 1")
      }
      step = parsed
      body = item[..<colon]
    }
    let bounds: (Int, Int)
    if let closed = body.range(of: "...") {
      bounds = (try count(body[..<closed.lowerBound], usage), try count(body[closed.upperBound...], usage))
    } else if let open = body.range(of: "..<") {
      let upper = try count(body[open.upperBound...], usage) - 1
      bounds = (try count(body[..<open.lowerBound], usage), upper)
      guard bounds.0 <= bounds.1 else { throw UsageError("\(flag): '\(item)' is an empty range") }
    } else if body.contains(".") {
      throw UsageError(usage)
    } else {
      guard step == 1 else { throw UsageError(usage) }
      let value = try count(body, usage)
      bounds = (value, value)
    }
    guard bounds.0 >= 1 else { throw UsageError("\(flag): k must be at least 1, got \(bounds.0)") }
    guard bounds.0 <= bounds.1 else {
      throw UsageError("\(flag): '\(item)' has its lower end above its upper end")
    }
    guard bounds.1 <= maximum else { throw UsageError("\(flag): k must be at most \(maximum)") }
    return Array(stride(from: bounds.0, through: bounds.1, by: step))
  }

  private static func count(_ text: Substring, _ usage: String) throws -> Int {
    guard let value = Int(text), text.first != "+" else { throw UsageError(usage) }
    return value
  }
}
