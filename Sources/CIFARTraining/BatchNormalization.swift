/// Batch normalisation (Ioffe & Szegedy 2015) of `[C, B, H, W]` activations: each
/// channel is standardised over its `B·H·W` values, then scaled by `γ_c` and shifted
/// by `β_c`.
///
/// Without it the plain conv–ReLU stack maps every image to nearly the same
/// direction (all features are positive, so a common component dominates the head's
/// output), and the contrastive loss then needs many more epochs to separate classes.
/// In the channel-major layout each channel is one contiguous row, so the statistics
/// are simple row reductions. At inference the running averages replace the batch
/// statistics, so a representation does not depend on which images share its batch.
public enum BatchNormalization {
  /// Added to the variance before the square root.
  static let epsilon: Float = 1e-5
  /// Weight of the newest batch in the running averages.
  static let momentum: Float = 0.1

  /// Per-channel statistics of one batch, and the standardised values the backward pass needs.
  struct BatchStatistics {
    var mean: [Float]
    var variance: [Float]
    var standardized: [Float]
  }

  /// Training-mode forward: normalises `values` in place with the batch statistics.
  /// `parameters` holds `γ` then `β` (`2C` values).
  ///
  /// - Complexity: O(values.count).
  static func forwardTraining(_ values: inout [Float], shape: FeatureMapShape, parameters: UnsafePointer<Float>)
    -> BatchStatistics
  {
    let (channels, positions) = (shape.channels, shape.positions)
    var mean = [Float](repeating: 0, count: channels)
    var variance = [Float](repeating: 0, count: channels)
    values.withUnsafeBufferPointer { values in
      for channel in 0..<channels {
        let row = values.baseAddress! + channel * positions
        var sum: Double = 0
        for position in 0..<positions { sum += Double(row[position]) }
        let average = sum / Double(positions)
        var squares: Double = 0
        for position in 0..<positions {
          let deviation = Double(row[position]) - average
          squares += deviation * deviation
        }
        mean[channel] = Float(average)
        variance[channel] = Float(squares / Double(positions))
      }
    }
    standardize(&values, shape: shape, mean: mean, variance: variance)
    let standardized = values
    scaleAndShift(&values, shape: shape, parameters: parameters)
    return BatchStatistics(mean: mean, variance: variance, standardized: standardized)
  }

  /// Inference-mode forward with fixed (running) statistics.
  ///
  /// - Complexity: O(values.count).
  static func forwardInference(
    _ values: inout [Float], shape: FeatureMapShape, parameters: UnsafePointer<Float>, mean: ArraySlice<Float>,
    variance: ArraySlice<Float>
  ) {
    standardize(&values, shape: shape, mean: Array(mean), variance: Array(variance))
    scaleAndShift(&values, shape: shape, parameters: parameters)
  }

  static func standardize(_ values: inout [Float], shape: FeatureMapShape, mean: [Float], variance: [Float]) {
    let positions = shape.positions
    values.withUnsafeMutableBufferPointer { values in
      for channel in 0..<shape.channels {
        let row = values.baseAddress! + channel * positions
        let (center, inverse) = (mean[channel], 1 / (variance[channel] + epsilon).squareRoot())
        for position in 0..<positions { row[position] = (row[position] - center) * inverse }
      }
    }
  }

  static func scaleAndShift(_ values: inout [Float], shape: FeatureMapShape, parameters: UnsafePointer<Float>) {
    let positions = shape.positions
    values.withUnsafeMutableBufferPointer { values in
      for channel in 0..<shape.channels {
        let row = values.baseAddress! + channel * positions
        let (gamma, beta) = (parameters[channel], parameters[shape.channels + channel])
        for position in 0..<positions { row[position] = gamma * row[position] + beta }
      }
    }
  }

  /// Accumulates `∂L/∂γ`, `∂L/∂β` and returns `∂L/∂x` for the training-mode forward:
  /// `∂L/∂x = γ/σ · (g − mean(g) − x̂ · mean(g x̂))` per channel.
  ///
  /// - Complexity: O(gradient.count).
  static func backward(
    _ gradient: [Float], statistics: BatchStatistics, shape: FeatureMapShape,
    parameters: UnsafePointer<Float>, parameterGradient: UnsafeMutablePointer<Float>
  ) -> [Float] {
    let (channels, positions) = (shape.channels, shape.positions)
    var inputGradient = [Float](repeating: 0, count: gradient.count)
    gradient.withUnsafeBufferPointer { gradient in
      statistics.standardized.withUnsafeBufferPointer { standardized in
        inputGradient.withUnsafeMutableBufferPointer { inputGradient in
          for channel in 0..<channels {
            let offset = channel * positions
            var sum: Float = 0
            var projection: Float = 0
            for position in offset..<offset + positions {
              sum += gradient[position]
              projection += gradient[position] * standardized[position]
            }
            parameterGradient[channel] += projection
            parameterGradient[channels + channel] += sum
            let factor = parameters[channel] / (statistics.variance[channel] + epsilon).squareRoot()
            let (meanGradient, meanProjection) = (sum / Float(positions), projection / Float(positions))
            for position in offset..<offset + positions {
              inputGradient[position] =
                factor * (gradient[position] - meanGradient - standardized[position] * meanProjection)
            }
          }
        }
      }
    }
    return inputGradient
  }
}
