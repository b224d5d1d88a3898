import ContrastiveLoss
import ExactArithmetic
import Foundation

/// Refines a `Double` solver's optimum far beyond `Double` (docs/theory.md §8, "precision needed"),
/// so that its certified gap, and with it the distance bound of ``OptimumLocation``, shrinks.
///
/// The optimality conditions of the Burer–Monteiro form `G = V Vᵀ` (`V` of size `M × r`, `r` the
/// numerical rank of the solver's `G`), on the active set `A` of rows with `G_ii = 1`:
///
///     F_V = C(V Vᵀ) V + diag(λ) V = 0,     F_i = ‖v_i‖² − 1 = 0  (i ∈ A),     λ_i = 0 (i ∉ A).
///
/// Newton's method on them: the residual `F` is evaluated in `Interval` at `workingPrecision`
/// bits (the gradient `C` through the multinomial engine, which has no truncation error, or the
/// Laplace quadrature with rules accurate to about that precision), the
/// Jacobian analytically in `Double` from the engine's per-pair Hessians in the log-gaps
/// (``RefinementEvaluations``), and each step solves the damped
/// least-squares system `(JᵀJ + εI)Δ = −JᵀF` (the damping fixes the gauge `V ↦ VQ`). Steps in
/// `Double` first bring `F` to `Double`'s rounding floor at no MPFR cost; each MPFR step then gains
/// what the `Double` Jacobian's accuracy allows (about twelve digits), and the fixed point is the
/// exact one because `F` is exact to the working precision.
///
/// Nothing here is trusted: the result is rounded to a rational point of `F` and certified by
/// ``OptimalityCertificate``, which decides what it proves. A refinement that does not converge
/// returns `nil` and the caller certifies the unrefined point.
public struct OptimumRefinement: Sendable {
  /// The rational factor, on the `2^{−(precision+48)}` grid, with every active row exactly in the ball.
  public let factor: RationalMatrix
  /// Newton steps taken.
  public let steps: Int
  /// The largest residual entry at the end (an estimate: evaluated, or after a last step whose
  /// evaluation was skipped, predicted from the two before).
  public let residual: Double

  /// Refines `solution` for `loss`; `precision` is the certificate's, the working precision is 64 bits
  /// more (multinomial engine) or the same (Laplace, ``RefinementEvaluations/workingPrecision(_:precision:)``).
  ///
  /// - Complexity: at most four `Double` steps, then per MPFR step (usually two) one in-place `Interval` gradient
  ///   evaluation; each step costs one `Double` Jacobian (`Mr + |A|` Hessian-vector products of
  ///   `O(pairs · M²)`) and an `O((Mr + |A|)³)` solve; at most 12 MPFR steps.
  public init?(_ loss: PopulationLoss, solution: GramSolver.Solution, precision: Int) {
    self.init(loss, gram: solution.gram, precision: precision)
  }

  /// Refines the Gram matrix `gram` (e.g. a certified row's `Ĝ` in `Double`) as ``init(_:solution:precision:)``.
  init?(_ loss: PopulationLoss, gram: [[Double]], precision: Int) {
    let m = gram.count
    guard let (eigen, kept, active) = Self.plan(gram) else { return nil }
    let system = OptimalitySystem(
      loss: loss, rank: kept.count, active: active,
      workingPrecision: RefinementEvaluations.workingPrecision(loss, precision: precision))
    let grid = Rational(1, 2).power(precision + 48)

    let v = (0..<m).map { i in kept.map { j in eigen.vectors[j][i] * eigen.values[j].squareRoot() } }
    let c = loss.evaluate(gram: gram).gradient
    let lambda = (0..<m).map { i -> Double in
      guard active[i] else { return 0 }
      return -(0..<m).reduce(0.0) { $0 + c[i][$1] * gram[$1][i] } / max(gram[i][i], 1e-300)
    }
    // Newton in Double down to its rounding floor: each step there costs no MPFR arithmetic.
    var point = system.pack(v: v, lambda: lambda)
    var pointResidual = system.residual(point)
    for _ in 0..<4 {
      guard let delta = system.newtonStep(at: point, residual: pointResidual) else { break }
      let next = zip(point, delta).map { $0 + $1 }
      let nextResidual = system.residual(next)
      guard nextResidual.map(abs).max() ?? 0 < 0.5 * (pointResidual.map(abs).max() ?? 0) else { break }
      (point, pointResidual) = (next, nextResidual)
    }
    var unknowns = point.map { Rational(exactly: $0)! }
    var best: (unknowns: [Rational], residual: Double)? = nil
    var steps = 0
    var previous: Double? = nil
    let target = RefinementEvaluations.residualTarget(loss, precision: precision)
    for step in 0..<12 {
      let residual = system.residual(unknowns)
      let size = residual.map(abs).max() ?? 0
      if best == nil || size < best!.residual { best = (unknowns, size) }
      steps = step
      if size < target { break }
      let point = unknowns.map(\.approximateDouble)
      guard let delta = system.newtonStep(at: point, residual: residual) else { break }
      unknowns = zip(unknowns, delta).map { ($0 + Rational(exactly: $1)!) / grid }.map {
        $0.rounded(.toNearestOrEven) * grid
      }
      // Each step shrinks the residual by about the same factor (the Double Jacobian's accuracy), so
      // the last two predict the next; far below the target, the MPFR evaluation that would only
      // confirm it is skipped (the certificate checks the point either way).
      if let previous, size * (size / previous) < target * 0x1p-8 {
        best = (unknowns, size * (size / previous))
        steps = step + 1
        break
      }
      previous = size
    }
    guard let best, best.residual < pow(2, -Double(precision - 16)) else { return nil }
    self.init(factor: system.factorInBall(best.unknowns, grid: grid), steps: steps, residual: best.residual)
  }

  /// Whether ``init(_:gram:precision:)`` would attempt `gram`: a nonzero matrix with at most
  /// ``maximumUnknowns`` unknowns `Mr + |A|`.
  ///
  /// - Complexity: one symmetric eigendecomposition, O(M³).
  static func isRefinable(_ gram: [[Double]]) -> Bool { plan(gram) != nil }

  /// What ``init(_:gram:precision:)`` starts from: the eigendecomposition of `gram`, the directions it
  /// keeps and the active rows; `nil` when no direction is kept or the unknowns `Mr + |A|` exceed
  /// ``maximumUnknowns``.
  ///
  /// - Complexity: one symmetric eigendecomposition, O(M³).
  private static func plan(_ gram: [[Double]]) -> (
    eigen: SymmetricEigen, kept: ReversedCollection<[Int]>, active: [Bool]
  )? {
    let eigen = SymmetricEigen(gram)
    let kept = keptDirections(eigen)
    let active = activeRows(gram)
    guard !kept.isEmpty, gram.count * kept.count + active.filter({ $0 }).count <= maximumUnknowns else { return nil }
    return (eigen, kept, active)
  }

  /// The eigen-directions the refinement keeps: eigenvalues above `1e-7` of the largest, largest first.
  private static func keptDirections(_ eigen: SymmetricEigen) -> ReversedCollection<[Int]> {
    let largest = max(eigen.values.last ?? 0, 1e-300)
    return eigen.values.indices.filter { eigen.values[$0] > 1e-7 * largest }.reversed()
  }

  /// The rows whose norm constraint is active (`G_ii ≈ 1`).
  private static func activeRows(_ gram: [[Double]]) -> [Bool] {
    gram.indices.map { gram[$0][$0] > 1 - 1e-6 }
  }

  /// The most unknowns `Mr + |A|` refined: each step's dense Jacobian and normal equations cost
  /// `O((Mr + |A|)³)`, a few seconds at this size (10 classes at full rank need 110).
  static let maximumUnknowns = 600

  init(factor: RationalMatrix, steps: Int, residual: Double) {
    self.factor = factor
    self.steps = steps
    self.residual = residual
  }
}

/// The optimality system of ``OptimumRefinement`` for a fixed rank and active set.
struct OptimalitySystem {
  let loss: PopulationLoss
  let rank: Int
  let active: [Bool]
  let workingPrecision: Int
  /// The engine's gradient at the working precision and Hessians in `Double`, prepared once for all steps.
  let evaluations: RefinementEvaluations

  init(loss: PopulationLoss, rank: Int, active: [Bool], workingPrecision: Int) {
    self.loss = loss
    self.rank = rank
    self.active = active
    self.workingPrecision = workingPrecision
    evaluations = RefinementEvaluations(loss, workingPrecision: workingPrecision)
  }

  var dimension: Int { active.count }
  /// The indices of the active rows, in order; their multipliers follow `V` in the unknowns.
  var activeRows: [Int] { active.indices.filter { active[$0] } }

  func pack(v: [[Double]], lambda: [Double]) -> [Double] { v.flatMap { $0 } + activeRows.map { lambda[$0] } }

  func unpack<T>(_ x: [T]) -> (v: [[T]], lambda: [T?]) {
    let v = (0..<dimension).map { Array(x[($0 * rank)..<(($0 + 1) * rank)]) }
    var lambda = [T?](repeating: nil, count: dimension)
    for (offset, i) in activeRows.enumerated() { lambda[i] = x[dimension * rank + offset] }
    return (v, lambda)
  }

  /// `F` at the rational unknowns, each entry evaluated in `Interval` and returned as a `Double` estimate.
  func residual(_ x: [Rational]) -> [Double] {
    let p = workingPrecision
    let (v, lambda) = unpack(x.map { Interval($0, precision: p) })
    let gram = (0..<dimension).map { i in (0..<dimension).map { j in dot(v[i], v[j], zero: Interval(0, precision: p)) }
    }
    let c = evaluations.gradient(loss.problem, gram: gram, precision: p)
    return equations(v: v, lambda: lambda, gradient: c, zero: Interval(0, precision: p)).map(\.estimate)
  }

  /// `F` in `Double`, for the Jacobian.
  func residual(_ x: [Double]) -> [Double] {
    let (v, lambda) = unpack(x)
    let gram = (0..<dimension).map { i in (0..<dimension).map { j in dot(v[i], v[j], zero: 0.0) } }
    let c: [[Double]] = loss.evaluate(gram: gram).gradient
    return equations(v: v, lambda: lambda, gradient: c, zero: 0.0)
  }

  private func equations<T: EngineScalar>(v: [[T]], lambda: [T?], gradient c: [[T]], zero: T) -> [T] {
    var f: [T] = []
    for i in 0..<dimension {
      for j in 0..<rank {
        var entry = zero
        for q in 0..<dimension { entry = entry + c[i][q] * v[q][j] }
        if let l = lambda[i] { entry = entry + l * v[i][j] }
        f.append(entry)
      }
    }
    for i in activeRows { f.append(dot(v[i], v[i], zero: zero) - T(1)) }
    return f
  }

  private func dot<T: EngineScalar>(_ a: [T], _ b: [T], zero: T) -> T {
    var total = zero
    for (x, y) in zip(a, b) { total = total + x * y }
    return total
  }

  /// `∂F/∂x` at `x`, in `Double`.
  ///
  /// With `dG = dV Vᵀ + V dVᵀ`, the gradient moves by `dC = ∇²L[dG]`, which each pair `(x, x⁺)`
  /// contributes to row `x` through its block `B` (``RefinementEvaluations/logGapHessians(_:gram:)``):
  /// `dq = B·da` with `da_z = s(dG_xz − dG_xx⁺)`, entered like the gradient in
  /// ``ContrastiveProblem/assemble(_:precision:)``. Then `dF_V = dC V + C dV + diag(λ) dV + diag(dλ) V`
  /// and `dF_i = 2⟨v_i, dv_i⟩`.
  ///
  /// - Complexity: `Mr` products `∇²L[dG]` of `O(pairs · M²)` each, plus one `Double` evaluation.
  func jacobian(at x: [Double]) -> [[Double]] {
    let problem = loss.problem
    let (v, multipliers) = unpack(x)
    let lambda = multipliers.map { $0 ?? 0 }
    let m = dimension
    let gram = (0..<m).map { i in (0..<m).map { j in dot(v[i], v[j], zero: 0.0) } }
    let c: [[Double]] = loss.evaluate(gram: gram).gradient
    let blocks = evaluations.logGapHessians(problem, gram: gram)
    let s = problem.scale.approximateDouble
    let weights = problem.pairs.map { $0.weight.approximateDouble * s }
    let rows = activeRows
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: x.count), count: m * rank + rows.count)
    for a in 0..<m {
      for b in 0..<rank {
        let column = a * rank + b
        var dG = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for q in 0..<m {
          dG[a][q] += v[q][b]
          dG[q][a] += v[q][b]
        }
        var dR = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for ((pair, block), weight) in zip(zip(problem.pairs, blocks), weights) {
          let row = dG[pair.anchor]
          let da = row.map { s * ($0 - row[pair.positive]) }
          var total = 0.0
          for z in 0..<m {
            var dq = 0.0
            for w in 0..<m { dq += block[z][w] * da[w] }
            dR[pair.anchor][z] += weight * dq
            total += dq
          }
          dR[pair.anchor][pair.positive] -= weight * total
        }
        for i in 0..<m {
          for j in 0..<rank {
            var entry = 0.0
            for q in 0..<m { entry += 0.5 * (dR[i][q] + dR[q][i]) * v[q][j] }
            if j == b { entry += c[i][a] }
            if i == a && j == b { entry += lambda[a] }
            jacobian[i * rank + j][column] = entry
          }
        }
        if let offset = rows.firstIndex(of: a) { jacobian[m * rank + offset][column] = 2 * v[a][b] }
      }
    }
    for (offset, i) in rows.enumerated() {
      for j in 0..<rank { jacobian[i * rank + j][m * rank + offset] = v[i][j] }
    }
    return jacobian
  }

  /// The Gauss–Newton step: the least-squares solution of `J Δ = −F` off the gauge directions
  /// (the null space of `J`), `nil` if singular.
  ///
  /// The normal equations are damped, `(JᵀJ + εI)Δ = −JᵀF`, so that Cholesky works despite the
  /// gauge; two passes of iterative refinement against the undamped system then remove the damping's
  /// relative error `ε/σ²` on the other directions (left alone, it would cap each Newton step at
  /// about eight digits instead of `Double`'s accuracy).
  func newtonStep(at x: [Double], residual f: [Double]) -> [Double]? {
    let n = x.count
    let jacobian = jacobian(at: x)
    var normal = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var right = [Double](repeating: 0, count: n)
    for a in 0..<n {
      for e in f.indices { right[a] -= jacobian[e][a] * f[e] }
      for b in a..<n {
        var total = 0.0
        for e in f.indices { total += jacobian[e][a] * jacobian[e][b] }
        normal[a][b] = total
        normal[b][a] = total
      }
    }
    let damping = 1e-12 * ((0..<n).map { normal[$0][$0] }.max() ?? 1)
    var damped = normal
    for a in 0..<n { damped[a][a] += damping }
    guard let factor = CholeskyFactor(damped) else { return nil }
    var step = factor.solve(right)
    for _ in 0..<2 {
      let remainder = (0..<n).map { a in right[a] - (0..<n).reduce(0.0) { $0 + normal[a][$1] * step[$1] } }
      step = zip(step, factor.solve(remainder)).map { $0 + $1 }
    }
    return step
  }

  /// The rational factor with each active row moved exactly into the unit ball, and each
  /// inactive row shrunk into it if rounding pushed it out.
  func factorInBall(_ x: [Rational], grid: Rational) -> RationalMatrix {
    var rows = unpack(x).v
    for i in 0..<dimension {
      var squared = rows[i].reduce(Rational.zero) { $0 + $1 * $1 }
      guard squared > 1 else { continue }
      // Pull the largest coordinate towards 0 by ε ≥ (‖v‖² − 1)/|v_max|, on the grid, until inside.
      let largest = rows[i].indices.max { rows[i][$0].magnitude < rows[i][$1].magnitude }!
      var step = ((squared - 1) / rows[i][largest].magnitude / grid).rounded(.up) * grid
      while squared > 1 {
        let moved = rows[i][largest].signum > 0 ? rows[i][largest] - step : rows[i][largest] + step
        let candidate = squared - rows[i][largest] * rows[i][largest] + moved * moved
        if candidate <= 1 {
          rows[i][largest] = moved
          squared = candidate
        } else {
          step = 2 * step
        }
      }
    }
    return RationalMatrix(rows)
  }
}

/// The Cholesky factor `L` of a symmetric positive definite matrix, `A = L Lᵀ`, for repeated solves.
struct CholeskyFactor {
  private var l: [[Double]]

  /// `nil` when a pivot is not positive.
  ///
  /// - Complexity: O(n³).
  init?(_ a: [[Double]]) {
    let n = a.count
    l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in 0...i {
        var total = a[i][j]
        for k in 0..<j { total -= l[i][k] * l[j][k] }
        if i == j {
          guard total > 0 else { return nil }
          l[i][i] = total.squareRoot()
        } else {
          l[i][j] = total / l[j][j]
        }
      }
    }
  }

  /// `x` with `A x = b`.
  ///
  /// - Complexity: O(n²).
  func solve(_ b: [Double]) -> [Double] {
    let n = b.count
    var y = b
    for i in 0..<n {
      for k in 0..<i { y[i] -= l[i][k] * y[k] }
      y[i] /= l[i][i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for k in (i + 1)..<n { y[i] -= l[k][i] * y[k] }
      y[i] /= l[i][i]
    }
    return y
  }
}
