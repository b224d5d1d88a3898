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
/// bits (the gradient `C` through the multinomial engine, which has no truncation error), the
/// Jacobian by central differences of the `Double` residual, and each step solves the damped
/// least-squares system `(JᵀJ + εI)Δ = −JᵀF` (the damping fixes the gauge `V ↦ VQ`). The
/// Jacobian's `Double` accuracy costs only speed: each step still gains about eight digits, and
/// the fixed point is the exact one because `F` is exact to the working precision.
///
/// Nothing here is trusted: the result is rounded to a rational point of `F` and certified by
/// ``OptimalityCertificate``, which decides what it proves. A refinement that does not converge
/// returns `nil` and the caller certifies the unrefined point.
public struct OptimumRefinement: Sendable {
  /// The rational factor, on the `2^{−(precision+48)}` grid, with every active row exactly in the ball.
  public let factor: RationalMatrix
  /// Newton steps taken.
  public let steps: Int
  /// The largest residual entry at the end (an estimate).
  public let residual: Double

  /// Refines `solution` for `loss`; `precision` is the certificate's, the working precision is 64 bits more.
  ///
  /// - Complexity: per step one `Interval` gradient evaluation and `2(Mr + |A|)` `Double` ones,
  ///   plus an `O((Mr + |A|)³)` solve; at most 12 steps.
  public init?(_ loss: PopulationLoss, solution: GramSolver.Solution, precision: Int) {
    guard loss.engine == .multinomial else { return nil }
    let gram = solution.gram
    let m = gram.count
    let eigen = SymmetricEigen(gram)
    let largest = max(eigen.values.last ?? 0, 1e-300)
    let kept = eigen.values.indices.filter { eigen.values[$0] > 1e-7 * largest }.reversed()
    guard !kept.isEmpty else { return nil }
    let active = (0..<m).map { gram[$0][$0] > 1 - 1e-6 }
    let system = OptimalitySystem(
      loss: loss, rank: kept.count, active: active, workingPrecision: precision + 64)
    let grid = Rational(1, 2).power(precision + 48)

    let v = (0..<m).map { i in kept.map { j in eigen.vectors[j][i] * eigen.values[j].squareRoot() } }
    let c = loss.evaluate(gram: gram).gradient
    let lambda = (0..<m).map { i -> Double in
      guard active[i] else { return 0 }
      return -(0..<m).reduce(0.0) { $0 + c[i][$1] * gram[$1][i] } / max(gram[i][i], 1e-300)
    }
    var unknowns = system.pack(v: v, lambda: lambda).map { Rational(exactly: $0)! }
    var best: (unknowns: [Rational], residual: Double)? = nil
    var steps = 0
    for step in 0..<12 {
      let residual = system.residual(unknowns)
      let size = residual.map(abs).max() ?? 0
      if best == nil || size < best!.residual { best = (unknowns, size) }
      steps = step
      if size < pow(2, -Double(precision + 8)) { break }
      let point = unknowns.map(\.approximateDouble)
      guard let delta = system.newtonStep(at: point, residual: residual) else { break }
      unknowns = zip(unknowns, delta).map { ($0 + Rational(exactly: $1)!) / grid }.map {
        $0.rounded(.toNearestOrEven) * grid
      }
    }
    guard let best, best.residual < pow(2, -Double(precision - 16)) else { return nil }
    factor = system.factorInBall(best.unknowns, grid: grid)
    self.steps = steps
    residual = best.residual
  }
}

/// The optimality system of ``OptimumRefinement`` for a fixed rank and active set.
struct OptimalitySystem {
  let loss: PopulationLoss
  let rank: Int
  let active: [Bool]
  let workingPrecision: Int

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
    let c = (loss.gradient(gram: gram, precision: p) ?? loss.evaluate(gram: gram, precision: p)).gradient
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

  /// The damped Gauss–Newton step `(JᵀJ + εI)Δ = −JᵀF`, `J` by central differences; `nil` if singular.
  func newtonStep(at x: [Double], residual f: [Double]) -> [Double]? {
    let n = x.count
    var jacobian = [[Double]](repeating: [Double](repeating: 0, count: n), count: f.count)
    for u in 0..<n {
      let h = 1e-6 * max(1, abs(x[u]))
      var plus = x
      var minus = x
      plus[u] += h
      minus[u] -= h
      let (fp, fm) = (residual(plus), residual(minus))
      for e in f.indices { jacobian[e][u] = (fp[e] - fm[e]) / (2 * h) }
    }
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
    for a in 0..<n { normal[a][a] += damping }
    return CholeskySolve(normal, right)
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

/// Solves the symmetric positive definite system `A x = b` by Cholesky; `nil` when a pivot is not positive.
func CholeskySolve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
  let n = b.count
  var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
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
