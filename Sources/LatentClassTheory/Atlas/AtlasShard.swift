/// Shard `i` of `n` (1-based, `1 ≤ i ≤ n`) of an atlas: the points whose 0-based family index
/// is `≡ i − 1 (mod n)`, i.e. every `n`-th point starting with point `i − 1` (docs/theory.md §9).
/// Interleaving balances the cost, which varies smoothly along a family.
public struct AtlasShard: Sendable, Hashable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  /// - Throws: ``AtlasError`` unless `1 ≤ index ≤ count`.
  public init(index: Int, count: Int) throws {
    guard count >= 1, (1...count).contains(index) else {
      throw AtlasError("shard \(index)/\(count): expected i/n with 1 ≤ i ≤ n")
    }
    self.index = index
    self.count = count
  }

  /// Parses `"i/n"`.
  public init(_ text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
      throw AtlasError("'\(text)': expected i/n with 1 ≤ i ≤ n, e.g. 2/4")
    }
    try self.init(index: i, count: n)
  }

  /// The shard of a Slurm array task, or `nil` outside an array job.
  ///
  /// Shard `i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1` of `n = SLURM_ARRAY_TASK_COUNT`,
  /// so `--array=0-3` and `--array=1-4` both give shards 1…4. A stepped or gapped array
  /// (`--array=1,3,5`, `0-6:2`) does not number shards 1…n and is rejected.
  public static func fromSlurm(_ environment: [String: String]) throws -> AtlasShard? {
    guard let id = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
    guard let task = Int(id), let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init),
      let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init),
      let maximum = environment["SLURM_ARRAY_TASK_MAX"].flatMap(Int.init)
    else {
      throw AtlasError(
        "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT/MIN/MAX are missing or not integers")
    }
    guard maximum - minimum + 1 == count else {
      throw AtlasError(
        "the Slurm array \(minimum)-\(maximum) has \(count) tasks: use a contiguous --array=0-\(count - 1) (or pass --shard)"
      )
    }
    return try AtlasShard(index: task - minimum + 1, count: count)
  }

  /// Whether the point at 0-based family position `index` belongs to this shard.
  public func contains(_ index: Int) -> Bool { index % count == self.index - 1 }

  /// How many of `total` points this shard holds.
  public func size(of total: Int) -> Int { total > self.index - 1 ? (total - self.index) / count + 1 : 0 }

  /// `i/n`.
  public var description: String { "\(index)/\(count)" }
}
