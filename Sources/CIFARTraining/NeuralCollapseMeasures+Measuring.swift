import TrainingResults

extension NeuralCollapseMeasures {
  /// The measures of `features` (`[n, d]`, row-major) with class `labels[i]` in `0..<classCount`.
  ///
  /// `Σ_B⁺` is formed from the eigen-decomposition of the `N × N` matrix `(1/N) M Mᵀ`
  /// (rows of `M` the centred means), whose non-zero eigenpairs `(λ, u)` give those of
  /// `Σ_B` as `(λ, Mᵀu / √(Nλ))`; so `tr(Σ_W Σ_B⁺) = Σ_λ (1/λ)(1/n) Σ_i ⟨f_i − μ_{y_i}, v_λ⟩²`.
  ///
  /// - Complexity: O(n · d · N + N² · d + N³).
  public init(features: [Float], labels: [Int], classCount: Int, dimension d: Int) {
    precondition(features.count == labels.count * d, "one representation per label")
    var sums = [Double](repeating: 0, count: classCount * d)
    var counts = [Int](repeating: 0, count: classCount)
    for (row, label) in labels.enumerated() {
      counts[label] += 1
      for index in 0..<d { sums[label * d + index] += Double(features[row * d + index]) }
    }
    let present = counts.indices.filter { counts[$0] > 0 }
    let means = present.map { c in (0..<d).map { sums[c * d + $0] / Double(counts[c]) } }
    let n = means.count
    let global = (0..<d).map { index in means.map { $0[index] }.reduce(0, +) / Double(max(n, 1)) }
    let centred = means.map { mean in zip(mean, global).map { $0 - $1 } }
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    let commonOffset = dot(global, global).squareRoot()
    let classMeanGram = means.map { a in means.map { dot(a, $0) } }

    let norms = centred.map { dot($0, $0).squareRoot() }
    let meanNorm = norms.reduce(0, +) / Double(max(n, 1))
    let normVariance = norms.map { ($0 - meanNorm) * ($0 - meanNorm) }.reduce(0, +) / Double(max(n, 1))
    let equinorm = meanNorm > 0 ? normVariance.squareRoot() / meanNorm : 0
    var angles: [Double] = []
    for a in 0..<n {
      for b in 0..<n where b != a {
        let cosine = dot(centred[a], centred[b]) / max(norms[a] * norms[b], .leastNormalMagnitude)
        angles.append(abs(cosine + 1 / Double(n - 1)))
      }
    }
    let equiangularity = angles.isEmpty ? 0 : angles.reduce(0, +) / Double(angles.count)

    // The directions of Σ_B⁺ and their eigenvalues.
    let between = SymmetricEigenDecomposition(centred.map { a in centred.map { dot(a, $0) / Double(n) } })
    let largest = between.values.last ?? 0
    let kept = between.values.indices.filter {
      between.values[$0] > NeuralCollapseMeasures.pseudoInverseTolerance * largest && between.values[$0] > 0
    }
    let directions = kept.map { index -> [Double] in
      let u = between.vectors[index]
      let norm = (Double(n) * between.values[index]).squareRoot()
      return (0..<d).map { column in (0..<n).reduce(0) { $0 + u[$1] * centred[$1][column] } / norm }
    }
    var projected = [Double](repeating: 0, count: kept.count)
    var nearestRight = 0
    var agreeing = 0
    let slot = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($0.element, $0.offset) })
    let halfSquaredNorms = means.map { dot($0, $0) / 2 }
    var deviation = [Double](repeating: 0, count: d)
    for (row, label) in labels.enumerated() {
      let own = slot[label]!
      for index in 0..<d { deviation[index] = Double(features[row * d + index]) - means[own][index] }
      for (position, direction) in directions.enumerated() {
        let p = dot(deviation, direction)
        projected[position] += p * p
      }
      var (nearest, nearestScore) = (0, -Double.infinity)
      var (closest, closestScore) = (0, -Double.infinity)
      for c in 0..<n {
        var inner = 0.0
        for index in 0..<d { inner += means[c][index] * Double(features[row * d + index]) }
        if inner > closestScore { (closest, closestScore) = (c, inner) }
        if inner - halfSquaredNorms[c] > nearestScore { (nearest, nearestScore) = (c, inner - halfSquaredNorms[c]) }
      }
      if nearest == own { nearestRight += 1 }
      if nearest == closest { agreeing += 1 }
    }
    let samples = Double(max(labels.count, 1))
    let nc1 = zip(kept, projected).reduce(0) { $0 + $1.1 / samples / between.values[$1.0] } / Double(max(n, 1))
    let nearestCentreAccuracy = Double(nearestRight) / samples
    let nearestCentreAgreement = Double(agreeing) / samples
    self.init(
      nc1: nc1, equinorm: equinorm, equiangularity: equiangularity, nearestCentreAccuracy: nearestCentreAccuracy,
      nearestCentreAgreement: nearestCentreAgreement, commonOffset: commonOffset, classMeanGram: classMeanGram)
  }
}
