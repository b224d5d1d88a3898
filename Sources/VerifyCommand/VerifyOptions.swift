import CommandLineSupport
import ExactArithmetic
import LatentClassTheory

/// The validated arguments of `verify` for the uniform model.
public struct VerifyOptions: Equatable {
  public var classes: Int
  public var negatives: [Int]
  public var scale: Rational
  public var precision: Int
  public var jsonPath: String?
  public var reportPath: String?

  /// Reads the uniform flags of `arguments`, already checked against ``VerifyFlags/all``.
  ///
  /// - Throws: ``CommandError`` (exit 64) naming the flag and what was expected.
  init(_ arguments: ParsedArguments) throws {
    classes = try arguments.required(
      "--classes",
      .integer(
        in: 2...Defaults.maximumUniformClasses,
        expected: "a whole number of classes from 2 to \(Defaults.maximumUniformClasses)"),
      example: "--classes 10")
    negatives = try NegativesRange.parse(
      try arguments.required("--k", .nonEmpty("a range such as 1...100"), example: "--k 1...100"))
    scale = try arguments.value("--scale", .positiveRational, default: Rational(1))
    precision = try arguments.value("--precision", .precisionBits, default: Defaults.precision)
    jsonPath = arguments.text("--json")
    reportPath = arguments.text("--report")
  }
}
