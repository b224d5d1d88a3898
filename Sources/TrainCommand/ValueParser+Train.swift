import CommandLineSupport

extension ValueParser where Value == Int {
  /// A whole number ≥ 1.
  static let count = integer(in: 1...Int.max, expected: "a whole number ≥ 1")
}

extension ValueParser where Value == [Int] {
  /// Channel counts of the conv stages: 1 to 5 stages (32×32 images halve 5 times), each 1...1024.
  static let channelList = ValueParser(expected: "1 to 5 comma-separated channel counts, each 1...1024") { text in
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
    guard (1...5).contains(items.count), items.allSatisfy({ $0.map { (1...1024).contains($0) } ?? false }) else {
      return nil
    }
    return items.map { $0! }
  }

  /// Distinct class labels ≥ 0, in the order given (their order is the new labelling).
  static let labelList = ValueParser(expected: "distinct comma-separated labels such as 0,3,5") { text in
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
    guard !items.isEmpty, items.allSatisfy({ ($0 ?? -1) >= 0 }), Set(items).count == items.count else { return nil }
    return items.map { $0! }
  }
}
