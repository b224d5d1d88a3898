import ContrastiveLoss

/// The mean classifier of theory.md §4: class means `μ_c` of training
/// representations, scores `s·⟨μ_c, f(x)⟩`.
public struct MeanClassifier: Sendable {
  /// `means[c·d ..< (c+1)·d]` is `μ_c` (zero for a class without training images).
  public let means: [Float]
  public let classCount: Int
  public let dimension: Int

  /// Class means of `features` (`[n, d]`), accumulated in `Double`.
  ///
  /// - Complexity: O(n · d).
  public init(features: [Float], labels: [Int], classCount: Int, dimension: Int) {
    var sums = [Double](repeating: 0, count: classCount * dimension)
    var counts = [Int](repeating: 0, count: classCount)
    for (row, label) in labels.enumerated() {
      counts[label] += 1
      for index in 0 ..< dimension { sums[label * dimension + index] += Double(features[row * dimension + index]) }
    }
    means = sums.enumerated().map { Float($0.element / Double(max(counts[$0.offset / dimension], 1))) }
    self.classCount = classCount
    self.dimension = dimension
  }

  /// `⟨μ_c, f(x)⟩` for every class.
  ///
  /// - Complexity: O(N · d).
  public func innerProducts(_ features: [Float], row: Int) -> [Float] {
    (0 ..< classCount).map { label in
      var sum: Float = 0
      for index in 0 ..< dimension { sum += means[label * dimension + index] * features[row * dimension + index] }
      return sum
    }
  }

  /// Accuracy (ties count as errors), the `L_sup^μ` loss averaged over the inputs
  /// (weights = their class frequencies ρ), and the balanced loss (uniform class weights).
  ///
  /// - Complexity: O(n · N · d).
  public func evaluate(features: [Float], labels: [Int], scale: Float) -> (accuracy: Double, loss: Double, balancedLoss: Double) {
    var correct = 0
    var lossSum = 0.0
    var classLoss = [Double](repeating: 0, count: classCount)
    var classCount = [Int](repeating: 0, count: self.classCount)
    for (row, label) in labels.enumerated() {
      let scores = innerProducts(features, row: row)
      if scores.indices.allSatisfy({ $0 == label || scores[$0] < scores[label] }) { correct += 1 }
      let loss = Double(MeanClassifierLoss.loss(innerProducts: scores, label: label, scale: scale))
      lossSum += loss
      classLoss[label] += loss
      classCount[label] += 1
    }
    let present = classCount.indices.filter { classCount[$0] > 0 }
    let balanced = present.map { classLoss[$0] / Double(classCount[$0]) }.reduce(0, +) / Double(max(present.count, 1))
    let n = Double(max(labels.count, 1))
    return (Double(correct) / n, lossSum / n, balanced)
  }
}
