import ExactArithmetic
import Foundation
import LatentClassTheory

/// The parsed arguments of `verify` for a general model (issue #3): any `ρ`, points per
/// class, within-class distributions, a JSON model file, the engine.
public struct GeneralOptions {
  public var model: LatentClassModel
  public var negatives: [Int]
  public var scale: Rational
  public var precision: Int
  public var engine: ExpectationEngine
  public var gapTolerance: Rational
  public var jsonPath: String?
  public var reportPath: String?

  /// Flags that select the general path; without them `verify` runs the uniform engine.
  static let selectingFlags: Set<String> = ["--rho", "--model", "--points-per-class", "--within", "--engine", "--gap"]
  private static let knownFlags = selectingFlags.union([
    "--classes", "--k", "--scale", "--precision", "--json", "--report",
  ])

  /// Whether `arguments` ask for the general path.
  public static func applies(to arguments: [String]) -> Bool { arguments.contains { selectingFlags.contains($0) } }

  /// Parses `arguments` (without the program name).
  ///
  /// - Throws: ``UsageError`` naming the flag and what was expected (model errors included).
  public static func parse(
    _ arguments: [String], readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
  )
    throws -> GeneralOptions
  {
    var values: [String: String] = [:]
    var remaining = arguments[...]
    while let flag = remaining.popFirst() {
      guard knownFlags.contains(flag) else {
        throw UsageError(
          flag.hasPrefix("-")
            ? "unknown option '\(flag)' for a general model (see --help)" : "unexpected argument '\(flag)'")
      }
      guard let value = remaining.popFirst(), !value.hasPrefix("--") else { throw UsageError("\(flag): missing value") }
      values[flag] = value
    }
    guard let k = values["--k"] else { throw UsageError("--k: missing (e.g. --k 1...12)") }
    let negatives = try NegativesRange.parse(k)
    var scale = Rational(1)
    if let text = values["--scale"] {
      guard let parsed = Rational(text), parsed.signum > 0 else {
        throw UsageError("--scale: expected a positive number, got '\(text)'")
      }
      guard parsed <= PopulationLoss.maximumScale else {
        throw UsageError(
          "--scale: at most \(PopulationLoss.maximumScale) for general models (e^{2s} must fit a Double), got \(text)")
      }
      scale = parsed
    }
    var precision = 128
    if let text = values["--precision"] {
      guard let parsed = Int(text), VerifyOptions.precisionRange.contains(parsed) else {
        throw UsageError("--precision: expected bits in \(VerifyOptions.precisionRange), got '\(text)'")
      }
      precision = parsed
    }
    var engine = ExpectationEngine.automatic
    if let text = values["--engine"] {
      guard let parsed = ExpectationEngine(rawValue: text) else {
        throw UsageError("--engine: expected automatic, multinomial or laplace, got '\(text)'")
      }
      engine = parsed
    }
    var gap = Rational(1, 100_000_000)
    if let text = values["--gap"] {
      guard let parsed = Rational(text), parsed.signum > 0 else {
        throw UsageError("--gap: expected a positive number, got '\(text)'")
      }
      gap = parsed
    }
    let model: LatentClassModel
    do {
      model = try buildModel(values, readFile: readFile)
    } catch let error as ModelError {
      throw UsageError(error.description)
    }
    return GeneralOptions(
      model: model, negatives: negatives, scale: scale, precision: precision, engine: engine, gapTolerance: gap,
      jsonPath: values["--json"], reportPath: values["--report"])
  }

  private static func buildModel(_ values: [String: String], readFile: (String) throws -> Data) throws
    -> LatentClassModel
  {
    if let path = values["--model"] {
      guard values["--rho"] == nil, values["--points-per-class"] == nil, values["--within"] == nil else {
        throw ModelError("--model: the file defines the model; drop --rho, --points-per-class and --within")
      }
      guard let data = try? readFile(path) else { throw ModelError("--model: cannot read '\(path)'") }
      return try ModelSpecification.model(json: data)
    }
    var classes: Int? = nil
    if let text = values["--classes"] {
      guard let parsed = Int(text), parsed >= 1 else {
        throw ModelError("--classes: expected a whole number ≥ 1, got '\(text)'")
      }
      classes = parsed
    }
    let rho = try ModelSpecification.rho(values["--rho"] ?? "uniform:\(classes ?? 0)", classes: classes)
    if let classes, classes != rho.count { throw ModelError("--classes \(classes) but --rho has \(rho.count) classes") }
    guard let text = values["--points-per-class"] else {
      if values["--within"] != nil { throw ModelError("--within needs --points-per-class") }
      return try LatentClassModel.classLevel(rho: rho)
    }
    guard let m = Int(text) else { throw ModelError("--points-per-class: expected a whole number, got '\(text)'") }
    return try ModelSpecification.pointLevel(
      rho: rho, pointsPerClass: m, within: ModelSpecification.WithinClass(values["--within"] ?? "uniform"))
  }
}
