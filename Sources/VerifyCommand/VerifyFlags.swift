import CommandLineSupport
import Foundation
import LatentClassTheory
import Reports

/// The flag table of `verify`: every flag once, with its default, shared by the parser and `--help`.
enum VerifyFlags {
  static let classes = Flag.option(
    "--classes", "N", help: "Number of classes, 2...\(Defaults.maximumUniformClasses) (with zipf:A, its class count).")
  static let negatives = Flag.option(
    "--k", "range", help: "Numbers of negatives: 64, 1...100, 1..<100, 1...100:5, or a comma list (sorted, merged).")
  static let scale = Flag.option(
    "--scale", "s", default: "1", help: "Scale (inverse temperature) s > 0, exact: 1, 0.5, 5/2, 1e1.")
  static let precision = Flag.option(
    "--precision", "bits", default: "\(Defaults.precision)",
    help:
      "Bits per interval endpoint, \(Defaults.precisionRange.lowerBound)...\(Defaults.precisionRange.upperBound) (unrefined rows use Double endpoints from 53 up)."
  )
  static let json = Flag.option("--json", "file", help: "Also write the results as JSON.")
  static let report = Flag.option(
    "--report", "file.md", help: "Also write a Markdown report, with SVG plots beside it.")

  static let rho = Flag.option(
    "--rho", "list|gen",
    help: "11/20,1/4,3/20,1/20 (exact, sums to 1), uniform:N, zipf:A:N (or zipf:A with --classes N).")
  static let pointsPerClass = Flag.option(
    "--points-per-class", "m",
    help: "Non-overlapping point-level model with m points per class (N·m ≤ \(Defaults.maximumPoints)).")
  static let within = Flag.option(
    "--within", "dist", default: "uniform", help: "Within-class distribution: uniform or random:SEED.")
  static let model = Flag.option(
    "--model", "file.json",
    help: "{\"classes\",\"points\",\"rho\":[...],\"distributions\":[[...]]}, probabilities as strings.")
  static let engine = Flag.option(
    "--engine", "e", default: ExpectationEngine.automatic.rawValue, help: "automatic, multinomial or laplace.")
  static let gap = Flag.option(
    "--gap", "g", default: EnclosureFormatting.short(Defaults.gapTolerance),
    help: "Certified gap a row must reach to count as verified.")
  static let c1Loss = Flag.option(
    "--c1-loss", "w", default: Defaults.downstreamWeighting.rawValue,
    help: "Downstream loss C1 orders across k: weighted (classes by ρ) or balanced (1/N each).")
  static let refine = Flag.option(
    "--refine", "needed|every", default: Defaults.refinement.rawValue,
    help: "Rows refined by Newton in MPFR before locating: needed (a missed gap; the multinomial rows of C1 pairs "
      + "left undecided) or every (tightest locations, δ near 1e-16, several times slower).")
  static let refineUndecided = Flag.option(
    "--refine-undecided", "on|off", default: Defaults.refineUndecidedPairs ? "on" : "off",
    help:
      "With --refine needed, refine the Laplace rows of C1 pairs left undecided too (each costs about three plain rows)."
  )
  static let compare = Flag.option(
    "--compare", "results.json", help: "Same as the compare subcommand (kept for existing scripts).")

  static let uniform = [classes, negatives, scale, precision, json, report]
  static let general = [rho, pointsPerClass, within, model, engine, gap, c1Loss, refine, refineUndecided]
  static let all = uniform + general + [compare]

  /// Flags that select the general path; without them `verify` runs the uniform engine.
  static let selectingGeneral = Set(general.map(\.name))

  static var help: HelpText {
    let subcommands = VerifyCommand.subcommands.map {
      "  " + $0.name.padding(toLength: 24, withPad: " ", startingAt: 0) + $0.abstract
    }
    return HelpText(
      overview:
        "Certify the optimal contrastive representation of a latent-class model for each number of negatives k.",
      discussion: """
        For N equally likely classes, proves with exact rationals and MPFR interval
        arithmetic that the regular simplex minimises the population NCE loss for
        every k (docs/theory.md §5 T2), that its downstream loss does not depend on k (T3),
        and prints the prior collision–coverage bounds beside it.
        """,
      usage: [
        "verify --classes <N> --k <range> [--scale <s>] [--precision <bits>] [--json <file>] [--report <file.md>]",
        "verify (--rho <list|gen> | --model <file.json>) --k <range> [--points-per-class <m>] [--engine <e>] ...",
        "verify <subcommand> ...",
      ],
      sections: [
        HelpText.Section("OPTIONS", uniform),
        HelpText.Section(
          "GENERAL MODELS (any ρ, points, overlap; solver + docs/theory.md §6 certificate)", general,
          note: "(--k, --scale, --precision, --json and --report work as above.)"),
        HelpText.Section("TRAINED CIFAR RUNS", [compare]),
      ],
      epilogue: [
        ("SUBCOMMANDS", subcommands.joined(separator: "\n")),
        (
          "EXIT STATUS",
          """
            0 every claim verified, 1 a claim refuted (or an output file could not be written),
            2 a claim undecided at this precision, 64 usage error: a bad flag or value, or an
            input file named on the command line (--model, compare) that cannot be read or parsed.
            General models: 0 needs every row certified and T1 (where it applies) verified; C1, a
            conjecture, may stay undecided (the table says so); 1 also for a certified C1 increase.
            A general run with a single k has no pair for C1: "not applicable", not undecided.
          """
        ),
      ])
  }
}
