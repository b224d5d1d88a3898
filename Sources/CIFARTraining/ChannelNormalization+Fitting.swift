import TrainingResults

extension ChannelNormalization {
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
    let mean = sums.map { Float($0 / n / 255) }
    let standardDeviation = (0..<3).map { channel in
      let average = sums[channel] / n
      let variance = max(squares[channel] / n - average * average, 1e-6)
      return Float(variance.squareRoot() / 255)
    }
    self.init(mean: mean, standardDeviation: standardDeviation)
  }
}
