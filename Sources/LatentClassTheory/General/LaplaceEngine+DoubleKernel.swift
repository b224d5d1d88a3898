import ExactArithmetic
import Foundation

extension LaplaceEngine {
  /// ``evaluate(_:gram:precision:)`` in `Double`, the solver's hot path: the same panels, rules,
  /// acceptance test and midpoints as the generic code, computed by ``DoubleFrullaniKernel``. When
  /// pairs × points reaches ``parallelWork`` the pairs are split into one contiguous block per core;
  /// each pair is computed exactly as in one block and assembled in the same order, so the result is
  /// the same bits whatever the number of cores.
  ///
  /// Error bound: that of the generic `Double` evaluation (each pair's quadrature error below about
  /// ``tolerance``), the integrands at the nodes being within about `2(panels + 2)` ulps (see
  /// ``DoubleFrullaniKernel``); the tests hold the values inside the `Interval` evaluation's enclosure
  /// widened by `10^{−13}` relative.
  ///
  /// - Complexity: O(pairs · M · 21 · panels) multiply–adds and `41 · pairs · M` exponentials (the generic
  ///   path: `21 · pairs · M · panels` calls of libm's `expm1`), divided among the cores.
  func evaluateInDouble(_ problem: ContrastiveProblem, gram: [[Double]]) -> LossAndGradient<Double> {
    let s = Double(problem.scale, precision: 53)
    let p = problem.negativeDistribution.map { Double($0, precision: 53) }
    let gaps = problem.pairs.map { problem.exponentiatedGaps($0, gram: gram, scale: s) }
    let (negatives, tolerance) = (problem.negatives, tolerance)
    @Sendable func expectations(_ range: Range<Int>) -> [PairExpectation<Double>] {
      var kernel = DoubleFrullaniKernel(probabilities: p, negatives: negatives, tolerance: tolerance)
      return gaps[range].map { kernel.expectation(gaps: $0) }
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let blocks = gaps.count * p.count >= LaplaceEngine.parallelWork ? min(cores, gaps.count) : 1
    guard blocks > 1 else { return problem.assemble(expectations(gaps.indices), precision: 53) }
    let work = OrderedBackgroundWork<[PairExpectation<Double>]>(workers: blocks - 1)
    for block in 0..<blocks {
      let range = block * gaps.count / blocks..<(block + 1) * gaps.count / blocks
      work.submit { expectations(range) }
    }
    return problem.assemble(work.finish().flatMap { $0 }, precision: 53)
  }

  /// Pairs × points from which ``evaluateInDouble(_:gram:)`` spreads the pairs over the cores: about a
  /// millisecond of quadrature, twenty times what starting and joining a thread costs.
  static let parallelWork = 4096
}

/// One pair's Laplace quadrature (``LaplaceEngine/pairExpectation(gaps:probabilities:negatives:rules:precision:)``)
/// in `Double`, laid out for speed: structure of arrays in lanes of four, buffers allocated once per
/// evaluation and reused across pairs and panels.
///
/// **Doubling.** The panels are dyadic, `[2^i t₀, 2^{i+1} t₀]` after the first, so node `j` of panel
/// `i + 1` is exactly twice node `j` of panel `i`, and `e^{−2ty} = (e^{−ty})²`. Only the first two panels
/// (and bisected ones, which never occurred in the measured runs) call ``NegativeExponential``; each
/// later panel squares the one before, in two arrays: `d = e^{−ty} − 1` (for `ψ`), stepping
/// `d ← d(d + 2)`, whose relative error grows by at most one rounding per step (as `|1 + d/(d+2)| ≤ 1`
/// on `[−1, 0]`); and `e = e^{−ty}` (for the derivatives), `1 + d` while `d > −1/2` and `e ← e²` below,
/// where the relative error doubles per step but `e` falls like `2^{−2^j}`, so its absolute error never
/// exceeds that at the switch.
///
/// A panel's 10 Gauss and 11 Lobatto nodes are the 21 slots of a region of columns (Gauss `0..<10`,
/// Lobatto `10..<21`); region 0 holds the chain of unbisected panels, region 1 a bisected panel's
/// parts. Only the values decide a bisection; the derivatives, `Σ_j c_j e^{−t_j y_z}` with one scalar
/// `c_j` per node, are accumulated once a panel is accepted (for a chain panel, by the squaring that
/// reads its entries for the next one).
///
/// Error bound: `ψ = φ − 1` within about `2(panels + 2)` ulps relative, and every `e^{−t y_z}` within
/// as many ulps relative above `1/2`, absolute below (where the squaring makes it fall faster than its
/// error grows), so the value and derivatives (the midpoints of the two rules plus half the tail bound,
/// as in the generic `Double` path) are within about `10^{−14}` relative of that path's exact-arithmetic
/// result.
///
/// - Complexity: per pair, `41·M` exponentials (``NegativeExponential``) and O(panels · 21 · M)
///   multiply–adds, where the generic path calls libm's `expm1` `21·M` times per panel.
struct DoubleFrullaniKernel {
  typealias Lanes = NegativeExponential.Lanes

  private let count: Int
  private let negatives: Int
  private let tolerance: Double
  /// `p_z` in lanes, padded with 0 (a padded lane has `y = 0`, so it adds `0` to `ψ`).
  private let probabilities: [Lanes]
  private let gaussNodes: [Double]
  private let gaussWeights: [Double]
  private let lobattoNodes: [Double]
  private let lobattoWeights: [Double]
  /// The current pair's `y_z` in lanes.
  private var gaps: [Lanes]
  /// Two regions of 21 slots of `d = e^{−t_j y_z} − 1` and of `e = e^{−t_j y_z}`.
  private var decaysMinusOne: [Lanes]
  private var decays: [Lanes]
  /// `ψ(t_j) = φ(t_j) − 1`, by region and slot.
  private var psi: [Double]
  /// The current panel's nodes, the Lobatto ends exact, and each node's factor of the derivative integrand.
  private var nodes: [Double]
  private var shared: [Double]
  /// `Σ_panels Σ_j c_j e^{−t_j y_z}`: the derivatives before their factors `k p_z y_z`.
  private var sums: [Lanes]

  private static let slots = 21
  private static let lobattoStart = 10

  init(probabilities p: [Double], negatives k: Int, tolerance: Double) {
    let rules = QuadratureRules<Double>(precision: 53)
    precondition(rules.gaussNodes.count == DoubleFrullaniKernel.lobattoStart)
    precondition(rules.lobattoNodes.count == DoubleFrullaniKernel.slots - DoubleFrullaniKernel.lobattoStart)
    count = p.count
    negatives = k
    self.tolerance = tolerance
    let chunks = (p.count + 3) / 4
    probabilities = (0..<chunks).map { c in Lanes((0..<4).map { 4 * c + $0 < p.count ? p[4 * c + $0] : 0 }) }
    gaussNodes = rules.gaussNodes
    gaussWeights = rules.gaussWeights
    lobattoNodes = rules.lobattoNodes
    lobattoWeights = rules.lobattoWeights
    gaps = [Lanes](repeating: .zero, count: chunks)
    sums = gaps
    decaysMinusOne = [Lanes](repeating: .zero, count: 2 * DoubleFrullaniKernel.slots * chunks)
    decays = decaysMinusOne
    psi = [Double](repeating: 0, count: 2 * DoubleFrullaniKernel.slots)
    nodes = [Double](repeating: 0, count: DoubleFrullaniKernel.slots)
    shared = nodes
  }

  /// `E log(1 + S)` and `∂/∂ log y_z` for the gaps `y` of one pair (the kernel's probabilities and `k`).
  ///
  /// - Complexity: `41·M` exponentials and O(panels · 21 · M) multiply–adds.
  mutating func expectation(gaps y: [Double]) -> PairExpectation<Double> {
    precondition(y.count == count)
    let k = Double(negatives)
    var meanGap = 0.0
    var weightedTotal = 0.0
    for c in gaps.indices {
      var lanes = Lanes.zero
      for lane in 0..<4 where 4 * c + lane < count {
        lanes[lane] = y[4 * c + lane]
        meanGap += probabilities[c][lane] * lanes[lane]
        weightedTotal += k * probabilities[c][lane] * lanes[lane]
      }
      gaps[c] = lanes
      sums[c] = .zero
    }
    // The panels of LaplaceEngine.forEachPanel, in the same order with the same test.
    let cuts = LaplaceEngine.dyadicCuts(
      negatives: k, meanGap: meanGap, through: LaplaceEngine.tailCut(tolerance: tolerance))
    let start = cuts[1]
    let levels = Double(cuts.count)
    var value = 0.0
    var accepted = 0
    var stack: [(a: Double, b: Double, depth: Int)] = []
    // The half-width of an accepted chain panel whose derivatives the next squaring adds on its way.
    var deferred: Double? = nil
    for top in 0..<cuts.count - 1 {
      var panel = (a: cuts[top], b: cuts[top + 1], depth: 0)
      var region = 0
      placeNodes(from: panel.a, to: panel.b)
      if top >= 2 {
        squareChain(adding: deferred)
        deferred = nil
      } else {
        fill(region: 0)
      }
      while true {
        let half = (panel.b - panel.a) * 0.5
        let (gauss, lobatto) = rules(region: region, half: half, weightedTotal: weightedTotal)
        let error = abs(lobatto - gauss)
        // Below a few ulps of the panel's integral the estimate of the error is rounding noise.
        let noise = 64 * Double.ulpOfOne * abs(lobatto)
        let allowed = max(tolerance * (panel.b - panel.a) / max(panel.b, start) / levels, noise)
        let pending = stack.count + cuts.count - 2 - top
        if error > allowed && panel.depth < 24 && accepted + pending < LaplaceEngine.maximumPanels {
          let middle = (panel.a + panel.b) / 2
          stack.append((middle, panel.b, panel.depth + 1))
          stack.append((panel.a, middle, panel.depth + 1))
        } else {
          accepted += 1
          value += (gauss + lobatto) / 2
          if region == 0 && top >= 1 && top + 2 < cuts.count {
            deferred = half
          } else {
            accumulate(region: region, half: half)
          }
        }
        guard let next = stack.popLast() else { break }
        panel = next
        region = 1
        placeNodes(from: panel.a, to: panel.b)
        fill(region: 1)
      }
    }
    // The tail beyond the last cut, bracketed by [0, bound] and taken at its midpoint.
    let tail = cuts.last!
    let decay = exp(-tail)
    value += (0 + decay / tail) / 2
    var derivatives = [Double](repeating: 0, count: count)
    for z in 0..<count {
      let (c, lane) = (z / 4, z % 4)
      let kp = k * probabilities[c][lane]
      derivatives[z] = kp * gaps[c][lane] * sums[c][lane] + (0 + kp * decay) / 2
    }
    return PairExpectation(value: value, logGapDerivatives: derivatives)
  }

  /// The 21 nodes of `[a, b]` as the generic rules place them (Lobatto ends exact).
  private mutating func placeNodes(from a: Double, to b: Double) {
    let half = (b - a) * 0.5
    let middle = a + half
    for i in gaussNodes.indices { nodes[i] = middle + half * gaussNodes[i] }
    for i in lobattoNodes.indices { nodes[DoubleFrullaniKernel.lobattoStart + i] = middle + half * lobattoNodes[i] }
    nodes[DoubleFrullaniKernel.lobattoStart] = a
    nodes[DoubleFrullaniKernel.slots - 1] = b
  }

  /// Fresh columns and `ψ` for the current nodes in `region`, by ``NegativeExponential``.
  private mutating func fill(region: Int) {
    let chunks = gaps.count
    for j in 0..<DoubleFrullaniKernel.slots {
      let slot = region * DoubleFrullaniKernel.slots + j
      let base = slot * chunks
      let negativeT = Lanes(repeating: -nodes[j])
      psi[slot] = withBuffers { y, p, _, e, d in
        var sum = Lanes.zero
        for c in 0..<chunks {
          (e[base + c], d[base + c]) = NegativeExponential.exponentials(negativeT * y[c])
          sum += p[c] * d[base + c]
        }
        return sum.sum()
      }
    }
  }

  /// Region 0 from the previous panel's to this one's, whose nodes are twice as far out: `d ← d(d + 2)`,
  /// and `e ← 1 + d` while `d > −1/2`, `e ← e²` below; and `ψ` anew. With `half`, first adds the
  /// previous panel's derivatives as ``accumulate(region:half:)`` would (its ``shared`` factors), reading
  /// each entry once for both.
  private mutating func squareChain(adding half: Double?) {
    let chunks = gaps.count
    for slot in 0..<DoubleFrullaniKernel.slots {
      let base = slot * chunks
      let coefficient = Lanes(repeating: half.map { $0 * weight(slot) * shared[slot] * 0.5 } ?? 0)
      psi[slot] = withBuffers { _, p, sums, e, d in
        var sum = Lanes.zero
        for c in 0..<chunks {
          let (decay, decayMinusOne) = (e[base + c], d[base + c])
          sums[c] += coefficient * decay
          let next = decayMinusOne * (decayMinusOne + 2)
          d[base + c] = next
          e[base + c] = (decay * decay).replacing(with: next + 1, where: next .> -0.5)
          sum += p[c] * next
        }
        return sum.sum()
      }
    }
  }

  /// The gaps, probabilities, derivative sums, `e` and `d` columns as unchecked buffers, for the inner loops.
  private mutating func withBuffers<Result>(
    _ body: (
      _ y: UnsafeBufferPointer<Lanes>, _ p: UnsafeBufferPointer<Lanes>, _ sums: UnsafeMutableBufferPointer<Lanes>,
      _ e: UnsafeMutableBufferPointer<Lanes>, _ d: UnsafeMutableBufferPointer<Lanes>
    ) -> Result
  ) -> Result {
    gaps.withUnsafeBufferPointer { y in
      probabilities.withUnsafeBufferPointer { p in
        sums.withUnsafeMutableBufferPointer { sums in
          decays.withUnsafeMutableBufferPointer { e in
            decaysMinusOne.withUnsafeMutableBufferPointer { d in body(y, p, sums, e, d) }
          }
        }
      }
    }
  }

  /// The quadrature weight of a slot on `[−1, 1]`.
  private func weight(_ slot: Int) -> Double {
    slot < DoubleFrullaniKernel.lobattoStart
      ? gaussWeights[slot] : lobattoWeights[slot - DoubleFrullaniKernel.lobattoStart]
  }

  /// The Gauss and Lobatto values of the panel in `region` (half-width `half`); sets ``shared``.
  private mutating func rules(region: Int, half: Double, weightedTotal: Double) -> (gauss: Double, lobatto: Double) {
    let k = Double(negatives)
    var gauss = 0.0
    var lobatto = 0.0
    for j in 0..<DoubleFrullaniKernel.slots {
      let t = nodes[j]
      let term: Double
      if t == 0 {
        // The limits at t = 0: k E[Y] for the value, k p_z y_z (e^{−t y} = 1, φ = 1) for the derivatives.
        term = weightedTotal
        shared[j] = 1
      } else {
        let logPhi = log1p(psi[region * DoubleFrullaniKernel.slots + j])
        term = exp(-t) * -expm1(k * logPhi) / t
        shared[j] = exp((k - 1) * logPhi - t)
      }
      if j < DoubleFrullaniKernel.lobattoStart {
        gauss += half * weight(j) * term
      } else {
        lobatto += half * weight(j) * term
      }
    }
    return (gauss, lobatto)
  }

  /// Adds the midpoint of the two rules' derivative integrals over the accepted panel in `region`.
  private mutating func accumulate(region: Int, half: Double) {
    let chunks = gaps.count
    for j in 0..<DoubleFrullaniKernel.slots {
      let coefficient = Lanes(repeating: half * weight(j) * shared[j] * 0.5)
      let base = (region * DoubleFrullaniKernel.slots + j) * chunks
      withBuffers { _, _, sums, e, _ in
        for c in 0..<chunks { sums[c] += coefficient * e[base + c] }
      }
    }
  }
}
