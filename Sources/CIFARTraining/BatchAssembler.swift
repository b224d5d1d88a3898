import SeededRandom
import TrainingResults

/// Turns chosen training images into the network's normalised `Float` input,
/// with the standard light augmentation (random crop of a 4-pixel zero-padded
/// image, random horizontal flip).
///
/// The output layout is channel-major over the batch, `[3, B, 32, 32]`, which is
/// what ``Encoder`` consumes.
public struct BatchAssembler: Sendable {
  /// Maximum crop shift in pixels (the padding).
  public static let padding = 4

  /// `table[channel * 256 + byte]`: the normalised pixel value.
  private let table: [Float]

  public init(normalization: ChannelNormalization) {
    table = (0..<3).flatMap { channel in (0..<256).map { normalization.normalize(UInt8($0), channel: channel) } }
  }

  /// The normalised images at `indices`; with `augment`, each gets its own crop and
  /// flip from `generator` (three draws per image), otherwise none are drawn.
  ///
  /// - Complexity: O(indices.count × 3072).
  public func assemble(
    _ images: LabeledImages, indices: [Int], augment: Bool, using generator: inout SplitMix64
  ) -> [Float] {
    let side = 32
    let plane = side * side
    let batch = indices.count
    var output = [Float](repeating: 0, count: 3 * batch * plane)
    let span = 2 * Self.padding + 1
    table.withUnsafeBufferPointer { table in
      images.pixels.withUnsafeBufferPointer { pixels in
        output.withUnsafeMutableBufferPointer { output in
          for (slot, image) in indices.enumerated() {
            let shiftY = augment ? generator.index(below: span) - Self.padding : 0
            let shiftX = augment ? generator.index(below: span) - Self.padding : 0
            let flip = augment && generator.index(below: 2) == 1
            for channel in 0..<3 {
              let source = image * CIFARDataset.pixelsPerImage + channel * plane
              let target = (channel * batch + slot) * plane
              let lookup = channel * 256
              for y in 0..<side {
                let sourceY = y + shiftY
                // Zero padding: 0 after normalisation is the channel mean.
                guard sourceY >= 0, sourceY < side else { continue }
                for x in 0..<side {
                  let sourceX = (flip ? side - 1 - x : x) + shiftX
                  guard sourceX >= 0, sourceX < side else { continue }
                  output[target + y * side + x] = table[lookup + Int(pixels[source + sourceY * side + sourceX])]
                }
              }
            }
          }
        }
      }
    }
    return output
  }
}
