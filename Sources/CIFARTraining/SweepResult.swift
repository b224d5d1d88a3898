/// The results JSON `train-cifar` writes to `DIR/results.json` (and, per k, to
/// `DIR/k-<k>/result.json` as a ``NegativesRunResult``).
///
/// Schema (version 1), all numbers plain JSON numbers; non-finite values are the strings `"inf"`, `"-inf"`, `"nan"`:
///
///     {
///       "schemaVersion": 1,
///       "dataset": "cifar10" | "cifar100" | "cifar100-coarse",
///       "classes": [Int],              // original labels used, in the order of the new labels 0..N-1
///       "classFrequencies": [Double],  // ρ_c: training-set class frequencies after --imbalance
///       "imbalance": Double, "trainImages": Int, "testImages": Int,
///       "normalization": { "mean": [3 Float], "standardDeviation": [3 Float] },
///       "encoder": { "imageSide": 32, "channels": [Int], "embeddingDimension": Int, "sphere": Bool,
///                   "batchNorm": Bool },     // batchNorm absent in files written before it existed: false
///       "scale": Float, "epochs": Int, "batchSize": Int, "learningRate": Float, "weightDecay": Float,
///       "augment": Bool, "seed": UInt64,
///       "runs": [ {                     // one per k, in the order of --k
///         "negatives": Int,             // k
///         "effectiveBatchSize": Int,    // anchors per batch, max(--batch, k+1)
///         "epochLosses": [Float],       // mean training NCE loss of every epoch
///         "trainingSeconds": Double, "imagesPerSecond": Double,   // anchors+positives encoded per second
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
  public var schemaVersion = 1
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
  public var seed: UInt64
  public var runs: [NegativesRunResult]
}

/// One trained representation of a sweep: its k, training record and test evaluation.
public struct NegativesRunResult: Codable, Equatable, Sendable {
  public var negatives: Int
  public var effectiveBatchSize: Int
  public var epochLosses: [Float]
  public var trainingSeconds: Double
  public var imagesPerSecond: Double
  public var evaluation: RepresentationEvaluation
}
