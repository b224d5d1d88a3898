import CIFARTraining
import Foundation

// The front end: parse, run, print, exit code. All work happens in CIFARTraining.

func fail(_ error: Error) -> Never {
  let message = (error as? TrainingError)?.description ?? "\(error)"
  FileHandle.standardError.write(Data("train-cifar: \(message)\n".utf8))
  exit((error as? TrainingError)?.exitCode ?? 1)
}

let options: TrainingOptions
do { options = try TrainingOptions.parse(Array(CommandLine.arguments.dropFirst())) } catch { fail(error) }
if options.showHelp {
  print(TrainingOptions.usage)
  exit(0)
}

/// Writes unbuffered, so progress appears immediately even when stdout is a pipe.
func emit(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

TrainingRuntime.configure(threads: options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
let isTerminal = isatty(STDOUT_FILENO) == 1
var session = TrainingSession(options: options)
var lastPlainLine = Date.distantPast
session.log = { line in
  emit((isTerminal ? "\r\u{1B}[K" : "") + line + "\n")
}
session.progress = { negatives, progress in
  if isTerminal {
    emit("\r\u{1B}[K" + ProgressLine.bar(progress, negatives: negatives))
  } else if Date().timeIntervalSince(lastPlainLine) >= 30 || progress.step == progress.stepsPerEpoch {
    // Logs get a line every 30 s and at each epoch's end, not one per step.
    lastPlainLine = Date()
    emit(ProgressLine.plain(progress, negatives: negatives) + "\n")
  }
}
do {
  let result = try session.run()
  print("results: \((options.output as NSString).appendingPathComponent("results.json")) (\(result.runs.count) runs)")
} catch { fail(error) }
