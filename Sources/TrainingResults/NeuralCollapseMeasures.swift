/// The neural-collapse measures of docs/theory.md §10 (Papyan, Han & Donoho 2020) for one set
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
///   mean classifier's `argmax_c ⟨μ_c, f⟩` (docs/theory.md §4); they differ only through unequal `‖μ_c‖`;
/// - `commonOffset = ‖μ_G‖`, the vector all class means share (0 at the simplex);
/// - `classMeanGram`: `⟨μ_c, μ_c'⟩` of the uncentred means, kept so a caller that knows the
///   optimum's Gram can measure the distance to it (``relativeGramDistance(_:to:)``).
///
/// Computed in `Double` from `Float` representations by the trainer
/// (`NeuralCollapseMeasures+Measuring.swift` in CIFARTraining).
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

  public init(
    nc1: Double, equinorm: Double, equiangularity: Double, nearestCentreAccuracy: Double,
    nearestCentreAgreement: Double, commonOffset: Double, classMeanGram: [[Double]]
  ) {
    self.nc1 = nc1
    self.equinorm = equinorm
    self.equiangularity = equiangularity
    self.nearestCentreAccuracy = nearestCentreAccuracy
    self.nearestCentreAgreement = nearestCentreAgreement
    self.commonOffset = commonOffset
    self.classMeanGram = classMeanGram
  }

  /// `‖G − G*‖_F / ‖G*‖_F` for the learned class-mean Gram `learned` and an optimum's Gram
  /// `optimum` (supplied by the caller: this module knows no optimum); `nil` if the sizes
  /// differ or `G* = 0`.
  ///
  /// - Complexity: O(N²).
  public static func relativeGramDistance(_ learned: [[Double]], to optimum: [[Double]]) -> Double? {
    distance(learned, optimum, centring: false)
  }

  /// The same distance modulo `J` (docs/theory.md §8): `‖P(G − G*)‖_F / ‖P(G*)‖_F` with
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
