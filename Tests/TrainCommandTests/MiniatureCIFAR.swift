import Foundation
import SeededRandom
import TrainingResults

/// A miniature CIFAR-10 download under a fresh folder: 12 random images per file,
/// classes 0…3 (4…9 absent, as a subset run would see them).
struct MiniatureCIFAR {
  let root: String

  init() throws {
    root = NSTemporaryDirectory() + "cifar-session-\(UUID().uuidString)"
    let folder = root + "/cifar-10-batches-bin"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var generator = SplitMix64(seed: 51)
    for name in CIFARDataset.cifar10.trainingFiles + CIFARDataset.cifar10.testFiles {
      let bytes = (0..<12).flatMap { index in
        [UInt8(index % 4)] + (0..<CIFARDataset.pixelsPerImage).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      }
      guard FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)) else {
        throw CocoaError(.fileWriteUnknown)
      }
    }
  }

  /// A tiny network on classes 0…2 (45 training images, 15 per class), written to `root/<out>`.
  func flags(out: String, _ more: [String]) -> [String] {
    [
      "--data", root, "--out", root + "/" + out, "--channels", "2", "--dim", "3", "--batch", "8", "--classes",
      "0,1,2", "--nce-draws", "50",
    ] + more
  }

  func remove() { try? FileManager.default.removeItem(atPath: root) }
}
