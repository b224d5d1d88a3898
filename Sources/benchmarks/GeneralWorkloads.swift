import ExactArithmetic
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
