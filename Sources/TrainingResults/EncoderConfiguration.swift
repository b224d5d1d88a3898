/// The architecture of the ``Encoder``: one conv(3×3)–[batch norm]–ReLU–maxpool(2×2)
/// stage per entry of `channels`, then a linear head to `embeddingDimension`, then the map into
/// the unit ball (or onto the sphere).
public struct EncoderConfiguration: Codable, Equatable, Sendable {
  /// Height and width of the (square) input images; divisible by `2^channels.count`.
  public var imageSide: Int
  /// Output channels of each stage.
  public var channels: [Int]
  /// The representation dimension `d`.
  public var embeddingDimension: Int
  /// `true`: normalise onto the sphere; `false`: project into the ball.
  public var sphere: Bool
  /// Batch normalisation after every convolution.
  public var batchNorm: Bool

  /// The CIFAR network: 32/64/128 channels on 32×32 RGB, batch norm, `d = 128`, unit ball.
  public init(
    imageSide: Int = 32, channels: [Int] = [32, 64, 128], embeddingDimension: Int = 128, sphere: Bool = false,
    batchNorm: Bool = true
  ) {
    precondition(!channels.isEmpty && imageSide % (1 << channels.count) == 0, "image side must halve cleanly per stage")
    self.imageSide = imageSide
    self.channels = channels
    self.embeddingDimension = embeddingDimension
    self.sphere = sphere
    self.batchNorm = batchNorm
  }

  /// Reads a configuration; results written before batch norm existed have no
  /// `batchNorm` key and describe networks without it.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    imageSide = try container.decode(Int.self, forKey: .imageSide)
    channels = try container.decode([Int].self, forKey: .channels)
    embeddingDimension = try container.decode(Int.self, forKey: .embeddingDimension)
    sphere = try container.decode(Bool.self, forKey: .sphere)
    batchNorm = try container.decodeIfPresent(Bool.self, forKey: .batchNorm) ?? false
  }

  /// Input channels (RGB).
  public static let inputChannels = 3

  /// Side of the last stage's feature maps.
  public var finalSide: Int { imageSide >> channels.count }

  /// Length of the flattened feature vector fed to the head.
  public var flattenedFeatures: Int { channels.last! * finalSide * finalSide }
}
