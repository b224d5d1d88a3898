import CIFARTraining
import CommandLineSupport
import Foundation
import TrainingResults

/// Every setting that changes a run's numbers, stored as `DIR/settings.json` when a
/// sweep starts, so `--resume` can refuse a changed setting by name instead of mixing
/// runs of two configurations in one results.json. The list of k and the number of
/// seeds may change: each run lives in its own folder and extending a sweep is safe.
struct SessionSettings: Codable, Equatable {
  var dataset: String
  var classes: [Int]?
  var imbalance: Double
  var trainPerClass: Int?
  var epochs: Int
  var dim: Int
  var channels: [Int]
  var scale: Float
  var seed: UInt64
  var batch: Int
  var lr: Float
  var augment: Bool
  var batchNorm: Bool
  var sphere: Bool
  var nceDraws: Int
  var evalEvery: Int
  var evalTrainSubset: Int
  /// The resolved thread count: it changes the rounding, so the weights.
  var threads: Int

  init(_ options: TrainingOptions, threads: Int) {
    dataset = options.dataset.rawValue
    classes = options.classes
    imbalance = options.imbalance
    trainPerClass = options.trainPerClass
    epochs = options.epochs
    dim = options.dimension
    channels = options.channels
    scale = options.scale
    seed = options.seed
    batch = options.batchSize
    lr = options.learningRate
    augment = options.augment
    batchNorm = options.batchNorm
    sphere = options.sphere
    nceDraws = options.nceDraws
    evalEvery = options.evalEvery
    evalTrainSubset = options.evalTrainSubset
    self.threads = threads
  }

  /// The settings that differ, as `--lr 0.002 → 0.01`, in flag order.
  func differences(from earlier: SessionSettings) -> [String] {
    func describe(_ value: Any) -> String {
      let mirror = Mirror(reflecting: value)
      if mirror.displayStyle == .optional { return mirror.children.first.map { describe($0.value) } ?? "none" }
      if let list = value as? [Int] { return list.map(String.init).joined(separator: ",") }
      return "\(value)"
    }
    func compare<T: Equatable>(_ flag: String, _ path: KeyPath<SessionSettings, T>) -> String? {
      earlier[keyPath: path] == self[keyPath: path]
        ? nil : "\(flag) \(describe(earlier[keyPath: path])) → \(describe(self[keyPath: path]))"
    }
    return [
      compare("--dataset", \.dataset), compare("--classes", \.classes), compare("--imbalance", \.imbalance),
      compare("--train-per-class", \.trainPerClass), compare("--epochs", \.epochs), compare("--dim", \.dim),
      compare("--channels", \.channels), compare("--scale", \.scale), compare("--seed", \.seed),
      compare("--batch", \.batch), compare("--lr", \.lr), compare("--no-augment", \.augment),
      compare("--no-batch-norm", \.batchNorm), compare("--sphere", \.sphere), compare("--nce-draws", \.nceDraws),
      compare("--eval-every", \.evalEvery), compare("--eval-train-subset", \.evalTrainSubset),
      compare("--threads", \.threads),
    ].compactMap { $0 }
  }

  /// The file name inside the output directory.
  static let fileName = "settings.json"

  /// Checks `--resume` against the settings stored in `directory`, or records them for a new sweep.
  ///
  /// - Throws: ``CommandError`` (exit 64): a resume with changed settings (naming every one),
  ///   a resume of a directory with nothing in it to resume, or a new sweep into a directory
  ///   that holds one (it would mix two sweeps' runs).
  static func reconcile(_ settings: SessionSettings, directory: String, resume: Bool) throws {
    let path = (directory as NSString).appendingPathComponent(fileName)
    if let data = FileManager.default.contents(atPath: path) {
      guard let stored = try? JSONDecoder().decode(SessionSettings.self, from: data) else {
        throw CommandError.usage("--out: \(EchoedValue.quoted(path)) is not a train-cifar settings file")
      }
      guard resume else {
        throw CommandError.usage(
          "--out: \(EchoedValue.quoted(directory)) holds an earlier sweep; pass --resume to continue it "
            + "or choose another --out")
      }
      let changed = settings.differences(from: stored)
      guard changed.isEmpty else {
        throw CommandError.usage(
          "--resume: \(EchoedValue.quoted(directory)) was trained with other settings: "
            + changed.joined(separator: ", ") + "; resume with the original flags or choose another --out")
      }
      return
    } else if resume && !hasEarlierRuns(directory) {
      throw CommandError.usage(
        "--resume: nothing to resume in \(EchoedValue.quoted(directory)) (no \(fileName)); drop --resume to start")
    }
    // A new sweep, or one of a version before settings.json (its checkpoints still check their own fingerprint).
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    var file = AtomicOutput()
    file.add(bytes: Array(try encoder.encode(settings)), to: path, flag: "--out")
    try file.commit()
  }

  /// Whether `directory` holds runs of a version that wrote no settings file.
  private static func hasEarlierRuns(_ directory: String) -> Bool {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return entries.contains { $0 == "results.json" || $0.hasPrefix("k-") }
  }
}
