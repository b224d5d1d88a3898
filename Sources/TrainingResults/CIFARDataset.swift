/// The three label sets the trainer understands and how their binary files are laid out.
///
/// A CIFAR-10 record is one label byte followed by 3072 pixel bytes (1024 red,
/// 1024 green, 1024 blue, each a row-major 32×32 plane). A CIFAR-100 record has a
/// coarse and a fine label byte before the same 3072 pixels.
public enum CIFARDataset: String, CaseIterable, Sendable, Codable {
  case cifar10
  case cifar100
  case cifar100Coarse = "cifar100-coarse"

  /// Bytes of pixel data per image: 3 channels of 32×32.
  public static let pixelsPerImage = 3 * 32 * 32

  /// The folder name of the official binary download.
  public var folderName: String {
    self == .cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary"
  }

  /// Bytes per record: the label bytes plus the pixels.
  public var recordSize: Int { labelBytes + Self.pixelsPerImage }

  /// Number of label bytes in front of the pixels.
  public var labelBytes: Int { self == .cifar10 ? 1 : 2 }

  /// Which label byte this label set reads (CIFAR-100: 0 coarse, 1 fine).
  public var labelOffset: Int { self == .cifar100 ? 1 : 0 }

  /// Number of classes of this label set.
  public var classCount: Int {
    switch self {
    case .cifar10: 10
    case .cifar100: 100
    case .cifar100Coarse: 20
    }
  }

  /// The training files, relative to the dataset folder.
  public var trainingFiles: [String] {
    self == .cifar10 ? (1...5).map { "data_batch_\($0).bin" } : ["train.bin"]
  }

  /// The test files, relative to the dataset folder.
  public var testFiles: [String] {
    self == .cifar10 ? ["test_batch.bin"] : ["test.bin"]
  }
}
