/// The one `--k` syntax of every command: a sorted list of distinct negatives counts.
///
/// Accepted items, separated by commas: a single value `64`, a closed range `1...100`,
/// a half-open range `1..<100`, and a stride `1...100:5` (or `1..<100:5`). Every value
/// must lie in `1...maximum`. Repeated values are merged and the list is sorted
/// (`3,1,3` is `1,3`), because the result is a set of k, not a schedule.
public enum NegativesRange {
  /// The largest `k` accepted, to keep a typo from starting a week-long job.
  public static let maximum = 10_000_000

  /// - Throws: ``CommandError`` (exit 64) naming `flag` and the offending item (cut to 40 characters).
  /// - Complexity: O(number of values · log) — at most `maximum` values.
  public static func parse(_ text: String, flag: String = "--k") throws -> [Int] {
    guard !text.isEmpty else {
      throw CommandError.usage("\(flag): expected a value, a range like 1...100, or a list")
    }
    var values = Set<Int>()
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      for value in try parseItem(item, flag: flag) { values.insert(value) }
    }
    return values.sorted()
  }

  private static func parseItem(_ item: Substring, flag: String) throws -> StrideThrough<Int> {
    let shown = EchoedValue.quoted(item)
    let usage = "\(flag): \(shown) is not a count, a range a...b or a..<b, or a stride a...b:step"
    var body = item
    var step = 1
    if let colon = item.firstIndex(of: ":") {
      guard let parsed = count(item[item.index(after: colon)...]), parsed >= 1 else {
        throw CommandError.usage("\(flag): the step in \(shown) must be a whole number ≥ 1")
      }
      step = parsed
      body = item[..<colon]
    }
    let lower: Int
    let upper: Int
    if let closed = body.range(of: "...") {
      guard let a = count(body[..<closed.lowerBound]), let b = count(body[closed.upperBound...]) else {
        throw CommandError.usage(usage)
      }
      (lower, upper) = (a, b)
    } else if let open = body.range(of: "..<") {
      guard let a = count(body[..<open.lowerBound]), let b = count(body[open.upperBound...]) else {
        throw CommandError.usage(usage)
      }
      // `b > a` first, so `b - 1` cannot overflow.
      guard b > a else { throw CommandError.usage("\(flag): \(shown) is an empty range") }
      (lower, upper) = (a, b - 1)
    } else {
      guard !body.contains("."), step == 1, let value = count(body) else { throw CommandError.usage(usage) }
      (lower, upper) = (value, value)
    }
    guard lower >= 1 else { throw CommandError.usage("\(flag): k must be at least 1, got \(lower)") }
    guard lower <= upper else {
      throw CommandError.usage("\(flag): \(shown) has its lower end above its upper end")
    }
    guard upper <= maximum else { throw CommandError.usage("\(flag): k must be at most \(maximum)") }
    return stride(from: lower, through: upper, by: step)
  }

  /// A decimal integer without a `+` sign; `nil` when it is not one or does not fit in `Int`.
  private static func count(_ text: Substring) -> Int? {
    text.first == "+" ? nil : Int(text)
  }
}
