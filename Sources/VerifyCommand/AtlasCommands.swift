import CommandLineSupport
import Foundation

/// The atlas subcommands of `verify` (issue 12): `atlas`, `merge` and `atlas-report`.
enum AtlasCommands {
  /// The entries ``VerifyCommand/subcommands`` lists.
  static let subcommands: [Subcommand<VerifyCommand.Status>] = [
    Subcommand(
      "atlas", abstract: "--family <F> --k <range> --out <dir> [--shard <i/n>]: C1 verdicts over a family.",
      run: { arguments, output, errors in
        withHelp(arguments, output) {
          AtlasCommand.run(
            arguments[...], environment: ProcessInfo.processInfo.environment, output: output, errors: errors)
        }
      }),
    Subcommand(
      "merge", abstract: "<dir|shard.json>... --out <atlas.json>: combine checked shards.",
      run: { arguments, output, errors in
        withHelp(arguments, output) { AtlasMergeCommand.run(arguments[...], output: output, errors: errors) }
      }),
    Subcommand(
      "atlas-report", abstract: "<atlas.json>... --report <file.md>: maps and certified increases.",
      run: { arguments, output, errors in
        withHelp(arguments, output) { AtlasReportCommand.run(arguments[...], output: output, errors: errors) }
      }),
  ]

  /// The status of a failed parse or output check: a ``CommandError``'s own exit code, else 64.
  static func status(of error: Error) -> VerifyCommand.Status {
    (error as? CommandError).flatMap { VerifyCommand.Status(rawValue: $0.exitCode) } ?? .usage
  }

  private static func withHelp(
    _ arguments: [String], _ output: (String) -> Void, _ run: () -> VerifyCommand.Status
  ) -> VerifyCommand.Status {
    guard arguments.contains("--help") || arguments.contains("-h") else { return run() }
    output(help)
    return .verified
  }

  static let help = """
    OVERVIEW: C1 verdicts over a family of latent-class models, sharded (docs/theory.md §9, docs/atlas.md).

    USAGE: verify atlas --family <F> --k <range> --out <dir> [--scale <s>] [--shard <i/n>] [--precision <bits>] [--gap <g>] [--refine <r>] [--jobs <threads>]
           verify merge <dir|shard.json>... --out <atlas.json>
           verify atlas-report <atlas.json>... --report <file.md>

    FAMILIES (<F>):
      rho3:D                  every class-level ρ = (a,b,c)/D, positive integers, lexicographic.
      dirichlet:N:COUNT:SEED  COUNT exact ρ, uniform on the compositions of 10^6 into N positive parts.
      zipf:A:N, zipf:A1,A2:N  one Zipf ρ per exponent.
      overlap:STEPS           the path q = j/(2·STEPS) from disjoint classes to general-overlap-model.json.
      file:models.json        a JSON list of --model objects.

    OPTIONS:
      --out <dir>             Writes <dir>/atlas.json, or <dir>/shard-i-of-n.json with a shard. Rerunning resumes.
      --shard <i/n>           1 ≤ i ≤ n: points i−1, i−1+n, … . In a Slurm array task it defaults to
                              SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT.
      --jobs <threads>        Points computed at once. (default: every core)
      --scale, --precision, --gap, --refine, --k  As for verify --rho.

    EXIT STATUS:
      0 every pair decided, 1 a certified increase for non-overlapping classes (a C1 counterexample) or a
      file error (merge: a missing, overlapping, foreign or unfinished shard), 2 a pair undecided, 64 usage.

    """
}
