import ExactArithmetic

extension OptimalityCertificate {
  /// The point-level certificate of `lift(Ĝ)` for a non-overlapping model, built from the
  /// class-level certificate of `Ĝ` by exact identities (proofs/lifted-certificate.md): the same loss
  /// enclosure, lower bound and gap, multipliers `λ_x = D_{c(x)}(x) λ_{c(x)}`, and a dual proof that
  /// follows from the class-level one. It costs no point-level evaluation: a 60-point model is
  /// certified at the price of its 10-class model.
  ///
  /// `owner[x]` is the class of point `x`; `classLevel` must be a certificate of `model.collapsed`.
  ///
  /// - Precondition: the model is non-overlapping.
  /// - Complexity: O(M²) exact operations for the lifted Gram matrix.
  static func lifted(_ classLevel: OptimalityCertificate, model: LatentClassModel, owner: [Int])
    -> OptimalityCertificate
  {
    precondition(!model.isOverlapping, "lifting needs non-overlapping classes")
    let factor = RationalMatrix(rows: owner.count, columns: classLevel.factor.columns) {
      classLevel.factor[owner[$0], $1]
    }
    let multipliers =
      classLevel.multipliers.isEmpty
      ? [] : owner.indices.map { model.withinClass[owner[$0]][$0] * classLevel.multipliers[owner[$0]] }
    return OptimalityCertificate(
      gram: CollapseCheck.lift(classLevel.gram, owner: owner), factor: factor, loss: classLevel.loss,
      lowerBound: classLevel.lowerBound, gap: classLevel.gap, multipliers: multipliers)
  }
}

extension OptimumRefinement {
  /// The refinement of a class-level optimum as the refinement of its lift (point `x` gets row `owner[x]`).
  func lifted(owner: [Int]) -> OptimumRefinement {
    OptimumRefinement(
      factor: RationalMatrix(rows: owner.count, columns: factor.columns) { factor[owner[$0], $1] }, steps: steps,
      residual: residual)
  }
}

extension CollapseCheck {
  /// The point-level row for `classRow`'s `k`: the lifted certificate, and where the model has at most
  /// ``CurvatureCertificate/maximumPoints`` points, the point-level curvature bound and location at the
  /// lifted `Ĝ` (docs/theory.md §8), as ``GeneralVerification/run(model:ks:scale:engine:precision:gapTolerance:locate:starts:progress:)``
  /// computes them for a solved row.
  ///
  /// - Complexity: the lift (O(M²) exact), the downstream metrics, and at most 32 points one point-level
  ///   curvature evaluation.
  static func liftedRow(
    _ classRow: GeneralRow, model: LatentClassModel, owner: [Int], scale: Rational, engine: ExpectationEngine,
    precision: Int
  ) -> GeneralRow {
    let certificate = OptimalityCertificate.lifted(classRow.certificate, model: model, owner: owner)
    var curvature: Rational? = nil
    if classRow.status == .verified && model.pointCount <= CurvatureCertificate.maximumPoints {
      let loss = PopulationLoss(
        problem: ContrastiveProblem(model: model, negatives: classRow.negatives, scale: scale), engine: engine)
      curvature = CurvatureCertificate(loss, gram: certificate.gram, precision: precision).lowerBound
    }
    var location: OptimumLocation? = nil
    if let gap = certificate.gap, let curvature {
      location = OptimumLocation.locate(gap: gap, curvature: curvature, scale: scale, precision: precision)
    }
    // No point-level solver runs: the iterations are 0 and convergence is the class-level solver's.
    return GeneralRow(
      negatives: classRow.negatives, engine: classRow.engine, status: classRow.status, certificate: certificate,
      downstream: DownstreamMetrics(model: model, gram: certificate.gram, scale: scale, precision: precision),
      solverIterations: 0, solverConverged: classRow.solverConverged,
      refinement: classRow.refinement?.lifted(owner: owner), curvatureLowerBound: curvature, location: location,
      downstreamAtOptimum: location.map {
        DownstreamMetrics(
          model: model, gram: certificate.gram, scale: scale, precision: precision, radius: $0.distanceBound)
      })
  }
}
