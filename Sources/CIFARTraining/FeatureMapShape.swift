/// The shape of an activation stored channel-major over the batch, `[C, B, H, W]`.
///
/// In this layout a convolution over any run of consecutive images is one matrix
/// product (`weights [C_out, 9 C_in] × columns [9 C_in, images·H·W]`) whose result is
/// a block of columns of the output in the same layout, so no layer ever transposes
/// and batch norm's per-channel statistics are reductions over contiguous rows.
public struct FeatureMapShape: Equatable, Sendable {
  public var channels: Int
  public var batch: Int
  public var height: Int
  public var width: Int

  public init(channels: Int, batch: Int, height: Int, width: Int) {
    self.channels = channels
    self.batch = batch
    self.height = height
    self.width = width
  }

  /// Number of pixels of one channel over the whole batch, `B·H·W`.
  public var positions: Int { batch * height * width }
  /// Number of values, `C·B·H·W`.
  public var count: Int { channels * positions }
}
