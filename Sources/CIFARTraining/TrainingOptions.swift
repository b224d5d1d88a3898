import Foundation

/// The parsed and validated command line of `train-cifar`; parsing is a pure function.
public struct TrainingOptions: Equatable, Sendable {
  public var dataset: CIFARDataset = .cifar10
  /// The sweep of negatives counts, one training run each.
  public var negatives: [Int] = [64]
  public var epochs = 10
  public var dimension = 128
  public var channels = [32, 64, 128]
  public var scale: Float = 10
  public var seed: UInt64 = 0
  public var output = "runs/cifar"
  /// A CIFAR download directory; `nil` means `cache/data` (filled by `scripts/setup.sh`).
  public var data: String?
  /// Original labels to keep, renumbered in this order; `nil` keeps all classes.
  public var classes: [Int]?
  /// Ratio of the most to the least frequent training class (1 = as shipped).
  public var imbalance = 1.0
  /// Training images kept per class (before `imbalance`); `nil` keeps all.
  public var trainPerClass: Int?
  public var sphere = false
  public var batchNorm = true
  public var resume = false
  public var batchSize = 256
  public var learningRate: Float = 2e-3
  public var augment = true
  /// Test draws for the NCE-loss confidence interval.
  public var nceDraws = 10_000
  /// Evaluate the mean classifier after every `evalEvery`-th epoch (and the last); 0 never.
  public var evalEvery = 1
  /// Training images per class whose representations give the class means of the
  /// per-epoch evaluation (the final evaluation uses all of them).
  public var evalTrainSubset = 100
  /// Independent runs per k, with seeds `seed, seed+1, …`.
  public var seeds = 1
  /// Threads for the encoder (``TrainingRuntime/configure(threads:)``); nil: every core.
  public var threads: Int?
  public var showHelp = false

  public init() {}

  public static let usage = """
    usage: train-cifar [--dataset cifar10|cifar100|cifar100-coarse] [--k 1,4,16,64,256] [--epochs E]
                       [--dim D] [--scale S] [--seed N] [--out DIR] [--data DIR] [--classes 0,1,2]
                       [--imbalance R] [--train-per-class N] [--sphere] [--resume] [--batch B] [--lr LR]
                       [--channels 32,64,128] [--no-batch-norm] [--no-augment] [--nce-draws T]
                       [--eval-every E] [--eval-train-subset N] [--seeds N] [--threads T]
    Trains one encoder per k and seed on latent-class draws (docs/theory.md §1-§3) and writes DIR/results.json.
    --eval-every E         test mean-classifier accuracy and loss after every E-th epoch and the last
                           (default 1; 0 turns it off), recorded as epochEvaluations
    --eval-train-subset N  class means of that per-epoch evaluation from the first N training images
                           of every class (default 100; the final evaluation uses all of them)
    --seeds N              N independent runs per k, seeds S, S+1, ..., S+N-1 for --seed S (default 1),
                           in DIR/k-<k>/seed-<s>/ when N > 1
    --threads T            threads splitting each batch (default: every core); results are reproducible
                           for a given T, and differ between values of T only in rounding
    """

  /// Parses `arguments` (without the program name); both `--flag value` and `--flag=value` work.
  ///
  /// - Throws: ``TrainingError/usage(flag:message:)`` naming the offending flag.
  public static func parse(_ arguments: [String]) throws -> TrainingOptions {
    var options = TrainingOptions()
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
      var flag = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        flag = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      func value() throws -> String {
        if let inlineValue { return inlineValue }
        guard let next = remaining.popFirst() else { throw TrainingError.usage(flag: flag, message: "needs a value") }
        return next
      }
      func number<T: LosslessStringConvertible>(_: T.Type) throws -> T {
        let text = try value()
        guard let parsed = T(text) else { throw TrainingError.usage(flag: flag, message: "'\(text)' is not a number") }
        return parsed
      }
      func list() throws -> [Int] {
        let text = try value()
        let items = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !items.isEmpty, items.allSatisfy({ $0 != nil }) else {
          throw TrainingError.usage(flag: flag, message: "'\(text)' is not a comma-separated list of integers")
        }
        return items.map { $0! }
      }
      switch flag {
      case "--dataset":
        let name = try value()
        guard let dataset = CIFARDataset(rawValue: name) else {
          throw TrainingError.usage(
            flag: flag, message: "unknown dataset '\(name)' (cifar10, cifar100, cifar100-coarse)")
        }
        options.dataset = dataset
      case "--k": options.negatives = try list()
      case "--epochs": options.epochs = try number(Int.self)
      case "--dim": options.dimension = try number(Int.self)
      case "--channels": options.channels = try list()
      case "--scale": options.scale = try number(Float.self)
      case "--seed": options.seed = try number(UInt64.self)
      case "--out": options.output = try value()
      case "--data": options.data = try value()
      case "--classes": options.classes = try list()
      case "--imbalance": options.imbalance = try number(Double.self)
      case "--train-per-class": options.trainPerClass = try number(Int.self)
      case "--batch": options.batchSize = try number(Int.self)
      case "--lr": options.learningRate = try number(Float.self)
      case "--nce-draws": options.nceDraws = try number(Int.self)
      case "--eval-every": options.evalEvery = try number(Int.self)
      case "--eval-train-subset": options.evalTrainSubset = try number(Int.self)
      case "--seeds": options.seeds = try number(Int.self)
      case "--threads": options.threads = try number(Int.self)
      case "--sphere": options.sphere = true
      case "--resume": options.resume = true
      case "--no-augment": options.augment = false
      case "--no-batch-norm": options.batchNorm = false
      case "--help", "-h": options.showHelp = true
      default: throw TrainingError.usage(flag: flag, message: "unknown option (see --help)")
      }
    }
    try options.validate()
    return options
  }

  /// Checks every value against its range.
  func validate() throws {
    func require(_ condition: Bool, _ flag: String, _ message: String) throws {
      if !condition { throw TrainingError.usage(flag: flag, message: message) }
    }
    try require(negatives.allSatisfy { $0 >= 1 }, "--k", "every k must be at least 1")
    try require(Set(negatives).count == negatives.count, "--k", "values must be distinct")
    try require(epochs >= 1, "--epochs", "must be at least 1")
    try require(dimension >= 1, "--dim", "must be at least 1")
    try require(
      channels.count >= 1 && channels.count <= 5 && channels.allSatisfy { $0 >= 1 }, "--channels",
      "1 to 5 positive channel counts")
    try require(scale.isFinite && scale > 0, "--scale", "must be positive")
    // Scores lie in [−1, 1], so exponents reach 2s; e^(2s) overflows Float beyond s ≈ 44.36.
    try require(scale < 44, "--scale", "must be below 44: exp(2·scale) would overflow Float")
    try require(imbalance.isFinite && imbalance >= 1, "--imbalance", "must be a ratio ≥ 1")
    try require(batchSize >= 2, "--batch", "must be at least 2")
    try require(learningRate.isFinite && learningRate > 0, "--lr", "must be positive")
    try require(nceDraws >= 1, "--nce-draws", "must be at least 1")
    try require(evalEvery >= 0, "--eval-every", "must be 0 (no per-epoch evaluation) or a number of epochs")
    try require(evalTrainSubset >= 1, "--eval-train-subset", "must be at least 1 image per class")
    try require(seeds >= 1, "--seeds", "must be at least 1")
    try require(threads.map { $0 >= 1 } ?? true, "--threads", "must be at least 1")
    try require(trainPerClass.map { $0 >= 1 } ?? true, "--train-per-class", "must be at least 1")
    try require(!output.isEmpty, "--out", "must name a directory")
    if let classes {
      try require(classes.count >= 2, "--classes", "needs at least two classes")
      try require(Set(classes).count == classes.count, "--classes", "values must be distinct")
      try require(
        classes.allSatisfy { (0..<dataset.classCount).contains($0) }, "--classes",
        "labels must lie in 0..<\(dataset.classCount) for \(dataset.rawValue)")
    }
  }

  /// The seeds of the runs of every k: `seed, seed+1, …, seed+seeds−1` (wrapping past `UInt64.max`).
  public var runSeeds: [UInt64] { (0..<seeds).map { seed &+ UInt64($0) } }

  /// The training configuration of the run with `negatives` negatives and seed
  /// `runSeed` (default `--seed`).
  public func configuration(negatives: Int, seed runSeed: UInt64? = nil) -> TrainingConfiguration {
    TrainingConfiguration(
      encoder: EncoderConfiguration(
        channels: channels, embeddingDimension: dimension, sphere: sphere, batchNorm: batchNorm),
      negatives: negatives, scale: scale, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
      augment: augment, seed: runSeed ?? seed)
  }
}
