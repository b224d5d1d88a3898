import Foundation
import TrainingResults

/// Reads the official CIFAR binary files and checks them before any training starts.
public enum CIFARLoader {
  /// The folder holding `dataset`'s files, given either that folder itself or
  /// its parent (a standard download directory with `cifar-10-batches-bin/` or
  /// `cifar-100-binary/` inside).
  ///
  /// - Throws: ``TrainingError/missingData(directory:reason:)`` when neither exists.
  public static func datasetFolder(for dataset: CIFARDataset, in directory: String) throws -> String {
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw TrainingError.missingData(directory: directory, reason: "no such directory")
    }
    let nested = (directory as NSString).appendingPathComponent(dataset.folderName)
    if fileManager.fileExists(atPath: nested) { return nested }
    let marker = (directory as NSString).appendingPathComponent(dataset.testFiles[0])
    if fileManager.fileExists(atPath: marker) { return directory }
    throw TrainingError.missingData(
      directory: directory, reason: "contains neither \(dataset.folderName)/ nor \(dataset.testFiles[0])")
  }

  /// The training and test split of `dataset` from `folder` (see ``datasetFolder(for:in:)``).
  ///
  /// - Complexity: O(file size).
  public static func load(_ dataset: CIFARDataset, from folder: String) throws -> (
    train: LabeledImages, test: LabeledImages
  ) {
    let join = { (name: String) in (folder as NSString).appendingPathComponent(name) }
    return (
      try read(files: dataset.trainingFiles.map(join), dataset: dataset),
      try read(files: dataset.testFiles.map(join), dataset: dataset)
    )
  }

  /// Concatenates the records of `files`.
  ///
  /// - Throws: ``TrainingError/file(path:message:)`` naming the first file that is
  ///   missing, empty, not a whole number of records, or holds a label out of range.
  /// - Complexity: O(total file size).
  public static func read(files: [String], dataset: CIFARDataset) throws -> LabeledImages {
    var pixels = [UInt8]()
    var labels = [Int]()
    for path in files {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw TrainingError.file(path: path, message: "missing or unreadable \(dataset.rawValue) file")
      }
      try decode(data, path: path, dataset: dataset, pixels: &pixels, labels: &labels)
    }
    return LabeledImages(pixels: pixels, labels: labels, classCount: dataset.classCount)
  }

  /// Appends the records of one file's bytes.
  ///
  /// - Complexity: O(data.count).
  static func decode(
    _ data: Data, path: String, dataset: CIFARDataset, pixels: inout [UInt8], labels: inout [Int]
  ) throws {
    let recordSize = dataset.recordSize
    guard !data.isEmpty, data.count % recordSize == 0 else {
      throw TrainingError.file(
        path: path,
        message: "\(data.count) bytes is not a positive multiple of the \(recordSize)-byte \(dataset.rawValue) record "
          + "(truncated, or the wrong dataset?)")
    }
    let records = data.count / recordSize
    pixels.reserveCapacity(pixels.count + records * CIFARDataset.pixelsPerImage)
    labels.reserveCapacity(labels.count + records)
    try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
      for record in 0..<records {
        let start = record * recordSize
        let label = Int(bytes[start + dataset.labelOffset])
        guard label < dataset.classCount else {
          throw TrainingError.file(
            path: path,
            message: "record \(record) has label \(label), outside 0..<\(dataset.classCount) of \(dataset.rawValue)")
        }
        if dataset != .cifar10, bytes[start] >= 20 || bytes[start + 1] >= 100 {
          throw TrainingError.file(
            path: path, message: "record \(record) has invalid coarse/fine labels (not CIFAR-100?)")
        }
        labels.append(label)
        pixels.append(contentsOf: bytes[(start + dataset.labelBytes)..<(start + recordSize)])
      }
    }
  }
}
