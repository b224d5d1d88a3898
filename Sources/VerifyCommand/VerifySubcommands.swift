import CommandLineSupport

extension VerifyCommand {
  /// The subcommands of `verify`, chosen by the first argument. New ones (`atlas`,
  /// `merge`) register here with a one-line abstract; `--help` lists them.
  static let subcommands: [Subcommand<Status>] =
    [
      Subcommand(
        "compare", abstract: "<results.json> [--report <file.md>]: a train-cifar sweep beside the certified optimum.",
        run: CompareCommand.runSubcommand)
    ] + AtlasCommands.subcommands
}
