import ExactArithmetic
import Foundation
import LatentClassTheory

/// The general engine's workloads of issue 11, each against a baseline run in the same process.
enum GeneralWorkloads {
  /// `verify --rho 11/20,1/4,3/20,1/20 --scale 2 --k 1...12` (compute only: solve, refine, certify,
  /// locate, downstream) against the uncertified `Double` solves of the same problems, the part of the
  /// work a user would do without certificates.
  static func fourClasses() throws {
    try classLevelAgainstSolves(
      "4 classes, s = 2, k = 1…12 (compute only)", rho: "11/20,1/4,3/20,1/20", ks: Array(1...12), scale: 2,
      repetitions: 5)
  }

  /// `verify --rho zipf:1:10 --k 1...100` (compute only; 4 rows enumerated, 96 by the Laplace form)
  /// against the uncertified `Double` solves of the same problems.
  static func zipfTenClasses() throws {
    try classLevelAgainstSolves(
      "zipf:1:10, k = 1…100 (compute only)", rho: "zipf:1:10", ks: Array(1...100), scale: 1, repetitions: 1)
  }

  /// A class-level study of `rho` over `ks` against the uncertified `Double` solves of the same problems,
  /// each warm-started from the previous `k` as the study does.
  private static func classLevelAgainstSolves(
    _ name: String, rho: String, ks: [Int], scale: Rational, repetitions: Int
  ) throws {
    let model = try LatentClassModel.classLevel(rho: ModelSpecification.rho(rho))
    var study: GeneralStudy?
    let certified = measure(repetitions: repetitions) { study = GeneralStudy(model: model, ks: ks, scale: scale) }
    let uncertified = measure(repetitions: repetitions) {
      var start: [[Double]]? = nil
      for k in ks {
        let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: k, scale: scale))
        start = GramSolver().solve(loss, start: start).factor
      }
    }
    report(name, certified, baseline: ("uncertified Double solves", uncertified))
    summarize(study)
  }

  /// One `Double` evaluation of `L_k` and its gradient by the multinomial engine, the call the solver
  /// makes thousands of times per row (4 classes, s = 2, k = 12: 455 count vectors × 4 pairs), repeated
  /// 2000 times at the solver's optimum, against the floor of the same draws: `log1p(Σ n_z y_z)` alone.
  static func multinomialDoubleEvaluation() throws {
    let model = try LatentClassModel.classLevel(rho: ModelSpecification.rho("11/20,1/4,3/20,1/20"))
    let loss = PopulationLoss(problem: ContrastiveProblem(model: model, negatives: 12, scale: 2), engine: .multinomial)
    let gram = GramSolver().solve(loss).gram
    let repetitions = 2000
    var sink = 0.0
    let engine = measure(repetitions: 5) {
      for _ in 0..<repetitions {
        let evaluation: LossAndGradient<Double> = loss.evaluate(gram: gram)
        sink += evaluation.loss
      }
    }
    let counts = MultinomialEngine(problem: loss.problem).counts.map { $0.map(Double.init) }
    let s = loss.problem.scale.approximateDouble
    let gaps = loss.problem.pairs.map { pair in
      gram[pair.anchor].map { exp(s * ($0 - gram[pair.anchor][pair.positive])) }
    }
    let logarithms = measure(repetitions: 5) {
      for _ in 0..<repetitions {
        for y in gaps {
          for n in counts { sink += log1p(zip(n, y).reduce(0) { $0 + $1.0 * $1.1 }) }
        }
      }
    }
    report(
      "4 classes, k = 12: Double evaluation ×2000", engine,
      baseline: ("the draws' log1p alone", logarithms))
    if sink.isNaN { print("  an evaluation was NaN") }
  }

  /// `verify --rho zipf:1:10 --points-per-class 6 --k 1...8` (60 points; compute only) against its
  /// class-level model alone: the point level costs the lift of the class-level certificates.
  static func sixtyPoints() throws {
    let rho = try ModelSpecification.rho("zipf:1:10")
    let model = try ModelSpecification.pointLevel(rho: rho, pointsPerClass: 6, within: .uniform)
    let ks = Array(1...8)
    var study: GeneralStudy?
    let points = measure(repetitions: 1) { study = GeneralStudy(model: model, ks: ks, scale: 1) }
    let classes = measure(repetitions: 1) {
      _ = GeneralStudy(model: try! LatentClassModel.classLevel(rho: rho), ks: ks, scale: 1)
    }
    report("60 points (zipf:1:10 × 6), k = 1…8 (compute only)", points, baseline: ("its 10-class model", classes))
    summarize(study)
  }

  private static func summarize(_ study: GeneralStudy?) {
    guard let rows = study?.rows else { return }
    let verified = rows.filter { $0.status == .verified }.count
    let located = rows.filter(\.isLocated).count
    let widest = rows.compactMap { $0.certificate.gap?.approximateDouble }.max() ?? .nan
    print(
      String(
        format: "  %d of %d rows verified, %d located; largest certified gap %.2e", verified, rows.count, located,
        widest))
  }
}
