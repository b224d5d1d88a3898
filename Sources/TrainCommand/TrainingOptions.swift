import CIFARTraining
import CommandLineSupport
import Foundation
import TrainingResults

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
  /// Part of every checkpoint's fingerprint, since it changes the rounding.
  public var threads: Int?
  public var showHelp = false
  public var showVersion = false

  public init() {}

  /// Parses `arguments` (without the program name) against ``TrainFlags/all``; both
  /// `--flag value` and `--flag=value` work.
  ///
  /// - Throws: ``CommandError`` (exit 64) naming the offending flag.
  public static func parse(_ arguments: [String]) throws -> TrainingOptions {
    let parsed = try ParsedArguments(arguments, flags: TrainFlags.all)
    var options = TrainingOptions()
    options.showHelp = parsed.helpRequested
    options.showVersion = parsed.versionRequested
    if parsed.helpRequested || parsed.versionRequested { return options }
    let datasets = CIFARDataset.allCases.map(\.rawValue)
    options.dataset = CIFARDataset(rawValue: try parsed.value("--dataset", .oneOf(datasets), default: "cifar10"))!
    if let text = parsed.text("--k") { options.negatives = try NegativesRange.parse(text) }
    options.epochs = try parsed.value("--epochs", .count, default: options.epochs)
    options.dimension = try parsed.value("--dim", .integer(in: 1...4096, expected: "1 to 4096"), default: 128)
    options.channels = try parsed.value("--channels", .channelList, default: options.channels)
    options.scale = Float(
      try parsed.value(
        "--scale",
        // Scores lie in [−1, 1], so exponents reach 2s; e^(2s) overflows Float beyond s ≈ 44.36.
        .number(expected: "a scale in (0, 44): exp(2·scale) must not overflow Float") { $0 > 0 && $0 < 44 },
        default: Double(options.scale)))
    options.seed = try parsed.value("--seed", .unsigned, default: 0)
    options.output = try parsed.value("--out", .nonEmpty("a directory"), default: options.output)
    options.data = parsed.text("--data")
    options.classes = try parsed.value("--classes", .labelList)
    options.imbalance = try parsed.value(
      "--imbalance", .number(expected: "a ratio ≥ 1") { $0 >= 1 }, default: options.imbalance)
    options.trainPerClass = try parsed.value("--train-per-class", .count)
    options.batchSize = try parsed.value("--batch", .integer(in: 2...Int.max, expected: "at least 2"), default: 256)
    options.learningRate = Float(
      try parsed.value("--lr", .number(expected: "a positive step size") { $0 > 0 }, default: 2e-3))
    options.nceDraws = try parsed.value("--nce-draws", .count, default: options.nceDraws)
    options.evalEvery = try parsed.value(
      "--eval-every", .integer(in: 0...Int.max, expected: "0 (no per-epoch evaluation) or a number of epochs"),
      default: 1)
    options.evalTrainSubset = try parsed.value("--eval-train-subset", .count, default: options.evalTrainSubset)
    options.seeds = try parsed.value("--seeds", .count, default: 1)
    options.threads = try parsed.value("--threads", .integer(in: 1...1024, expected: "1 to 1024 threads"))
    options.sphere = parsed.contains("--sphere")
    options.resume = parsed.contains("--resume")
    options.augment = !parsed.contains("--no-augment")
    options.batchNorm = !parsed.contains("--no-batch-norm")
    try options.validate()
    return options
  }

  /// Checks what single flags cannot: labels against the data set, and the memory one
  /// training step would need (before anything is allocated or any folder created).
  func validate() throws {
    if let classes {
      guard classes.count >= 2 else { throw CommandError.usage("--classes: needs at least two classes") }
      guard classes.allSatisfy({ (0..<dataset.classCount).contains($0) }) else {
        throw CommandError.usage(
          "--classes: labels must lie in 0..<\(dataset.classCount) for \(dataset.rawValue)")
      }
    }
    let limit = ProcessInfo.processInfo.physicalMemory / 2
    for k in negatives {
      let bytes = stepMemory(negatives: k)
      guard bytes > limit else { continue }
      let flag = k + 1 > batchSize ? "--k" : "--batch"
      throw CommandError.usage(
        "\(flag): a batch of \(max(batchSize, k + 1)) anchors (k = \(k), --batch \(batchSize)) needs about "
          + "\(bytes >> 30) GiB per step, more than half of this machine's \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; "
          + "use a smaller \(flag)")
    }
  }

  /// Bytes one step keeps for `k` negatives: the `B × k` negative indices and scores, and
  /// the activations and their gradients of two views
  /// of every anchor, each stage's convolution output and pooled output in `Float`, twice
  /// for the backward pass. For the default network at batch 256 this is 0.3 GB, twice
  /// the ~150 MB of activations measured (``TrainingRuntime``), so it errs on the safe side.
  func stepMemory(negatives k: Int) -> UInt64 {
    var perImage: UInt64 = 0
    var side: UInt64 = 32
    for output in channels.map(UInt64.init) {
      perImage += output * side * side + output * side * side / 4
      side /= 2
    }
    let anchors = UInt64(max(batchSize, k + 1))
    let (activations, overflow) = (2 * anchors).multipliedReportingOverflow(by: 2 * 4 * (perImage + UInt64(dimension)))
    // Each anchor's k negatives: an index (8 bytes), a score and its gradient (4 + 4).
    let (pairs, pairsOverflow) = anchors.multipliedReportingOverflow(by: UInt64(k) * 16)
    return overflow || pairsOverflow ? .max : activations + pairs
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
