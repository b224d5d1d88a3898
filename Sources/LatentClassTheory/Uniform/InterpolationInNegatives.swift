import ExactArithmetic
import Foundation

/// Certified values of `L_k(G*)`, `u` and `col_k` for many `k` from a few anchors:
/// polynomial interpolation in `k` with a rigorous remainder from analyticity in `k`.
///
/// Each quantity is, for integer `k`, the value of a function analytic in `Re z > 0`
/// (Laplace form, proofs/interpolation-in-k.md): `F(z) = ∫ e^{−t}(1 − φ(t)^z)/t dt` with
/// `|F(z)| ≤ 2 + 2 log(1 + |z|/2)`, and `U(z) = ∫ e^{−t} z q a e^{−ta} φ^{z−1} dt` with
/// `|U(z)| ≤ |z|` for `Re z ≥ 1`. With `n` anchors `k_i` in `[lo, hi]`, the interpolant `P`
/// satisfies `|f(k) − P(k)| ≤ |ω(k)| · M / Rⁿ`, `ω(k) = Π (k − k_i)`, `R = lo − 1`, `M` the
/// bound on `|z| ≤ hi + R` (Cauchy's estimate for the divided difference `f^{(n)}(ξ)/n!`).
/// Anchors at the integer points nearest the Chebyshev points of `[lo, hi]` make
/// `|ω| ≈ 2((hi − lo)/4)ⁿ`, so a block `[c, 2c)` gains two bits per anchor: about
/// `precision/2 + 16` anchors serve every `k` of the block, and fewer a narrower block.
///
/// Error bound: the returned enclosures contain `P(k)` (interval barycentric evaluation
/// of the anchors' enclosures) widened by `|ω(k)| M / Rⁿ`; each is checked against the
/// anchors' own relative width and `nil` is returned when the remainder is not negligible,
/// so callers evaluate that `k` directly.
struct InterpolationBlock: Sendable {
  /// The range of `k` the block serves; it contains the nodes.
  let span: ClosedRange<Int>
  let nodes: [Int]
  let anchors: [SimplexEvaluation]
  /// `w_i · f_i` for the loss, `u` and `col`, with `w_i = 1/Π_{j≠i}(k_i − k_j)`, for nodes
  /// below `k`; their negations for nodes above `k`, where `k − k_i < 0`.
  private let scaledBelow: [ScaledAnchor]
  private let scaledAbove: [ScaledAnchor]
  /// `M_F / Rⁿ` and `M_U / Rⁿ`.
  private let logBound: Interval
  private let multiplierBound: Interval
  private let precision: Int
  private let working: Int

  /// The integers nearest the `count` Chebyshev points of `[lower, upper]`, without repeats.
  static func nodes(from lower: Int, to upper: Int, count: Int) -> [Int] {
    let (middle, half) = (Double(lower + upper) / 2, Double(upper - lower) / 2)
    let points = (0..<count).map { i in
      Int((middle + half * cos(Double(2 * i + 1) * Double.pi / Double(2 * count))).rounded())
    }
    return Array(Set(points.map { min(upper, max(lower, $0)) })).sorted()
  }

  /// - Parameters:
  ///   - anchors: the direct evaluations at `nodes` (sorted, distinct, all `≥ 2`).
  ///   - span: the range `[lo, hi]` every interpolated `k` lies in (it contains the nodes).
  /// - Complexity: O(n²) interval operations for the barycentric weights.
  init(model: UniformModel, nodes: [Int], anchors: [SimplexEvaluation], span: ClosedRange<Int>) {
    precondition(nodes.count == anchors.count && span.lowerBound >= 2, "one anchor per node, k ≥ 2")
    self.span = span
    self.nodes = nodes
    self.anchors = anchors
    precision = model.precision
    let working = model.precision + 24
    self.working = working
    let weights = nodes.indices.map { i in
      var product = BigInt(1)
      for j in nodes.indices where j != i { product = product * BigInt(nodes[i] - nodes[j]) }
      return Interval(1, precision: working) / Interval(product, precision: working)
    }
    scaledBelow = zip(weights, anchors).map {
      ScaledAnchor(loss: $0 * $1.loss, multiplier: $0 * $1.multiplier, collision: $0 * $1.collisionTerm)
    }
    scaledAbove = scaledBelow.map { ScaledAnchor(loss: -$0.loss, multiplier: -$0.multiplier, collision: -$0.collision) }
    // R = lo − 1 keeps every circle |z − ξ| = R, ξ ∈ [lo, hi], in Re z ≥ 1; there |z| ≤ hi + R.
    let radius = span.lowerBound - 1
    let reach = Interval(span.upperBound + radius, precision: working)
    let radiusPower = Interval(radius, precision: working).power(nodes.count)
    logBound =
      (Interval(2) + Interval(2) * Interval.log1p(reach / Interval(2))) / radiusPower
    multiplierBound =
      model.scaleEnclosure * reach / Interval(model.classes * (model.classes - 1)) / radiusPower
  }

  /// The three quantities at `k` (in the block's span), or `nil` when the interpolation
  /// remainder is not below `2^−(precision+2)` of each value.
  /// - Complexity: O(n) interval operations.
  func evaluation(negatives k: Int, reciprocals: [Interval]) -> SimplexEvaluation? {
    if let index = nodes.firstIndex(of: k) { return anchors[index] }
    var lossSum = ProductSum(precision: working)
    var multiplierSum = ProductSum(precision: working)
    var collisionSum = ProductSum(precision: working)
    var omega = Interval(1, precision: working)
    var negativeFactors = 0
    for (i, node) in nodes.enumerated() {
      let distance = abs(k - node)
      omega.multiply(byNonNegative: distance)
      let reciprocal = reciprocals[distance]
      // 1/(k − k_i) = ±1/|k − k_i|: the sign is folded into the scaled anchor values.
      let scaled = node < k ? scaledBelow[i] : scaledAbove[i]
      if node > k { negativeFactors += 1 }
      lossSum.add(scaled.loss, times: reciprocal)
      multiplierSum.add(scaled.multiplier, times: reciprocal)
      collisionSum.add(scaled.collision, times: reciprocal)
    }
    // P(k) = ω(k) Σ_i w_i f_i / (k − k_i), with the sign of ω(k) = (−1)^{#nodes above k}.
    let signedOmega = negativeFactors % 2 == 0 ? omega : -omega
    let bounds = [logBound, multiplierBound, logBound]
    var values: [Interval] = []
    for (q, sum) in [lossSum.value, multiplierSum.value, collisionSum.value].enumerated() {
      let value = signedOmega * sum
      let remainder = omega * bounds[q]
      guard isNegligible(remainder, against: value) else { return nil }
      values.append(value.widened(by: remainder).rounded(toPrecision: precision))
    }
    return SimplexEvaluation(
      loss: values[0], multiplier: values[1], collisionTerm: values[2], method: .interpolation)
  }

  /// The three quantities of one anchor, each times its barycentric weight.
  private struct ScaledAnchor: Sendable {
    let loss: Interval
    let multiplier: Interval
    let collision: Interval
  }

  private func isNegligible(_ radius: Interval, against value: Interval) -> Bool {
    let tolerance = Double(sign: .plus, exponent: -(precision + 2), significand: 1)
    let r = radius.approximateDouble
    return r.isFinite && r <= tolerance * abs(value.approximateDouble)
  }
}

extension UniformModel {
  /// The smallest `k` served by interpolation; below it blocks `[c, 2c)` hold too few
  /// integers for the anchors (and direct evaluation by binomial sums is cheap).
  static let interpolationStart = 128

  /// The number of anchors for a whole dyadic block: two bits per anchor, plus margin for `M` and `|ω|`.
  var anchorsPerBlock: Int { precision / 2 + 16 }

  /// The number of anchors for the block `[lo, hi]`: each anchor gains about
  /// `log₂(4(lo − 1)/(hi − lo))` bits, two for a whole dyadic block, so a narrower block (the
  /// last one of a range) needs proportionally fewer than ``anchorsPerBlock``. Too few only
  /// costs speed: a `k` whose remainder is not negligible is evaluated directly.
  func anchorCount(from lower: Int, to upper: Int) -> Int {
    guard upper > lower else { return 1 }
    let bitsPerAnchor = Foundation.log2(4 * Double(lower - 1) / Double(upper - lower))
    return min(anchorsPerBlock, Int((2 * Double(anchorsPerBlock) / max(2, bitsPerAnchor)).rounded(.up)))
  }

  /// Certifies every `k` of `negatives` (in order): directly below
  /// ``interpolationStart`` and in sparse blocks, by ``InterpolationBlock`` in dyadic blocks
  /// `[c, 2c)` holding more than 1.5 times as many requested `k` as anchors; any `k` whose
  /// interpolation remainder is not negligible is evaluated directly.
  /// - Complexity: O(#blocks · (precision/2) + #sparse) direct evaluations plus O(precision)
  ///   interval operations per interpolated `k`.
  func sweepEvaluations(negatives: [Int], logarithms: LogarithmTable) -> [SimplexEvaluation] {
    var blocks: [(span: ClosedRange<Int>, nodes: [Int])] = []
    var start = UniformModel.interpolationStart
    let distinct = Set(negatives)
    let largest = negatives.max() ?? 0
    while start <= largest {
      let members = distinct.filter { $0 >= start && $0 < 2 * start }
      if let lo = members.min(), let hi = members.max(), case let count = anchorCount(from: lo, to: hi),
        members.count > count * 3 / 2
      {
        blocks.append((lo...hi, InterpolationBlock.nodes(from: lo, to: hi, count: count)))
      }
      start *= 2
    }
    let nodeList = blocks.flatMap(\.nodes)
    // Only a range reaching the moment expansion pays for its shared coefficients.
    let series = largest >= UniformModel.momentExpansionThreshold ? momentSeries : nil
    let anchorValues = UniformVerification.parallelMap(nodeList) {
      self.simplexEvaluation(negatives: $0, method: nil, logarithms: logarithms, series: series)
    }
    var offset = 0
    let interpolators = blocks.map { block in
      defer { offset += block.nodes.count }
      return InterpolationBlock(
        model: self, nodes: block.nodes, anchors: Array(anchorValues[offset..<(offset + block.nodes.count)]),
        span: block.span)
    }
    let widest = blocks.map { $0.span.upperBound - $0.span.lowerBound }.max() ?? 0
    let reciprocals = (0...widest).map {
      $0 == 0 ? Interval(0) : Interval(1, precision: precision + 24) / Interval($0, precision: precision + 24)
    }
    return UniformVerification.parallelMap(negatives) { k in
      if let block = interpolators.first(where: { $0.span.contains(k) }),
        let value = block.evaluation(negatives: k, reciprocals: reciprocals)
      {
        return value
      }
      return self.simplexEvaluation(negatives: k, method: nil, logarithms: logarithms, series: series)
    }
  }
}
