/// Per-channel standardisation `(pixel/255 − mean_c) / std_c`, fitted on the training images.
public struct ChannelNormalization: Sendable, Codable, Equatable {
  /// Mean of each channel (red, green, blue) in `[0, 1]` units.
  public var mean: [Float]
  /// Standard deviation of each channel in `[0, 1]` units.
  public var standardDeviation: [Float]

  public init(mean: [Float], standardDeviation: [Float]) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// Fits the statistics of `images` (accumulated in `Double` so 150 million pixels lose nothing).
  ///
  /// - Complexity: O(images.count × 3072).
  public init(fitting images: LabeledImages) {
    let plane = CIFARDataset.pixelsPerImage / 3
    var sums = [Double](repeating: 0, count: 3)
    var squares = [Double](repeating: 0, count: 3)
    images.pixels.withUnsafeBufferPointer { pixels in
      for image in 0..<images.count {
        for channel in 0..<3 {
          var sum = 0
          var square = 0
          let base = image * CIFARDataset.pixelsPerImage + channel * plane
          for offset in base..<base + plane {
            let value = Int(pixels[offset])
            sum += value
            square += value * value
          }
          sums[channel] += Double(sum)
          squares[channel] += Double(square)
        }
      }
    }
    let n = Double(max(images.count * plane, 1))
    mean = sums.map { Float($0 / n / 255) }
    standardDeviation = (0..<3).map { channel in
      let average = sums[channel] / n
      let variance = max(squares[channel] / n - average * average, 1e-6)
      return Float(variance.squareRoot() / 255)
    }
  }

  /// The normalised value of one pixel byte of `channel`.
  @inline(__always)
  public func normalize(_ byte: UInt8, channel: Int) -> Float {
    (Float(byte) / 255 - mean[channel]) / standardDeviation[channel]
  }
}
