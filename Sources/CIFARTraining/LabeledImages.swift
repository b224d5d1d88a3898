import Foundation
import TrainingResults

/// A set of 32×32 RGB images with one class label each, pixels kept as bytes.
///
/// Pixels of image `i` occupy `pixels[i*3072 ..< (i+1)*3072]` in the CIFAR plane
/// order (red plane, green plane, blue plane, each row-major).
public struct LabeledImages: Sendable {
  /// The raw pixels, `count × 3072` bytes.
  public var pixels: [UInt8]
  /// The class of every image, in `0 ..< classCount`.
  public var labels: [Int]
  /// Number of classes the labels range over (some may be empty).
  public var classCount: Int

  public init(pixels: [UInt8], labels: [Int], classCount: Int) {
    precondition(pixels.count == labels.count * CIFARDataset.pixelsPerImage, "pixels per label")
    self.pixels = pixels
    self.labels = labels
    self.classCount = classCount
  }

  /// Number of images.
  public var count: Int { labels.count }

  /// Image indices grouped by class.
  ///
  /// - Complexity: O(count).
  public var indicesByClass: [[Int]] {
    var groups = [[Int]](repeating: [], count: classCount)
    for (index, label) in labels.enumerated() { groups[label].append(index) }
    return groups
  }

  /// The images at `indices`, in that order, relabelled through `relabel`
  /// (old label → new label) into `classCount` classes.
  ///
  /// - Complexity: O(indices.count × 3072).
  public func selecting(_ indices: [Int], relabel: (Int) -> Int = { $0 }, classCount: Int? = nil) -> LabeledImages {
    var newPixels = [UInt8]()
    newPixels.reserveCapacity(indices.count * CIFARDataset.pixelsPerImage)
    for index in indices {
      let start = index * CIFARDataset.pixelsPerImage
      newPixels.append(contentsOf: pixels[start..<start + CIFARDataset.pixelsPerImage])
    }
    return LabeledImages(
      pixels: newPixels, labels: indices.map { relabel(labels[$0]) }, classCount: classCount ?? self.classCount)
  }

  /// Keeps only the listed classes, renumbered `0 ..< classes.count` in the order given.
  ///
  /// - Complexity: O(count × 3072).
  public func restricted(toClasses classes: [Int]) -> LabeledImages {
    var newLabel = [Int: Int]()
    for (position, label) in classes.enumerated() { newLabel[label] = position }
    let kept = labels.indices.filter { newLabel[labels[$0]] != nil }
    return selecting(kept, relabel: { newLabel[$0]! }, classCount: classes.count)
  }

  /// A long-tailed subset: class `c` keeps its first `⌊n_max · ratio^(−c/(N−1))⌋`
  /// images (at least one), so the most and least frequent classes differ by `ratio`,
  /// the usual CIFAR-LT construction. `ratio = 1` keeps everything.
  ///
  /// - Complexity: O(count × 3072).
  public func longTailed(ratio: Double) -> LabeledImages {
    precondition(ratio >= 1, "imbalance ratio below 1")
    let groups = indicesByClass
    let largest = groups.map(\.count).max() ?? 0
    let classes = max(classCount - 1, 1)
    var kept = [Int]()
    for (label, group) in groups.enumerated() {
      let quota = Double(largest) * Foundation.pow(ratio, -Double(label) / Double(classes))
      kept += group.prefix(max(1, Int(quota)))
    }
    return selecting(kept.sorted())
  }

  /// At most `limit` images of every class (the first ones in file order).
  ///
  /// - Complexity: O(count × 3072).
  public func limited(perClass limit: Int) -> LabeledImages {
    selecting(indicesByClass.flatMap { $0.prefix(limit) }.sorted())
  }
}
