import ExactArithmetic

/// The parsed and validated arguments of `verify`.
public struct VerifyOptions: Equatable {
  public var classes: Int
  public var negatives: [Int]
  public var scale: Rational
  public var precision: Int
  public var jsonPath: String?
  public var reportPath: String?

  /// The precision range accepted by `--precision`: below 32 bits the enclosures
  /// cannot separate the claims; above 4096 a run takes hours.
  public static let precisionRange = 32...4096

  /// What the command was asked to do.
  public enum Request: Equatable {
    case help
    case verify(VerifyOptions)
  }

  /// Parses `arguments` (without the program name).
  ///
  /// - Throws: ``UsageError`` naming the flag and what was expected.
  public static func parse(_ arguments: [String]) throws -> Request {
    var classes: Int?
    var negatives: [Int]?
    var scale = Rational(1)
    var precision = 128
    var jsonPath: String?
    var reportPath: String?
    var remaining = arguments[...]
    while let flag = remaining.popFirst() {
      if flag == "--help" || flag == "-h" { return .help }
      guard flag.hasPrefix("-") else { throw UsageError("unexpected argument '\(flag)' (see --help)") }
      guard knownFlags.contains(flag) else { throw UsageError("unknown option '\(flag)' (see --help)") }
      guard let value = remaining.popFirst(), !value.hasPrefix("--") else {
        throw UsageError("\(flag): missing value")
      }
      switch flag {
      case "--classes":
        guard let parsed = Int(value), parsed >= 2 else {
          throw UsageError("--classes: expected a whole number ≥ 2, got '\(value)'")
        }
        guard parsed <= 1000 else { throw UsageError("--classes: at most 1000 classes, got \(parsed)") }
        classes = parsed
      case "--k":
        negatives = try NegativesRange.parse(value)
      case "--scale":
        guard let parsed = Rational(value), parsed.signum > 0 else {
          throw UsageError("--scale: expected a positive number such as 1, 0.5, 5/2 or 1e1, got '\(value)'")
        }
        scale = parsed
      case "--precision":
        guard let parsed = Int(value), precisionRange.contains(parsed) else {
          throw UsageError(
            "--precision: expected bits between \(precisionRange.lowerBound) and \(precisionRange.upperBound), got '\(value)'"
          )
        }
        precision = parsed
      case "--json":
        jsonPath = value
      default:
        reportPath = value
      }
    }
    guard let classes else { throw UsageError("--classes: missing (e.g. --classes 10)") }
    guard let negatives else { throw UsageError("--k: missing (e.g. --k 1...100)") }
    return .verify(
      VerifyOptions(
        classes: classes, negatives: negatives, scale: scale, precision: precision, jsonPath: jsonPath,
        reportPath: reportPath))
  }

  private static let knownFlags: Set<String> = ["--classes", "--k", "--scale", "--precision", "--json", "--report"]

  public static let helpText = """
    OVERVIEW: Certify the optimal contrastive representation of a latent-class model for each number of negatives k.

    For N equally likely classes, proves with exact rationals and MPFR interval
    arithmetic that the regular simplex minimises the population NCE loss for
    every k (theory.md T2), that its downstream loss does not depend on k (T3),
    and prints the prior collision–coverage bounds beside it.

    USAGE: verify --classes <N> --k <range> [--scale <s>] [--precision <bits>] [--json <file>] [--report <file.md>]

    OPTIONS:
      --classes <N>        Number of classes, at least 2.
      --k <range>          Numbers of negatives: 64, 1...100, 1..<100, 1...100:5, or a comma list of these.
      --scale <s>          Scale (inverse temperature) s > 0, exact: 1, 0.5, 5/2, 1e1. (default: 1)
      --precision <bits>   Bits per interval endpoint, 32...4096. (default: 128)
      --json <file>        Also write the results as JSON.
      --report <file.md>   Also write a Markdown report, with SVG plots beside it.
      -h, --help           Show help information.

    GENERAL MODELS (any ρ, points, overlap; solver + theory.md §6 certificate):
      --rho <list|gen>     11/20,1/4,3/20,1/20 (exact, sums to 1), uniform:N, zipf:A:N (or zipf:A with --classes N).
      --points-per-class <m>  Non-overlapping point-level model with m points per class.
      --within <dist>      Within-class distribution: uniform or random:SEED. (default: uniform)
      --model <file.json>  {"classes","points","rho":[...],"distributions":[[...]]}, probabilities as strings.
      --engine <e>         automatic, multinomial or laplace. (default: automatic)
      --gap <g>            Certified gap a row must reach to count as verified. (default: 1e-8)
      (--k, --scale, --precision, --json and --report work as above.)

    TRAINED CIFAR RUNS (beside the certified optimum of the matching class-level model):
      --compare <results.json>  A train-cifar results file; with --report <file.md>, a report with plots.

    ATLAS (C1 verdicts over a family of models, sharded; theory.md §9):
      verify atlas --family <F> --k <range> --out <dir> [--scale <s>] [--shard <i/n>] [--precision <bits>] [--gap <g>] [--jobs <threads>]
        <F>: rho3:D (every ρ = (a,b,c)/D), dirichlet:N:COUNT:SEED, zipf:A:N or zipf:A1,A2,…:N, overlap:STEPS, file:models.json.
        Writes <dir>/atlas.json, or <dir>/shard-i-of-n.json with --shard (shard i takes points i−1, i−1+n, …;
        without --shard, a Slurm array task uses SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT).
        Rerunning the same command resumes: finished points are kept, never recomputed.
      verify merge <dir|shard.json>... --out <atlas.json>   Checks the shards cover every point once; same bytes as unsharded.
      verify atlas-report <atlas.json>... --report <file.md>   Certified increases first, ternary maps, overlap path.
      Exit status as below; merge and atlas-report also exit 1 for a missing, overlapping, foreign or unfinished file.

    EXIT STATUS:
      0 every claim verified, 1 a claim refuted (or a file could not be written),
      2 a claim undecided at this precision, 64 usage error.
    """
}
