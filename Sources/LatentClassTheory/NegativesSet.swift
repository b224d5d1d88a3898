/// How claims name a set of negatives counts: a range only when it has no gaps.
public enum NegativesSet {
  /// `k = 5`; `the 100 values 1…100` when consecutive; else `the 2 values 1, 3` (up to
  /// six values listed) or `the 20 values 5, 10, …, 100` (first, second, last).
  public static func describe(_ ks: [Int]) -> String {
    let sorted = ks.sorted()
    guard let first = sorted.first, let last = sorted.last else { return "no k" }
    if sorted.count == 1 { return "k = \(first)" }
    if last - first == sorted.count - 1 { return "the \(sorted.count) values \(first)…\(last)" }
    if sorted.count <= 6 { return "the \(sorted.count) values " + sorted.map(String.init).joined(separator: ", ") }
    return "the \(sorted.count) values \(first), \(sorted[1]), …, \(last)"
  }
}
