/// The neural-collapse measures of theory.md §10 (Papyan, Han & Donoho 2020) for one set
/// of representations: how tightly each class clusters around its mean, and how close the
/// class means are to an equal-norm, equal-angle configuration.
///
/// With `μ_c` the mean of class `c` (classes without an input are left out, `N` counts the
/// rest), `μ_G = (1/N) Σ_c μ_c` and `m_c = μ_c − μ_G` the centred means:
///
/// - `nc1 = tr(Σ_W Σ_B⁺) / N`, `Σ_W = (1/n) Σ_i (f_i − μ_{y_i})(f_i − μ_{y_i})ᵀ`,
///   `Σ_B = (1/N) Σ_c m_c m_cᵀ`, `⁺` the Moore–Penrose pseudo-inverse (0 at collapse);
/// - `equinorm`: coefficient of variation (population standard deviation over mean) of `‖m_c‖`;
/// - `equiangularity`: mean over `c ≠ c'` of `|cos(m_c, m_c') + 1/(N−1)|` (0 for a simplex);
/// - `nearestCentreAccuracy`: share of inputs whose nearest class mean (Euclidean) is their own;
/// - `nearestCentreAgreement`: share of inputs on which that nearest-mean decision equals the
///   mean classifier's `argmax_c ⟨μ_c, f⟩` (theory.md §4); they differ only through unequal `‖μ_c‖`;
/// - `commonOffset = ‖μ_G‖`, the vector all class means share (0 at the simplex);
/// - `classMeanGram`: `⟨μ_c, μ_c'⟩` of the uncentred means, kept so a caller that knows the
///   optimum's Gram can measure the distance to it (``relativeGramDistance(_:to:)``).
///
/// Computed in `Double` from `Float` representations.
public struct NeuralCollapseMeasures: Codable, Equatable, Sendable {
  public var nc1: Double
  public var equinorm: Double
  public var equiangularity: Double
  public var nearestCentreAccuracy: Double
  public var nearestCentreAgreement: Double
  public var commonOffset: Double
  public var classMeanGram: [[Double]]

  /// Eigenvalues of `Σ_B` at most this fraction of its largest count as zero in `Σ_B⁺`.
  ///
  /// The representations are `Float`s (relative rounding 6e-8), so the centred means and
  /// their Gram are known to about 1e-7 relative; a direction whose between-class variance
  /// is below 1e-5 of the largest is indistinguishable from the exact null direction that
  /// centring creates (the centred means sum to zero), and inverting it would only
  /// amplify rounding.
  public static let pseudoInverseTolerance = 1e-5

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
    commonOffset = dot(global, global).squareRoot()
    classMeanGram = means.map { a in means.map { dot(a, $0) } }

    let norms = centred.map { dot($0, $0).squareRoot() }
    let meanNorm = norms.reduce(0, +) / Double(max(n, 1))
    let normVariance = norms.map { ($0 - meanNorm) * ($0 - meanNorm) }.reduce(0, +) / Double(max(n, 1))
    equinorm = meanNorm > 0 ? normVariance.squareRoot() / meanNorm : 0
    var angles: [Double] = []
    for a in 0..<n {
      for b in 0..<n where b != a {
        let cosine = dot(centred[a], centred[b]) / max(norms[a] * norms[b], .leastNormalMagnitude)
        angles.append(abs(cosine + 1 / Double(n - 1)))
      }
    }
    equiangularity = angles.isEmpty ? 0 : angles.reduce(0, +) / Double(angles.count)

    // The directions of Σ_B⁺ and their eigenvalues.
    let between = SymmetricEigenDecomposition(centred.map { a in centred.map { dot(a, $0) / Double(n) } })
    let largest = between.values.last ?? 0
    let kept = between.values.indices.filter {
      between.values[$0] > Self.pseudoInverseTolerance * largest && between.values[$0] > 0
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
    nc1 = zip(kept, projected).reduce(0) { $0 + $1.1 / samples / between.values[$1.0] } / Double(max(n, 1))
    nearestCentreAccuracy = Double(nearestRight) / samples
    nearestCentreAgreement = Double(agreeing) / samples
  }

  /// `‖G − G*‖_F / ‖G*‖_F` for the learned class-mean Gram `learned` and an optimum's Gram
  /// `optimum` (supplied by the caller: this module knows no optimum); `nil` if the sizes
  /// differ or `G* = 0`.
  ///
  /// - Complexity: O(N²).
  public static func relativeGramDistance(_ learned: [[Double]], to optimum: [[Double]]) -> Double? {
    distance(learned, optimum, centring: false)
  }

  /// The same distance modulo `J` (theory.md §8): `‖P(G − G*)‖_F / ‖P(G*)‖_F` with
  /// `P(H) = H − (Σ_ij H_ij / N²)·J`. The population loss cannot tell `G` from `G + r·J`,
  /// so this is the part of the distance the loss determines; it equals the plain distance's
  /// numerator minus its `J` component. `nil` if the sizes differ or `P(G*) = 0`.
  ///
  /// - Complexity: O(N²).
  public static func centredRelativeGramDistance(_ learned: [[Double]], to optimum: [[Double]]) -> Double? {
    distance(learned, optimum, centring: true)
  }

  private static func distance(_ learned: [[Double]], _ optimum: [[Double]], centring: Bool) -> Double? {
    let n = optimum.count
    guard n > 0, learned.count == n, learned.allSatisfy({ $0.count == n }), optimum.allSatisfy({ $0.count == n })
    else { return nil }
    func project(_ h: [[Double]]) -> [[Double]] {
      guard centring else { return h }
      let mean = h.joined().reduce(0, +) / Double(n * n)
      return h.map { $0.map { $0 - mean } }
    }
    func norm(_ h: [[Double]]) -> Double { h.joined().reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let reference = norm(project(optimum))
    guard reference > 0 else { return nil }
    return norm(project(zip(learned, optimum).map { zip($0, $1).map { $0 - $1 } })) / reference
  }
}
