/// A small seeded generator whose whole state is one `UInt64`: a failing property
/// test is replayed from its seed, a random model from `random:SEED`, and a training
/// checkpoint stores the state so a resumed run continues the identical stream.
///
/// SplitMix64 (Steele, Lea, Flood 2014): passes BigCrush, O(1) per draw.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
  /// The complete state; assign it to restore a saved stream.
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform index in `0 ..< bound` (Lemire's multiply-shift, unbiased enough for
  /// bounds far below 2^32 and much faster than `Int.random(in:)` in debug builds).
  @inline(__always)
  public mutating func index(below bound: Int) -> Int {
    Int(((next() >> 32) &* UInt64(bound)) >> 32)
  }
}
