/// Batch normalisation (Ioffe & Szegedy 2015) of `[C, B, H, W]` activations: each
/// channel is standardised over its `B·H·W` values, then scaled by `γ_c` and shifted
/// by `β_c`.
///
/// Without it the plain conv–ReLU stack maps every image to nearly the same
/// direction (all features are positive, so a common component dominates the head's
/// output), and the contrastive loss then needs many more epochs to separate classes.
/// In the channel-major layout each channel is one contiguous row, so the statistics
/// are row reductions. At inference the running averages replace the batch
/// statistics, so a representation does not depend on which images share its batch.
///
/// The normalisation itself is not a separate pass: it is the ``ChannelAffine`` that
/// ``RectifiedMaxPool`` applies on the fly, and its backward pass reduces to the
/// per-channel coefficients of ``inputGradientForm(routedSums:statistics:positions:parameters:parameterGradient:)``.
public enum BatchNormalization {
  /// Added to the variance before the square root.
  static let epsilon: Float = 1e-5
  /// Weight of the newest batch in the running averages.
  static let momentum: Float = 0.1

  /// Per-channel mean and (biased) variance of one batch.
  struct BatchStatistics {
    var mean: [Float]
    var variance: [Float]
  }

  /// The batch statistics of `values`, by two vectorised passes per channel (the
  /// mean, then the squared deviations from it), each accurate to about 1.6e-5
  /// relative to the sum of absolute terms (see ``RowReduction``).
  ///
  /// - Complexity: O(values.count).
  static func statistics(of values: [Float], shape: FeatureMapShape) -> BatchStatistics {
    let (channels, positions) = (shape.channels, shape.positions)
    var statistics = BatchStatistics(
      mean: [Float](repeating: 0, count: channels), variance: [Float](repeating: 0, count: channels))
    values.withUnsafeBufferPointer { values in
      statistics.mean.withUnsafeMutableBufferPointer { means in
        statistics.variance.withUnsafeMutableBufferPointer { variances in
          Parallel.forEachPart(of: channels) { _, channels in
            for channel in channels {
              let row = values.baseAddress! + channel * positions
              let mean = Float(RowReduction.sum(row, count: positions) / Double(positions))
              means[channel] = mean
              variances[channel] = Float(
                RowReduction.sumOfSquaredDeviations(row, count: positions, from: mean) / Double(positions))
            }
          }
        }
      }
    }
    return statistics
  }

  /// `γ_c (x − mean_c) / √(variance_c + ε) + β_c` as a ``ChannelAffine``;
  /// `parameters` holds `γ` then `β`.
  ///
  /// - Complexity: O(channels).
  static func affine(
    mean: some Collection<Float>, variance: some Collection<Float>, parameters: UnsafePointer<Float>
  ) -> ChannelAffine {
    let channels = mean.count
    var affine = ChannelAffine.identity(channels: channels)
    for (channel, (mean, variance)) in zip(mean, variance).enumerated() {
      let scale = parameters[channel] / (variance + epsilon).squareRoot()
      affine.scale[channel] = scale
      affine.shift[channel] = parameters[channels + channel] - scale * mean
    }
    return affine
  }

  /// Accumulates `∂L/∂γ`, `∂L/∂β` into `parameterGradient` and returns the
  /// coefficients of `∂L/∂x` for the training-mode forward pass.
  ///
  /// With `g` the gradient at the normalised output, `x̂ = (x − μ)/σ` and `P`
  /// positions per channel, `∂L/∂x = γ/σ · (g − mean(g) − x̂ · mean(g x̂))`: an affine
  /// function of `x` plus `γ/σ · g`. `routedSums` are `Σ g` and `Σ g · (x − μ)` per
  /// channel (from ``RectifiedMaxPool/routedSums(outputGradient:output:winners:input:shape:centers:)``).
  ///
  /// - Complexity: O(channels).
  static func inputGradientForm(
    routedSums: (sum: [Double], centeredMoment: [Double]), statistics: BatchStatistics, positions: Int,
    parameters: UnsafePointer<Float>, parameterGradient: UnsafeMutablePointer<Float>
  ) -> RectifiedMaxPool.InputGradientForm {
    let channels = statistics.mean.count
    var form = RectifiedMaxPool.InputGradientForm(channels: channels)
    for channel in 0..<channels {
      let inverseDeviation = 1 / (Double(statistics.variance[channel]) + Double(epsilon)).squareRoot()
      let gradientSum = routedSums.sum[channel]
      let projection = routedSums.centeredMoment[channel] * inverseDeviation
      parameterGradient[channel] += Float(projection)
      parameterGradient[channels + channel] += Float(gradientSum)
      let factor = Double(parameters[channel]) * inverseDeviation
      let slope = -factor * inverseDeviation * projection / Double(positions)
      form.routedScale[channel] = Float(factor)
      form.slope[channel] = Float(slope)
      form.constant[channel] = Float(
        -factor * gradientSum / Double(positions) - slope * Double(statistics.mean[channel]))
    }
    return form
  }
}
