import ContrastiveLoss

/// The mean classifier of docs/theory.md §4: class means `μ_c` of training
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
      for index in 0..<dimension { sums[label * dimension + index] += Double(features[row * dimension + index]) }
    }
    means = sums.enumerated().map { Float($0.element / Double(max(counts[$0.offset / dimension], 1))) }
    self.classCount = classCount
    self.dimension = dimension
  }

  /// The frequency of every class among `labels`: the training frequencies ρ that
  /// ``evaluate(features:labels:scale:classWeights:)`` takes as class weights.
  ///
  /// - Complexity: O(labels + classCount).
  public static func classFrequencies(labels: [Int], classCount: Int) -> [Double] {
    var counts = [Double](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts.map { $0 / Double(max(labels.count, 1)) }
  }

  /// `⟨μ_c, f(x)⟩` for every class.
  ///
  /// - Complexity: O(N · d).
  public func innerProducts(_ features: [Float], row: Int) -> [Float] {
    (0..<classCount).map { label in
      var sum: Float = 0
      for index in 0..<dimension { sum += means[label * dimension + index] * features[row * dimension + index] }
      return sum
    }
  }

  /// Accuracy over the inputs (ties count as errors), the `L_sup^μ` loss of docs/theory.md §4
  /// with class weights `classWeights` (ρ; each class's mean loss over its inputs,
  /// weighted), and the balanced loss (uniform weights over the classes present).
  ///
  /// Passing the training class frequencies as ρ makes the loss the population
  /// `L_sup^μ` of the training distribution even when the test set is balanced.
  ///
  /// - Complexity: O(n · N · d).
  public func evaluate(
    features: [Float], labels: [Int], scale: Float, classWeights: [Double]
  ) -> (accuracy: Double, loss: Double, balancedLoss: Double) {
    precondition(classWeights.count == classCount, "one weight per class")
    var correct = 0
    var classLoss = [Double](repeating: 0, count: classCount)
    var classCount = [Int](repeating: 0, count: self.classCount)
    for (row, label) in labels.enumerated() {
      let scores = innerProducts(features, row: row)
      if scores.indices.allSatisfy({ $0 == label || scores[$0] < scores[label] }) { correct += 1 }
      let loss = Double(MeanClassifierLoss.loss(innerProducts: scores, label: label, scale: scale))
      classLoss[label] += loss
      classCount[label] += 1
    }
    let present = classCount.indices.filter { classCount[$0] > 0 }
    let classMean = { (label: Int) in classLoss[label] / Double(classCount[label]) }
    let balanced = present.map(classMean).reduce(0, +) / Double(max(present.count, 1))
    let presentWeight = present.map { classWeights[$0] }.reduce(0, +)
    let weighted =
      present.map { classWeights[$0] * classMean($0) }.reduce(0, +) / max(presentWeight, .leastNormalMagnitude)
    return (Double(correct) / Double(max(labels.count, 1)), weighted, balanced)
  }
}
