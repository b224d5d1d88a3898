import Foundation
import TrainCommand

// The front end: all work happens in TrainCommand (parsing, session) and CIFARTraining.

/// Writes unbuffered, so progress appears immediately even when stdout is a pipe.
func emit(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

InterruptSignal.install()
exit(
  TrainCommand.run(
    Array(CommandLine.arguments.dropFirst()), output: emit,
    errors: { FileHandle.standardError.write(Data($0.utf8)) },
    progress: isatty(STDERR_FILENO) == 1 ? { FileHandle.standardError.write(Data($0.utf8)) } : nil,
    shouldStop: { InterruptSignal.wasReceived }))
