import ContrastiveLoss
import Foundation
import SeededRandom

/// Trains the class-level model of docs/theory.md §1 directly: one free vector `v_c ∈ R^d` per
/// class, `‖v_c‖ ≤ 1`, on the same draws and the same ``NCELoss`` in `Float` as the encoder
/// trainer, so the `Float` training path can be held against the certified optimum.
///
/// Each step draws `drawsPerStep` anchors: class `c ~ ρ`, the positive from the same class
/// (at class level it is `v_c` itself, score `‖v_c‖²`), and `k` negatives whose classes are
/// i.i.d. from `ρ` (collisions included). A draw's loss depends on its negatives only through
/// how many fall in each class, so it is evaluated with those multiplicities, once per
/// distinct draw of the batch (weighted by its copies); the step then
/// takes the batch-mean gradient with respect to the Gram entries `S_ab`, turns it into
/// `∂/∂v_a = Σ_b (S_ab + S_ba) v_b`, and makes a projected stochastic-gradient step
/// `v_a ← Π_ball(v_a − η_t ∂/∂v_a)` with `η_t` cosine-decayed to 0.
///
/// The result also carries the mean of the Gram matrices `V Vᵀ` over the second half of the
/// steps (Polyak–Ruppert averaging in Gram space). `L_k` is convex in `G` (docs/theory.md §3) and
/// the feasible set is convex, so the average is feasible and its loss is at most the
/// average loss of the iterates it covers; it removes most of the step-to-step sampling
/// noise, which in the loss's flat directions a decaying step alone removes only slowly.
///
/// Plain projected SGD rather than Adam: at a constrained optimum the gradient of an active
/// row is radial, and a projected SGD step keeps such a point fixed, while Adam's
/// per-coordinate scaling turns the radial push sideways and only converges as `η → 0`.
public struct ClassLevelTrainer: Sendable {
  /// Class frequencies `ρ` (positive, summing to 1 up to rounding).
  public var classFrequencies: [Double]
  public var negatives: Int
  public var scale: Float
  /// Dimension `d` of the class vectors; `d ≥ N` makes every Gram matrix reachable.
  public var dimension: Int
  public var steps: Int
  public var drawsPerStep: Int
  /// The first step size `η_0`.
  public var learningRate: Float
  public var seed: UInt64

  public init(
    classFrequencies: [Double], negatives: Int, scale: Float, dimension: Int? = nil, steps: Int = 1000,
    drawsPerStep: Int = 1024, learningRate: Float = 1, seed: UInt64 = 0
  ) {
    precondition(classFrequencies.count >= 2 && classFrequencies.allSatisfy { $0 > 0 }, "ρ on at least two classes")
    precondition(negatives >= 1 && steps >= 1 && drawsPerStep >= 1, "positive counts")
    self.classFrequencies = classFrequencies
    self.negatives = negatives
    self.scale = scale
    self.dimension = dimension ?? classFrequencies.count
    self.steps = steps
    self.drawsPerStep = drawsPerStep
    self.learningRate = learningRate
    self.seed = seed
  }

  /// The trained vectors and the averaged Gram matrix.
  public struct Result: Sendable {
    /// The last iterate: `N` rows of `d` entries.
    public var vectors: [[Float]]
    /// The mean of `V Vᵀ` over steps `⌊steps/2⌋ ..< steps` (after each step), in `Double`.
    public var averageGram: [[Double]]
  }

  /// Trains from a small seeded Gaussian start.
  ///
  /// - Complexity: O(steps · (drawsPerStep · (k + N) + distinct draws · N + N² · d)).
  public func train() -> Result {
    let n = classFrequencies.count
    var generator = SplitMix64(seed: seed)
    var vectors = (0..<n).map { _ in (0..<dimension).map { _ in 0.1 * generator.gaussian() } }
    let total = classFrequencies.reduce(0, +)
    var cumulative: [Double] = []
    for frequency in classFrequencies { cumulative.append((cumulative.last ?? 0) + frequency / total) }
    func drawClass() -> Int {
      let u = Double(generator.next() >> 11) / Double(1 << 53)
      var c = 0
      while c < n - 1 && u >= cumulative[c] { c += 1 }
      return c
    }
    var gramSum = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    let averagedFrom = steps / 2
    for step in 0..<steps {
      let gram = vectors.map { a in vectors.map { b in zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } } }
      let gaps = (0..<n).map { c in
        (0..<n).map { NCELoss.exponentiatedGap(positive: gram[c][c], negative: gram[c][$0], scale: scale) }
      }
      // The batch's draws tallied by (anchor class, negatives per class): the batch-mean
      // gradient is the same sum regrouped, with one NCELoss call per distinct draw.
      var tally: [[Int]: Int] = [:]
      var draw = [Int](repeating: 0, count: n + 1)
      for _ in 0..<drawsPerStep {
        for index in draw.indices { draw[index] = 0 }
        draw[n] = drawClass()
        for _ in 0..<negatives { draw[drawClass()] += 1 }
        tally[draw, default: 0] += 1
      }
      // S_ab: batch-mean derivative of the loss with respect to the score ⟨v_a, v_b⟩.
      var scoreGradient = [[Float]](repeating: [Float](repeating: 0, count: n), count: n)
      for (draw, copies) in tally {
        let anchor = draw[n]
        let derivatives = NCELoss.gradient(
          exponentiatedGaps: gaps[anchor], multiplicities: draw[..<n].map(Float.init), scale: scale)
        for (other, derivative) in derivatives.enumerated() {
          scoreGradient[anchor][other] += Float(copies) * derivative
          scoreGradient[anchor][anchor] -= Float(copies) * derivative
        }
      }
      let size = learningRate * Float(0.5 * (1 + Foundation.cos(Double.pi * Double(step) / Double(steps))))
      let weight = size / Float(drawsPerStep)
      var next = vectors
      for a in 0..<n {
        for b in 0..<n {
          let factor = weight * (scoreGradient[a][b] + scoreGradient[b][a])
          guard factor != 0 else { continue }
          for index in 0..<dimension { next[a][index] -= factor * vectors[b][index] }
        }
        let norm = next[a].reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 1 { next[a] = next[a].map { $0 / norm } }
      }
      vectors = next
      if step >= averagedFrom {
        let gram = Self.gram(vectors)
        for a in 0..<n { for b in 0..<n { gramSum[a][b] += gram[a][b] } }
      }
    }
    let averaged = Double(steps - averagedFrom)
    return Result(vectors: vectors, averageGram: gramSum.map { $0.map { $0 / averaged } })
  }

  /// `⟨v_a, v_b⟩` of trained vectors, in `Double`.
  ///
  /// - Complexity: O(N² · d).
  public static func gram(_ vectors: [[Float]]) -> [[Double]] {
    vectors.map { a in vectors.map { b in zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) } } }
  }
}
