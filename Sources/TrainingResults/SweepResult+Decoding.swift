import Foundation

extension SweepResult {
  /// Reads a `results.json` written by `train-cifar` (non-finite numbers as strings).
  ///
  /// - Throws: `DecodingError` (also for a file ``validate()`` rejects) or the file system's error.
  public static func load(contentsOf url: URL) throws -> SweepResult {
    try decode(Data(contentsOf: url))
  }

  /// Decodes schema versions 3, 2 (per-epoch evaluations without geometry) and 1 (no evaluation settings, no run seeds, no
  /// per-epoch evaluations), so the committed results of earlier sweeps keep loading.
  /// A version-1 run's seed is the sweep's seed: those sweeps trained one run per k.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
    dataset = try container.decode(CIFARDataset.self, forKey: .dataset)
    classes = try container.decode([Int].self, forKey: .classes)
    classFrequencies = try container.decode([Double].self, forKey: .classFrequencies)
    imbalance = try container.decode(Double.self, forKey: .imbalance)
    trainImages = try container.decode(Int.self, forKey: .trainImages)
    testImages = try container.decode(Int.self, forKey: .testImages)
    normalization = try container.decode(ChannelNormalization.self, forKey: .normalization)
    encoder = try container.decode(EncoderConfiguration.self, forKey: .encoder)
    scale = try container.decode(Float.self, forKey: .scale)
    epochs = try container.decode(Int.self, forKey: .epochs)
    batchSize = try container.decode(Int.self, forKey: .batchSize)
    learningRate = try container.decode(Float.self, forKey: .learningRate)
    weightDecay = try container.decode(Float.self, forKey: .weightDecay)
    augment = try container.decode(Bool.self, forKey: .augment)
    seed = try container.decode(UInt64.self, forKey: .seed)
    evalEvery = try container.decodeIfPresent(Int.self, forKey: .evalEvery)
    evalTrainSubset = try container.decodeIfPresent(Int.self, forKey: .evalTrainSubset)
    threads = try container.decodeIfPresent(Int.self, forKey: .threads)
    // Each run is decoded through its own decoder so it can default its seed to the sweep's.
    var list = try container.nestedUnkeyedContainer(forKey: .runs)
    runs = []
    while !list.isAtEnd {
      runs.append(try NegativesRunResult(from: try list.superDecoder(), defaultSeed: seed))
    }
  }
}

extension NegativesRunResult {
  /// The `userInfo` key of the seed a run decoded on its own (a `result.json`) gets when
  /// its JSON has none; without it such a run gets seed 0, the default `--seed`.
  public static let defaultSeedKey = CodingUserInfoKey(rawValue: "NegativesRunResult.defaultSeed")!

  /// Decodes version 2 and version 1 (no `seed`: the ``defaultSeedKey`` value; no
  /// `epochEvaluations`: empty).
  public init(from decoder: any Decoder) throws {
    try self.init(from: decoder, defaultSeed: decoder.userInfo[Self.defaultSeedKey] as? UInt64 ?? 0)
  }

  init(from decoder: any Decoder, defaultSeed: UInt64) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    negatives = try container.decode(Int.self, forKey: .negatives)
    seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaultSeed
    effectiveBatchSize = try container.decode(Int.self, forKey: .effectiveBatchSize)
    epochLosses = try container.decode([Float].self, forKey: .epochLosses)
    trainingSeconds = try container.decode(Double.self, forKey: .trainingSeconds)
    imagesPerSecond = try container.decode(Double.self, forKey: .imagesPerSecond)
    epochEvaluations = try container.decodeIfPresent([EpochEvaluation].self, forKey: .epochEvaluations) ?? []
    evaluation = try container.decode(RepresentationEvaluation.self, forKey: .evaluation)
  }
}

extension JSONDecoder {
  /// ``results`` for a single run's `result.json`, whose seed defaults to `defaultSeed`.
  public static func results(defaultSeed: UInt64) -> JSONDecoder {
    let decoder = results
    decoder.userInfo[NegativesRunResult.defaultSeedKey] = defaultSeed
    return decoder
  }
}
