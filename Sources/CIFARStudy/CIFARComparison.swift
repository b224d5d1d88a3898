import ExactArithmetic
import LatentClassTheory
import TrainingResults

/// A trained CIFAR sweep beside the exact predictions for its class-level model
/// (docs/theory.md §5, §10): the certified population optimum `L*_k` as a floor under the
/// trained NCE loss, the optimum's geometry against the learned class means (at the end
/// and per epoch), and the statistics of accuracy against k. It computes everything a
/// report states; `Reports` only renders it.
///
/// **Which floor** (docs/theory.md §10): the trained NCE loss is estimated on the test set
/// (anchors and negatives drawn from its images), and CIFAR test sets are balanced, so the
/// floor is `L*_k` of *uniform* class frequencies over the run's classes: the simplex's loss
/// (T2), for long-tailed training sets too. The *geometry* is compared with the optimum of
/// the training frequencies ρ, the distribution the loss was minimised under: the simplex
/// for uniform ρ, the certified general optimum (docs/theory.md §6) otherwise.
public struct CIFARComparison: Sendable {
  /// One trained `k` and the certified optimum of the matching model.
  public struct Row: Sendable {
    public let run: NegativesRunResult
    /// An enclosure of `L*_k = min L_k` over the unit ball for the distribution the test
    /// loss was estimated under (uniform classes): the simplex's loss. `nil` if unavailable.
    public let optimumLoss: Interval?
    /// The certified optimum's Gram matrix (class level) for the training frequencies ρ;
    /// `nil` when the certificate failed.
    public let optimumGram: RationalMatrix?

    public init(run: NegativesRunResult, optimumLoss: Interval?, optimumGram: RationalMatrix?) {
      self.run = run
      self.optimumLoss = optimumLoss
      self.optimumGram = optimumGram
    }

    /// The geometry after every evaluated epoch that recorded it, with the relative
    /// Frobenius distances of the class-mean Grams to ``optimumGram``.
    public var epochGeometry: [EpochGeometry] {
      let optimum = optimumGram?.approximateDoubles
      return run.epochEvaluations.compactMap { evaluation in
        guard let train = evaluation.trainGeometry, let test = evaluation.testGeometry else { return nil }
        func distances(_ measures: NeuralCollapseMeasures) -> (plain: Double?, centred: Double?) {
          guard let optimum else { return (nil, nil) }
          return (
            NeuralCollapseMeasures.relativeGramDistance(measures.classMeanGram, to: optimum),
            NeuralCollapseMeasures.centredRelativeGramDistance(measures.classMeanGram, to: optimum)
          )
        }
        return EpochGeometry(
          epoch: evaluation.epoch, train: train, test: test, trainGramDistance: distances(train),
          testGramDistance: distances(test))
      }
    }

    /// Largest and mean `|cos(μ_c, μ_c') − cos(v_c, v_c')|` over `c ≠ c'` between the
    /// learned class means and the certified optimum's class vectors.
    public var cosineDeviationFromOptimum: (maximum: Double, mean: Double)? {
      guard let gram = optimumGram else { return nil }
      return CIFARComparison.largestAndMeanDeviation(
        run.evaluation.geometry.classMeanCosines, CIFARComparison.cosines(gram.approximateDoubles))
    }

    /// `‖(1/N) Σ_c μ_c‖`: the part all learned class means share. Adding one vector to
    /// every representation leaves each score difference `⟨f, f⁻ − f⁺⟩` unchanged on
    /// average, so training removes it only slowly, through the norm bound; the simplex
    /// has none.
    public var commonOffsetNorm: Double {
      let gram = CIFARComparison.learnedGram(run.evaluation.geometry)
      let total = gram.joined().reduce(0, +)
      return max(total, 0).squareRoot() / Double(max(gram.count, 1))
    }

    /// ``cosineDeviationFromOptimum`` after subtracting the mean class vector from the
    /// learned class means and from the optimum's vectors: how far the *shape* of the
    /// learned means is from the optimum's, whatever their common offset.
    public var centeredCosineDeviationFromOptimum: (maximum: Double, mean: Double)? {
      guard let gram = optimumGram else { return nil }
      let learned = CIFARComparison.cosines(
        CIFARComparison.centered(CIFARComparison.learnedGram(run.evaluation.geometry)))
      let predicted = CIFARComparison.cosines(CIFARComparison.centered(gram.approximateDoubles))
      return CIFARComparison.largestAndMeanDeviation(learned, predicted)
    }
  }

  /// The geometry of one evaluated epoch (training subset and test set) and its distance to the optimum.
  public struct EpochGeometry: Sendable {
    public let epoch: Int
    public let train: NeuralCollapseMeasures
    public let test: NeuralCollapseMeasures
    /// `‖G − G*‖_F / ‖G*‖_F` and the same modulo `J` (``NeuralCollapseMeasures``), `nil` without an optimum.
    public let trainGramDistance: (plain: Double?, centred: Double?)
    public let testGramDistance: (plain: Double?, centred: Double?)
  }

  /// Mean, sample standard deviation and range of one quantity over the runs of a k.
  public struct Spread: Sendable, Equatable {
    public let mean: Double
    /// The sample standard deviation (divisor n − 1); 0 for a single run.
    public let standardDeviation: Double
    public let minimum: Double
    public let maximum: Double
    public let count: Int

    /// - Complexity: O(values).
    public init(_ values: [Double]) {
      precondition(!values.isEmpty, "a spread needs at least one value")
      count = values.count
      // Summed left to right, so a single value is its own mean bit for bit.
      let mean = values.reduce(0, +) / Double(count)
      self.mean = mean
      let squares = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
      standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
      minimum = values.min()!
      maximum = values.max()!
    }
  }

  /// The runs of one `k`, one per seed, in the order of the sweep.
  public struct Group: Sendable {
    public let negatives: Int
    public let rows: [Row]

    /// The spread of `value` over the runs where it is defined; `nil` if it is nowhere.
    public func spread(_ value: (Row) -> Double?) -> Spread? {
      let values = rows.compactMap(value)
      return values.isEmpty ? nil : Spread(values)
    }

    /// The mean over this k's runs of each evaluated epoch's test accuracy, in epoch
    /// order; an epoch counts the runs that evaluated it.
    public var meanEpochAccuracy: [(epoch: Int, accuracy: Double)] {
      var byEpoch: [Int: [Double]] = [:]
      for row in rows {
        for evaluation in row.run.epochEvaluations {
          byEpoch[evaluation.epoch, default: []].append(evaluation.meanClassifierAccuracy)
        }
      }
      return byEpoch.keys.sorted().map { ($0, Spread(byEpoch[$0]!).mean) }
    }
  }

  /// `G_ij / √(G_ii G_jj)`: the cosines between the class vectors of a Gram matrix.
  ///
  /// - Complexity: O(N²).
  public static func cosines(_ gram: [[Double]]) -> [[Double]] {
    let norms = gram.indices.map { gram[$0][$0].squareRoot() }
    return gram.indices.map { i in gram.indices.map { j in gram[i][j] / max(norms[i] * norms[j], 1e-300) } }
  }

  /// `⟨μ_c, μ_c'⟩` of the learned class means, from their norms and cosines.
  public static func learnedGram(_ geometry: RepresentationGeometry) -> [[Double]] {
    let norms = geometry.classMeanNorms
    return geometry.classMeanCosines.indices.map { i in
      norms.indices.map { j in norms[i] * norms[j] * geometry.classMeanCosines[i][j] }
    }
  }

  /// `(I − 11ᵀ/N) G (I − 11ᵀ/N)`: the Gram matrix of the vectors minus their mean.
  ///
  /// - Complexity: O(N²).
  public static func centered(_ gram: [[Double]]) -> [[Double]] {
    let n = Double(gram.count)
    let rowMeans = gram.map { $0.reduce(0, +) / n }
    let mean = rowMeans.reduce(0, +) / n
    return gram.indices.map { i in gram.indices.map { j in gram[i][j] - rowMeans[i] - rowMeans[j] + mean } }
  }

  /// Largest and mean `|a_ij − b_ij|` over `i ≠ j`; `nil` for mismatched or 1×1 matrices.
  public static func largestAndMeanDeviation(_ a: [[Double]], _ b: [[Double]]) -> (maximum: Double, mean: Double)? {
    guard a.count == b.count, a.count > 1 else { return nil }
    var deviations: [Double] = []
    for i in a.indices {
      for j in a.indices where j != i { deviations.append(abs(a[i][j] - b[i][j])) }
    }
    return (deviations.max()!, deviations.reduce(0, +) / Double(deviations.count))
  }

  public let sweep: SweepResult
  /// One per trained run (k and seed), in the order of the sweep.
  public let rows: [Row]
  /// The runs grouped by k, in the order each k first appears.
  public var groups: [Group] {
    var order: [Int] = []
    var byK: [Int: [Row]] = [:]
    for row in rows {
      if byK[row.run.negatives] == nil { order.append(row.run.negatives) }
      byK[row.run.negatives, default: []].append(row)
    }
    return order.map { Group(negatives: $0, rows: byK[$0]!) }
  }
  /// Whether some k was trained with more than one seed, so the report shows spreads.
  public var hasSeveralSeeds: Bool { groups.contains { $0.rows.count > 1 } }
  /// Whether some run recorded per-epoch evaluations.
  public var hasEpochEvaluations: Bool { rows.contains { !$0.run.epochEvaluations.isEmpty } }
  /// The class-level model: `N` classes, scale `s` exactly as trained (a `Float`, so a dyadic rational).
  public let classes: Int
  public let scale: Rational
  /// Whether every class has the same training frequency, so T2 predicts the simplex.
  public let isUniform: Bool
  /// The optimum's N-way mean-classifier loss (uniform models only).
  public let predictedDownstreamLoss: Interval?
  public let precision: Int

  /// Certifies `L*_k` once for every distinct trained `k` (several seeds share it).
  ///
  /// - Complexity: that of ``UniformVerification`` (or ``GeneralVerification``) over the sweep's distinct `k`.
  public init(sweep: SweepResult, precision: Int) {
    self.sweep = sweep
    self.precision = precision
    classes = sweep.classes.count
    scale = Rational(exactly: Double(sweep.scale)) ?? 1
    let expected = 1 / Double(max(classes, 1))
    isUniform = sweep.classFrequencies.allSatisfy { abs($0 - expected) < 1e-9 }
    var seen = Set<Int>()
    let ks = sweep.runs.map(\.negatives).filter { seen.insert($0).inserted }
    if isUniform {
      let model = UniformModel(classes: classes, scale: scale, precision: precision)
      let verification = UniformVerification(model: model, negatives: ks)
      let optimum = Dictionary(uniqueKeysWithValues: verification.rows.map { ($0.negatives, $0.contrastiveLoss) })
      rows = sweep.runs.map { Row(run: $0, optimumLoss: optimum[$0.negatives], optimumGram: model.simplexGram) }
      predictedDownstreamLoss = verification.downstream.weightedLoss
      return
    }
    predictedDownstreamLoss = nil
    // The test set is balanced: its floor is the uniform model's, whatever ρ was trained on.
    let floor = UniformVerification(
      model: UniformModel(classes: classes, scale: scale, precision: precision), negatives: ks)
    let floors = Dictionary(uniqueKeysWithValues: floor.rows.map { ($0.negatives, $0.contrastiveLoss) })
    guard let model = try? LatentClassModel.classLevel(rho: CIFARComparison.exactFrequencies(sweep)) else {
      rows = sweep.runs.map { Row(run: $0, optimumLoss: floors[$0.negatives], optimumGram: nil) }
      return
    }
    let certified = GeneralVerification.run(model: model, ks: ks, scale: scale, precision: precision, locate: false)
    let optimum = Dictionary(uniqueKeysWithValues: certified.map { ($0.negatives, $0) })
    rows = sweep.runs.map { run in
      let row = optimum[run.negatives]!
      return Row(
        run: run, optimumLoss: floors[run.negatives],
        optimumGram: row.certificate.lowerBound == nil ? nil : row.certificate.gram)
    }
  }

  /// The training class frequencies as exact rationals: counts over the total, with
  /// the counts recovered from the stored `Double` frequencies.
  static func exactFrequencies(_ sweep: SweepResult) -> [Rational] {
    let counts = sweep.classFrequencies.map { max(1, Int(($0 * Double(sweep.trainImages)).rounded())) }
    let total = counts.reduce(0, +)
    return counts.map { Rational($0, total) }
  }

  /// Whether the trained loss's 95% interval reaches above the certified floor, as it must
  /// for any representation in the unit ball (up to sampling error): `nil` without a floor.
  public func isAboveFloor(_ row: Row) -> Bool? {
    guard let floor = row.optimumLoss?.lowerBound else { return nil }
    return row.run.evaluation.nceTestLoss.upper95 >= floor.approximateDouble
  }
}
