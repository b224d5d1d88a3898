import Foundation

/// The command line of a small executable without a command module (`benchmarks`,
/// `cifar-benchmark`): parsed against `flags`, with `--help` and `--version` answered and
/// usage errors reported (exit 64) before the program does any work.
public enum ExecutableArguments {
  /// The parsed arguments of this process; prints and exits for help, version or a mistake.
  public static func parse(
    program: String, flags: [Flag], positionals: Int = 0, help: @autoclosure () -> HelpText,
    arguments: [String] = Array(CommandLine.arguments.dropFirst())
  ) -> ParsedArguments {
    do {
      let parsed = try ParsedArguments(arguments, flags: flags, positionals: positionals)
      if parsed.helpRequested {
        print(help().rendered, terminator: "")
        exit(0)
      }
      if parsed.versionRequested {
        print(PackageVersion.current)
        exit(0)
      }
      return parsed
    } catch {
      fail(program: program, error)
    }
  }

  /// Prints `program: error` on stderr and exits with the error's status (64 for usage).
  public static func fail(program: String, _ error: Error) -> Never {
    FileHandle.standardError.write(Data("\(program): \(error)\n".utf8))
    exit((error as? CommandError)?.exitCode ?? 1)
  }
}
