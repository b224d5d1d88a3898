import SeededRandom
import TrainingResults
import XCTest

@testable import CIFARTraining

/// Random crop (4-pixel zero padding) and horizontal flip: seeded, and every augmented view
/// is a crop/flip of the very image (hence the label) it was asked for.
final class AugmentationTests: XCTestCase {
  /// Six images of three classes whose pixels differ everywhere, so a view identifies its source.
  static let images = LabeledImages(
    pixels: (0..<6 * CIFARDataset.pixelsPerImage).map { (index: Int) -> UInt8 in
      UInt8((index * 7 + index / 3072 * 13) % 256)
    },
    labels: [0, 1, 2, 0, 1, 2], classCount: 3)
  static let assembler = BatchAssembler(normalization: ChannelNormalization(fitting: images))
  static let indices = [4, 0, 5, 5, 2, 1, 3, 4]

  func testSameSeedGivesTheSameViewsAndAnotherSeedOthers() {
    func views(seed: UInt64) -> [Float] {
      var generator = SplitMix64(seed: seed)
      return Self.assembler.assemble(Self.images, indices: Self.indices, augment: true, using: &generator)
    }
    XCTAssertEqual(views(seed: 3), views(seed: 3))
    XCTAssertNotEqual(views(seed: 3), views(seed: 4))
  }

  /// Each slot equals its own image, un-augmented, shifted by some (dy, dx) in −4…4 with
  /// zeros outside and possibly mirrored: a transform of that image, so its label is kept.
  func testEveryViewIsACropOrFlipOfItsOwnImage() {
    let side = 32
    let plane = side * side
    let batch = Self.indices.count
    var generator = SplitMix64(seed: 11)
    let views = Self.assembler.assemble(Self.images, indices: Self.indices, augment: true, using: &generator)
    var untouched = SplitMix64(seed: 0)
    let originals = Self.assembler.assemble(Self.images, indices: Self.indices, augment: false, using: &untouched)
    var transformsSeen = Set<[Int]>()
    for slot in 0..<batch {
      func pixel(_ values: [Float], _ channel: Int, _ y: Int, _ x: Int) -> Float {
        values[(channel * batch + slot) * plane + y * side + x]
      }
      var matches: [[Int]] = []
      for dy in -4...4 {
        for dx in -4...4 {
          for flip in 0...1 {
            let equal = (0..<3).allSatisfy { channel in
              (0..<side).allSatisfy { y in
                (0..<side).allSatisfy { x in
                  let (sy, sx) = (y + dy, (flip == 1 ? side - 1 - x : x) + dx)
                  let inside = (0..<side).contains(sy) && (0..<side).contains(sx)
                  let expected: Float = inside ? pixel(originals, channel, sy, sx) : 0
                  return pixel(views, channel, y, x) == expected
                }
              }
            }
            if equal { matches.append([dy, dx, flip]) }
          }
        }
      }
      XCTAssertEqual(matches.count, 1, "slot \(slot): exactly one crop/flip of image \(Self.indices[slot]) matches")
      transformsSeen.formUnion(matches)
    }
    XCTAssertGreaterThan(transformsSeen.count, 1, "the views are not all cropped alike")
  }
}
