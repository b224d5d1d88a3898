/// A per-channel affine map `y = scale_c · x + shift_c` on `[C, B, H, W]`
/// activations: batch norm with fixed statistics folded into one multiply–add, or
/// the identity when batch norm is off.
struct ChannelAffine {
  var scale: [Float]
  var shift: [Float]

  /// `y = x` on `channels` channels.
  static func identity(channels: Int) -> ChannelAffine {
    ChannelAffine(
      scale: [Float](repeating: 1, count: channels), shift: [Float](repeating: 0, count: channels))
  }
}
