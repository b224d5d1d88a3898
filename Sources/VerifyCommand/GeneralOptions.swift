import CommandLineSupport
import ExactArithmetic
import Foundation
import LatentClassTheory

/// The validated arguments of `verify` for a general model (issue #3): any `ρ`, points per
/// class, within-class distributions, a JSON model file, the engine.
public struct GeneralOptions {
  public var model: LatentClassModel
  public var negatives: [Int]
  public var scale: Rational
  public var precision: Int
  public var engine: ExpectationEngine
  public var gapTolerance: Rational
  public var weighting: DownstreamWeighting
  /// Which rows are refined before locating (``GeneralStudy``).
  public var refinement: RefinementPolicy
  /// Whether the Laplace rows of undecided C1 pairs are refined (``GeneralStudy``).
  public var refineUndecidedPairs: Bool
  public var jsonPath: String?
  public var reportPath: String?

  /// Whether `arguments` ask for the general path.
  public static func applies(to arguments: [String]) -> Bool {
    arguments.contains { VerifyFlags.selectingGeneral.contains(String($0.prefix { $0 != "=" })) }
  }

  /// Reads the general flags of `arguments`, already checked against ``VerifyFlags/all``.
  ///
  /// - Throws: ``CommandError`` (exit 64) naming the flag or file and what was expected,
  ///   including a model too large to solve or a `k` too large for `--engine multinomial`.
  init(_ arguments: ParsedArguments, readFile: (String) throws -> Data) throws {
    negatives = try NegativesRange.parse(
      try arguments.required("--k", .nonEmpty("a range such as 1...12"), example: "--k 1...12"))
    scale = try arguments.value("--scale", .positiveRational, default: Rational(1))
    guard scale <= PopulationLoss.maximumScale else {
      throw CommandError.usage(
        "--scale: at most \(PopulationLoss.maximumScale) for general models (e^{2s} must fit a Double)")
    }
    precision = try arguments.value("--precision", .precisionBits, default: Defaults.precision)
    let engines = ExpectationEngine.allCases.map(\.rawValue)
    engine = ExpectationEngine(rawValue: try arguments.value("--engine", .oneOf(engines), default: "automatic"))!
    gapTolerance = try arguments.value("--gap", .positiveRational, default: Defaults.gapTolerance)
    let weightings = DownstreamWeighting.allCases.map(\.rawValue)
    weighting = DownstreamWeighting(
      rawValue: try arguments.value("--c1-loss", .oneOf(weightings), default: Defaults.downstreamWeighting.rawValue))!
    let policies = RefinementPolicy.allCases.map(\.rawValue)
    refinement = RefinementPolicy(
      rawValue: try arguments.value("--refine", .oneOf(policies), default: Defaults.refinement.rawValue))!
    refineUndecidedPairs =
      try arguments.value(
        "--refine-undecided", .oneOf(["on", "off"]), default: Defaults.refineUndecidedPairs ? "on" : "off") == "on"
    model = try Self.model(arguments, readFile: readFile)
    jsonPath = arguments.text("--json")
    reportPath = arguments.text("--report")
    try checkEnumerationCost()
  }

  /// `--engine multinomial` enumerates `C(k+M−1, M−1)` count vectors per pair: refuse
  /// before starting when the largest `k` would exceed ``Defaults/maximumEnumeration``.
  private func checkEnumerationCost() throws {
    guard engine == .multinomial, let k = negatives.last else { return }
    let points = model.pointCount
    let cost = MultinomialEngine.cost(points: points, negatives: k) * Double(points * points)
    guard cost <= Defaults.maximumEnumeration else {
      throw CommandError.usage(
        "--engine: multinomial enumeration at k = \(k) over \(points) points needs about "
          + String(format: "%.1e", cost) + " terms (limit "
          + String(format: "%.0e", Defaults.maximumEnumeration) + "); use --engine automatic or laplace")
    }
  }

  private static func model(_ arguments: ParsedArguments, readFile: (String) throws -> Data) throws
    -> LatentClassModel
  {
    if let path = arguments.text("--model") {
      guard !arguments.contains("--rho"), !arguments.contains("--points-per-class"), !arguments.contains("--within")
      else {
        throw CommandError.usage("--model: the file defines the model; drop --rho, --points-per-class and --within")
      }
      let shown = EchoedValue.quoted(path)
      let data: Data
      do { data = try readFile(path) } catch {
        throw CommandError.usage("--model: cannot read \(shown): \(SystemError.reason(of: error))")
      }
      do { return try ModelSpecification.model(json: data) } catch let error as ModelError {
        throw CommandError.usage("--model: \(shown): \(error)")
      }
    }
    let classes = try arguments.value(
      "--classes", .integer(in: 1...Int.max, expected: "a whole number of classes ≥ 1"))
    let rho: [Rational]
    do {
      rho = try ModelSpecification.rho(arguments.text("--rho") ?? "uniform:\(classes ?? 0)", classes: classes)
    } catch let error as ModelError {
      throw CommandError.usage("--rho: \(error)")
    }
    if let classes, classes != rho.count {
      throw CommandError.usage("--classes: \(classes), but --rho has \(rho.count) classes")
    }
    guard let m = try arguments.value("--points-per-class", .integer(in: 1...Int.max, expected: "a whole number ≥ 1"))
    else {
      if arguments.contains("--within") { throw CommandError.usage("--within needs --points-per-class") }
      return try classLevel(rho)
    }
    let (points, overflow) = rho.count.multipliedReportingOverflow(by: m)
    guard !overflow, points <= Defaults.maximumPoints else {
      throw CommandError.usage(
        "--points-per-class: \(rho.count) classes × \(EchoedValue.quoted(String(m))) points exceed "
          + "\(Defaults.maximumPoints) points, more than the solver finishes in hours; use fewer points per class "
          + "or drop --points-per-class for the class-level model")
    }
    let within: ModelSpecification.WithinClass
    do { within = try ModelSpecification.WithinClass(arguments.text("--within") ?? "uniform") } catch let error
      as ModelError
    {
      throw CommandError.usage("--within: \(error)")
    }
    do { return try ModelSpecification.pointLevel(rho: rho, pointsPerClass: m, within: within) } catch let error
      as ModelError
    {
      throw CommandError.usage("--points-per-class: \(error)")
    }
  }

  private static func classLevel(_ rho: [Rational]) throws -> LatentClassModel {
    do { return try LatentClassModel.classLevel(rho: rho) } catch let error as ModelError {
      throw CommandError.usage("--rho: \(error)")
    }
  }
}
