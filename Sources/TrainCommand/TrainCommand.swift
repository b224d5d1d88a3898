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
  /// before every step (the executable passes the Ctrl-C flag). With `progress`, a bar
  /// with an ETA is drawn there (the executable passes stderr when it is a terminal);
  /// without it, `output` gets a plain progress line every 30 seconds and at each epoch's end.
  public static func run(
    _ arguments: [String], output: @escaping (String) -> Void, errors: (String) -> Void,
    progress: ((String) -> Void)? = nil, shouldStop: @escaping () -> Bool = { false }
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
    var bar: (progress: TerminalProgress, done: Int)?
    session.log = { line in
      bar?.progress.finish()
      bar = nil
      output(line + "\n")
    }
    session.progress = { negatives, step in
      let done = (step.epoch - 1) * step.stepsPerEpoch + step.step
      if let write = progress {
        // A new run (the next k or seed, or a resumed one) starts a new bar.
        if bar == nil || done < bar!.done {
          let total = step.epochs * step.stepsPerEpoch
          bar = (TerminalProgress(total: total, alreadyDone: done - 1, isEnabled: true, write: write), done)
        }
        bar!.done = done
        bar!.progress.update(done: done, label: ProgressLine.label(step, negatives: negatives))
      } else if Date().timeIntervalSince(lastPlainLine) >= 30 || step.step == step.stepsPerEpoch {
        lastPlainLine = Date()
        output(ProgressLine.plain(step, negatives: negatives) + "\n")
      }
    }
    session.shouldStop = shouldStop
    do {
      let result = try session.run()
      output(
        "results: \((options.output as NSString).appendingPathComponent("results.json")) (\(result.runs.count) runs)\n")
      return 0
    } catch let interruption as Interruption {
      bar?.progress.finish()
      let resume = (["train-cifar"] + arguments.filter { $0 != "--resume" } + ["--resume"]).map(ShellWord.quoted)
      errors("train-cifar: interrupted; kept \(interruption.kept). Resume with: \(resume.joined(separator: " "))\n")
      return interruptedExitCode
    } catch {
      bar?.progress.finish()
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
