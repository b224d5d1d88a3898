import CIFARTraining
import CommandLineSupport
import Foundation
import TrainingResults

/// The `train-cifar` command: parse, configure the runtime, run the session, print, and
/// map every error to one stderr line and an exit status (see ``TrainFlags/help``).
public enum TrainCommand {
  /// `sysexits`-style statuses; 130 is the shell's for a process ended by SIGINT.
  public static let interruptedExitCode: Int32 = 130

  /// Runs `train-cifar` with `arguments` (no program name). `shouldStop` is polled
  /// before every step (the executable passes the Ctrl-C flag).
  public static func run(
    _ arguments: [String], output: @escaping (String) -> Void, errors: (String) -> Void,
    isTerminal: Bool = false, shouldStop: @escaping () -> Bool = { false }
  ) -> Int32 {
    let options: TrainingOptions
    do { options = try TrainingOptions.parse(arguments) } catch { return fail(error, errors) }
    if options.showHelp {
      output(TrainFlags.help.rendered)
      return 0
    }
    if options.showVersion {
      output(PackageVersion.current + "\n")
      return 0
    }
    TrainingRuntime.configure(threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
    var session = TrainingSession(options: options)
    var lastPlainLine = Date.distantPast
    var barShown = false
    session.log = { line in
      output((barShown ? "\r\u{1B}[K" : "") + line + "\n")
      barShown = false
    }
    session.progress = { negatives, progress in
      if isTerminal {
        output("\r\u{1B}[K" + ProgressLine.bar(progress, negatives: negatives))
        barShown = true
      } else if Date().timeIntervalSince(lastPlainLine) >= 30 || progress.step == progress.stepsPerEpoch {
        // Logs get a line every 30 s and at each epoch's end, not one per step.
        lastPlainLine = Date()
        output(ProgressLine.plain(progress, negatives: negatives) + "\n")
      }
    }
    session.shouldStop = shouldStop
    do {
      let result = try session.run()
      output(
        "results: \((options.output as NSString).appendingPathComponent("results.json")) (\(result.runs.count) runs)\n")
      return 0
    } catch let interruption as Interruption {
      if barShown { output("\n") }
      let resume = (["train-cifar"] + arguments.filter { $0 != "--resume" } + ["--resume"]).map(ShellWord.quoted)
      errors("train-cifar: interrupted; kept \(interruption.kept). Resume with: \(resume.joined(separator: " "))\n")
      return interruptedExitCode
    } catch {
      if barShown { output("\n") }
      return fail(error, errors)
    }
  }

  /// One line on stderr; the status of a ``CommandError``, 1 for engine failures.
  static func fail(_ error: Error, _ errors: (String) -> Void) -> Int32 {
    switch error {
    case let error as CommandError:
      errors("train-cifar: \(error)\n")
      return error.exitCode
    case TrainingError.diverged(let message):
      errors("train-cifar: \(message); lower --lr or --scale\n")
      return 1
    default:
      errors("train-cifar: \(error)\n")
      return 1
    }
  }
}
