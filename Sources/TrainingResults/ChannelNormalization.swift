/// Per-channel standardisation `(pixel/255 − mean_c) / std_c`, fitted on the training images
/// (`init(fitting:)` in CIFARTraining).
public struct ChannelNormalization: Sendable, Codable, Equatable {
  /// Mean of each channel (red, green, blue) in `[0, 1]` units.
  public var mean: [Float]
  /// Standard deviation of each channel in `[0, 1]` units.
  public var standardDeviation: [Float]

  public init(mean: [Float], standardDeviation: [Float]) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// The normalised value of one pixel byte of `channel`.
  @inlinable
  public func normalize(_ byte: UInt8, channel: Int) -> Float {
    (Float(byte) / 255 - mean[channel]) / standardDeviation[channel]
  }
}
