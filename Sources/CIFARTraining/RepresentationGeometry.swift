/// How close the learned class means are to the regular simplex that docs/theory.md §5
/// (T2) predicts as the optimum for uniform classes.
public struct RepresentationGeometry: Codable, Equatable, Sendable {
  /// Mean squared distance of a test representation to its class's test mean, `E‖f(x) − μ_c‖²`.
  public var withinClassSpread: Double
  /// Class-frequency-weighted mean squared distance of the test class means to their
  /// overall mean, `Σ_c ρ_c ‖μ_c − μ̄‖²`.
  public var betweenClassSpread: Double
  /// `withinClassSpread / betweenClassSpread`: 0 for perfectly collapsed classes (T1).
  public var spreadRatio: Double
  /// `‖μ_c‖` of the training class means (1 at the simplex).
  public var classMeanNorms: [Double]
  /// `cos(μ_c, μ_c')` of the training class means, row-major `N × N`.
  public var classMeanCosines: [[Double]]
  /// The simplex value `−1/(N−1)` of every off-diagonal cosine.
  public var simplexCosine: Double
  /// Largest `|cos(μ_c, μ_c') + 1/(N−1)|` over `c ≠ c'`.
  public var cosineMaxAbsDeviation: Double
  /// Mean of `|cos(μ_c, μ_c') + 1/(N−1)|` over `c ≠ c'`.
  public var cosineMeanAbsDeviation: Double

  /// The geometry of `classifier`'s (training) means and of the test representations.
  ///
  /// - Complexity: O(n · d + N² · d).
  public init(classifier: MeanClassifier, testFeatures: [Float], testLabels: [Int]) {
    let (classes, dimension) = (classifier.classCount, classifier.dimension)
    let testMeans = MeanClassifier(
      features: testFeatures, labels: testLabels, classCount: classes, dimension: dimension
    ).means
    var counts = [Int](repeating: 0, count: classes)
    var within = 0.0
    for (row, label) in testLabels.enumerated() {
      counts[label] += 1
      for index in 0..<dimension {
        let difference = Double(testFeatures[row * dimension + index] - testMeans[label * dimension + index])
        within += difference * difference
      }
    }
    let n = Double(max(testLabels.count, 1))
    withinClassSpread = within / n
    var between = 0.0
    for index in 0..<dimension {
      let overall =
        (0..<classes).map { Double(counts[$0]) * Double(testMeans[$0 * dimension + index]) }.reduce(0, +) / n
      for label in 0..<classes {
        let difference = Double(testMeans[label * dimension + index]) - overall
        between += Double(counts[label]) / n * difference * difference
      }
    }
    betweenClassSpread = between
    spreadRatio = between > 0 ? within / n / between : .infinity

    let means = classifier.means.map(Double.init)
    func dot(_ a: Int, _ b: Int) -> Double {
      (0..<dimension).map { means[a * dimension + $0] * means[b * dimension + $0] }.reduce(0, +)
    }
    let norms = (0..<classes).map { dot($0, $0).squareRoot() }
    let cosines = (0..<classes).map { a in
      (0..<classes).map { b in dot(a, b) / max(norms[a] * norms[b], .leastNormalMagnitude) }
    }
    let simplex = classes > 1 ? -1 / Double(classes - 1) : 0
    var deviations = [Double]()
    for a in 0..<classes {
      for b in 0..<classes where a != b { deviations.append(abs(cosines[a][b] - simplex)) }
    }
    classMeanNorms = norms
    classMeanCosines = cosines
    simplexCosine = simplex
    cosineMaxAbsDeviation = deviations.max() ?? 0
    cosineMeanAbsDeviation = deviations.isEmpty ? 0 : deviations.reduce(0, +) / Double(deviations.count)
  }
}
