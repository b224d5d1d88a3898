/// The results JSON `train-cifar` writes to `DIR/results.json` (and, per run, to
/// `DIR/k-<k>/result.json`, or `DIR/k-<k>/seed-<s>/result.json` with `--seeds` above 1,
/// as a ``NegativesRunResult``).
///
/// Schema (version 3), all numbers plain JSON numbers; non-finite values are the strings `"inf"`, `"-inf"`, `"nan"`.
/// Version 2 added `evalEvery`, `evalTrainSubset` and each run's `seed` and `epochEvaluations`; version 3 added
/// `trainGeometry` and `testGeometry` to every per-epoch evaluation. Version-1 and -2 files still decode (see
/// `SweepResult+Decoding.swift`): version 1 has no evaluation fields, every run's seed is the sweep's `seed` and
/// `epochEvaluations` is empty; version-2 evaluations have no geometry.
///
///     {
///       "schemaVersion": 3,
///       "dataset": "cifar10" | "cifar100" | "cifar100-coarse",
///       "classes": [Int],              // original labels used, in the order of the new labels 0..N-1
///       "classFrequencies": [Double],  // ρ_c: training-set class frequencies after --imbalance
///       "imbalance": Double, "trainImages": Int, "testImages": Int,
///       "normalization": { "mean": [3 Float], "standardDeviation": [3 Float] },
///       "encoder": { "imageSide": 32, "channels": [Int], "embeddingDimension": Int, "sphere": Bool,
///                   "batchNorm": Bool },     // batchNorm absent in files written before it existed: false
///       "scale": Float, "epochs": Int, "batchSize": Int, "learningRate": Float, "weightDecay": Float,
///       "augment": Bool,
///       "seed": UInt64,                 // --seed: the first run seed of every k
///       "evalEvery": Int,               // --eval-every (0: no per-epoch evaluation); absent in version 1
///       "evalTrainSubset": Int,         // --eval-train-subset; absent when evalEvery is 0 and in version 1
///       "threads": Int,                 // threads that split each batch (rounding depends on it); absent before
///       "runs": [ {                     // one per k and seed: k in the order of --k, then seed, seed+1, …
///         "negatives": Int,             // k
///         "seed": UInt64,               // this run's seed; absent in version 1 (then the sweep's seed)
///         "effectiveBatchSize": Int,    // anchors per batch, max(--batch, k+1)
///         "epochLosses": [Float],       // mean training NCE loss of every epoch
///         "trainingSeconds": Double, "imagesPerSecond": Double,   // anchors+positives encoded per second
///         "epochEvaluations": [ {       // after every evalEvery-th epoch and the last; [] if absent (version 1)
///           "epoch": Int,               // 1-based epochs completed
///           "meanClassifierAccuracy": Double, "meanClassifierLoss": Double,  // as in evaluation, but the class
///                                       // means come from evalTrainSubset training images per class
///           "trainGeometry", "testGeometry": {   // NeuralCollapseMeasures of that subset and of the test set;
///             "nc1", "equinorm", "equiangularity", "nearestCentreAccuracy", "nearestCentreAgreement",
///             "commonOffset": Double, "classMeanGram": [[Double]]   // absent before version 3
///           }
///         } ],
///         "evaluation": {
///           "meanClassifierAccuracy": Double,    // plain test accuracy, ties are errors
///           "meanClassifierLoss": Double,        // L_sup^μ, class losses weighted by classFrequencies (ρ)
///           "balancedMeanClassifierLoss": Double, // the same with uniform class weights
///           "linearProbeAccuracy": Double,
///           "nceTestLoss": { "negatives": Int, "draws": Int, "mean": Double, "lower95": Double, "upper95": Double },
///           "geometry": { "withinClassSpread": Double, "betweenClassSpread": Double, "spreadRatio": Double,
///                         "classMeanNorms": [Double], "classMeanCosines": [[Double]], "simplexCosine": Double,
///                         "cosineMaxAbsDeviation": Double, "cosineMeanAbsDeviation": Double }
///         } } ]
///     }
public struct SweepResult: Codable, Equatable, Sendable {
  public var schemaVersion = 3
  public var dataset: CIFARDataset
  public var classes: [Int]
  public var classFrequencies: [Double]
  public var imbalance: Double
  public var trainImages: Int
  public var testImages: Int
  public var normalization: ChannelNormalization
  public var encoder: EncoderConfiguration
  public var scale: Float
  public var epochs: Int
  public var batchSize: Int
  public var learningRate: Float
  public var weightDecay: Float
  public var augment: Bool
  /// `--seed`; run `i` of a k has seed `seed + i`.
  public var seed: UInt64
  public var runs: [NegativesRunResult]
  /// `--eval-every`; `nil` in results written before per-epoch evaluation existed.
  public var evalEvery: Int? = nil
  /// `--eval-train-subset` when per-epoch evaluation is on.
  public var evalTrainSubset: Int? = nil
  /// ``TrainingRuntime/threads`` of the run: results are reproducible for a given
  /// value; `nil` in results written before the batch was split between threads.
  public var threads: Int? = nil

  public init(
    dataset: CIFARDataset, classes: [Int], classFrequencies: [Double], imbalance: Double, trainImages: Int,
    testImages: Int, normalization: ChannelNormalization, encoder: EncoderConfiguration, scale: Float, epochs: Int,
    batchSize: Int, learningRate: Float, weightDecay: Float, augment: Bool, seed: UInt64, runs: [NegativesRunResult],
    evalEvery: Int? = nil, evalTrainSubset: Int? = nil, threads: Int? = nil
  ) {
    self.dataset = dataset
    self.classes = classes
    self.classFrequencies = classFrequencies
    self.imbalance = imbalance
    self.trainImages = trainImages
    self.testImages = testImages
    self.normalization = normalization
    self.encoder = encoder
    self.scale = scale
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    self.augment = augment
    self.seed = seed
    self.runs = runs
    self.evalEvery = evalEvery
    self.evalTrainSubset = evalTrainSubset
    self.threads = threads
  }

  // Spelled out because the decoder (SweepResult+Decoding.swift) accepts older versions.
  enum CodingKeys: String, CodingKey {
    case schemaVersion, dataset, classes, classFrequencies, imbalance, trainImages, testImages, normalization
    case encoder, scale, epochs, batchSize, learningRate, weightDecay, augment, seed, runs, evalEvery
    case evalTrainSubset, threads
  }
}

/// One trained representation of a sweep: its k and seed, training record and test evaluation.
public struct NegativesRunResult: Codable, Equatable, Sendable {
  public var negatives: Int
  /// The seed of this run's training stream.
  public var seed: UInt64
  public var effectiveBatchSize: Int
  public var epochLosses: [Float]
  public var trainingSeconds: Double
  public var imagesPerSecond: Double
  /// The mean classifier after the evaluated epochs, in epoch order.
  public var epochEvaluations: [EpochEvaluation]
  public var evaluation: RepresentationEvaluation

  public init(
    negatives: Int, seed: UInt64, effectiveBatchSize: Int, epochLosses: [Float], trainingSeconds: Double,
    imagesPerSecond: Double, epochEvaluations: [EpochEvaluation], evaluation: RepresentationEvaluation
  ) {
    self.negatives = negatives
    self.seed = seed
    self.effectiveBatchSize = effectiveBatchSize
    self.epochLosses = epochLosses
    self.trainingSeconds = trainingSeconds
    self.imagesPerSecond = imagesPerSecond
    self.epochEvaluations = epochEvaluations
    self.evaluation = evaluation
  }

  // Spelled out because the decoder (SweepResult+Decoding.swift) accepts older versions.
  enum CodingKeys: String, CodingKey {
    case negatives, seed, effectiveBatchSize, epochLosses, trainingSeconds, imagesPerSecond, epochEvaluations
    case evaluation
  }
}
