import TrainingResults

extension RepresentationGeometry {
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
    var between = 0.0
    for index in 0..<dimension {
      let overall =
        (0..<classes).map { Double(counts[$0]) * Double(testMeans[$0 * dimension + index]) }.reduce(0, +) / n
      for label in 0..<classes {
        let difference = Double(testMeans[label * dimension + index]) - overall
        between += Double(counts[label]) / n * difference * difference
      }
    }

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
    self.init(
      withinClassSpread: within / n, betweenClassSpread: between,
      spreadRatio: between > 0 ? within / n / between : .infinity, classMeanNorms: norms, classMeanCosines: cosines,
      simplexCosine: simplex, cosineMaxAbsDeviation: deviations.max() ?? 0,
      cosineMeanAbsDeviation: deviations.isEmpty ? 0 : deviations.reduce(0, +) / Double(deviations.count))
  }
}
