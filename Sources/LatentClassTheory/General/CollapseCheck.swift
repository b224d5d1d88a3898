import ExactArithmetic

/// Certified checks of T1 (collapse, docs/theory.md §5) for non-overlapping point-level models.
public enum CollapseCheck {
  /// The point-level Gram matrix of the collapsed representation `f(x) := μ_{c(x)}`:
  /// `Ĝ_{xy} = Σ_{x', y'} D_{c(x)}(x') D_{c(y)}(y') G_{x'y'}`. Exact; feasible whenever `G`
  /// is, because class means of vectors in the unit ball stay in it.
  ///
  /// - Precondition: the model is non-overlapping.
  /// - Complexity: O(M²) exact operations.
  public static func collapsedGram(_ gram: RationalMatrix, model: LatentClassModel) -> RationalMatrix {
    precondition(!model.isOverlapping, "collapse needs non-overlapping classes")
    let m = model.pointCount
    let owner = (0..<m).map { model.classes(containing: $0)[0] }
    let means = model.classMeanGram(gram)
    return RationalMatrix(rows: m, columns: m) { means[owner[$0], owner[$1]] }
  }

  /// Jensen's step of T1 on one representation: certified comparison of `L_k(G)` with
  /// `L_k(collapse G)`. T1 predicts `.greater` or (when `G` is already constant on
  /// classes) `.undecided` for equal values; `.less` would refute it.
  public static func jensen(
    _ gram: RationalMatrix, model: LatentClassModel, negatives k: Int, scale: Rational,
    engine: ExpectationEngine = .automatic, precision: Int = Defaults.precision
  ) -> (original: Interval, collapsed: Interval, order: CertifiedOrder) {
    let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: scale), engine: engine)
    let original = loss.enclose(gram: gram, precision: precision).loss
    let collapsed = loss.enclose(gram: collapsedGram(gram, model: model), precision: precision).loss
    return (original, collapsed, Interval.compare(original, collapsed))
  }

  /// The outcome of comparing the certified point-level optimum with the certified class-level optimum.
  public struct Comparison: Sendable {
    public let negatives: Int
    public let pointLevel: GeneralRow
    public let classLevel: GeneralRow
    /// T1 for this `k` (see ``CollapseCheck/minimaAgree(point:classLevel:)``).
    public let minimaAgree: Verdict
    /// T1 with uniqueness (docs/theory.md §8 (c)): `.verified` when both optima are located (so the
    /// point-level optimum is unique modulo `J`, and by T1 it is the collapsed one) and the
    /// certified point-level location agrees with the lifted class-level one:
    /// `‖P(Ĝ_point − lift Ĝ_class)‖_F ≤ δ_point + m_max·δ_class`, decided exactly. `.refuted` when
    /// both are located and that inequality fails; `.undecided` when either is not located.
    public let uniqueOptimumCollapsed: Verdict
  }

  /// Whether the certified intervals `[lower bound, L_hi(Ĝ)]` of the point-level and the class-level
  /// minimum meet, as T1 (`min L_point = min L_class`) says they must.
  ///
  /// `.verified` when both rows are verified and the intervals meet; `.refuted` when both rows have a
  /// proven lower bound and the intervals are disjoint (then the minima differ, certified, whatever
  /// the gaps); `.undecided` otherwise (no proof, or intervals that meet only because a gap is large).
  static func minimaAgree(point: GeneralRow, classLevel: GeneralRow) -> Verdict {
    guard let pointLower = point.certificate.lowerBound, let classLower = classLevel.certificate.lowerBound,
      let pointUpper = point.certificate.loss.upperBound, let classUpper = classLevel.certificate.loss.upperBound
    else { return .undecided }
    guard pointLower <= classUpper && classLower <= pointUpper else { return .refuted }
    return point.status == .verified && classLevel.status == .verified ? .verified : .undecided
  }

  /// The point-level matrix `lift(G)_{xy} = G_{c(x) c(y)}` of a class-level matrix.
  static func lift(_ gram: RationalMatrix, owner: [Int]) -> RationalMatrix {
    RationalMatrix(rows: owner.count, columns: owner.count) { gram[owner[$0], owner[$1]] }
  }

  /// Whether the located point-level optimum agrees with the lifted located class-level optimum.
  ///
  /// `‖lift(Y)‖_F ≤ m_max‖Y‖_F` (each class entry stands `m_c m_c'` times) and `lift(J) = J`, so the
  /// class-level ball lifts to a ball of radius `m_max·δ_class` modulo `J`; both contain the
  /// projection of the unique optimum, so their centres are within the sum of the radii.
  static func uniqueCollapse(point: GeneralRow, classLevel: GeneralRow, owner: [Int]) -> Verdict {
    guard let pointLocation = point.location, let classLocation = classLevel.location else { return .undecided }
    let largestClass = Dictionary(grouping: owner, by: { $0 }).values.map(\.count).max() ?? 1
    let difference = point.certificate.gram - lift(classLevel.certificate.gram, owner: owner)
    let m = Rational(owner.count)
    let total = difference.entries.reduce(Rational.zero, +)
    let projectedSquared = RationalMatrix.frobenius(difference, difference) - total * total / (m * m)
    let radius = pointLocation.distanceBound + Rational(largestClass) * classLocation.distanceBound
    return projectedSquared <= radius * radius ? .verified : .refuted
  }

  /// Solves and certifies both levels for each `k` and checks that the optima agree within the gaps.
  ///
  /// Why this tests T1: T1 gives `min L_point = min L_class` (a class-level optimum is a
  /// feasible point-level representation and vice versa after collapse), so certified
  /// intervals `[lower bound, upper bound]` of the two minima must overlap. A verified class-level
  /// row is lifted to the points with its certificate (proofs/lifted-certificate.md: a point-level
  /// dual proof, no point-level evaluation); the point level is solved and certified on its own only
  /// for the `k` whose class-level row is not verified. `progress` gets the rows done of the
  /// `2·ks.count` (class level first, then point level).
  public static func compareOptima(
    model: LatentClassModel, ks: [Int], scale: Rational, engine: ExpectationEngine = .automatic,
    precision: Int = Defaults.precision, gapTolerance: Rational = Defaults.gapTolerance,
    refinement: RefinementPolicy = Defaults.refinement, progress: (_ rowsDone: Int) -> Void = { _ in }
  ) -> [Comparison] {
    guard let classModel = model.collapsed else { return [] }
    var classes = GeneralVerification.run(
      model: classModel, ks: ks, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
      refinement: refinement, progress: progress)
    if refinement == .every {
      classes = GeneralVerification.refiningEveryRow(
        classes, model: classModel, scale: scale, precision: precision, gapTolerance: gapTolerance)
    }
    let owner = (0..<model.pointCount).map { model.classes(containing: $0)[0] }
    var points: [GeneralRow?] = []
    for row in classes {
      points.append(
        row.status == .verified
          ? liftedRow(row, model: model, owner: owner, scale: scale, engine: engine, precision: precision) : nil)
      if points.last! != nil { progress(ks.count + points.count) }
    }
    // The point-level solver starts from the class-level optimum placed on every point of its
    // class: T1 says it is optimal, and the point-level certificate checks that independently.
    var lifted: [Int: [[Double]]] = [:]
    for row in classes {
      let factor = row.certificate.factor
      lifted[row.negatives] = owner.map { c in
        (0..<model.pointCount).map { $0 < factor.columns ? factor[c, $0].approximateDouble : 0 }
      }
    }
    let unsolved = zip(ks, points).filter { $0.1 == nil }.map(\.0)
    if !unsolved.isEmpty {
      let done = ks.count - unsolved.count
      let solved = GeneralVerification.run(
        model: model, ks: unsolved, scale: scale, engine: engine, precision: precision, gapTolerance: gapTolerance,
        refinement: refinement, starts: { lifted[$0] }, progress: { progress(ks.count + done + $0) })
      var next = solved.makeIterator()
      points = points.map { $0 ?? next.next() }
    }
    return zip(points, classes).map { point, c in
      let p = point!
      return Comparison(
        negatives: p.negatives, pointLevel: p, classLevel: c, minimaAgree: minimaAgree(point: p, classLevel: c),
        uniqueOptimumCollapsed: uniqueCollapse(point: p, classLevel: c, owner: owner))
    }
  }
}
