import CIFARTraining
import CommandLineSupport
import Foundation
import SeededRandom
import TrainingResults

// Times forward + backward of the default CIFAR encoder on random input, the
// figure scripts/torch-throughput.py compares against PyTorch. With --threads N > 1
// it also times one thread in the same process and prints the speed-up.
// usage: cifar-benchmark [batch] [repetitions] [--threads N] [--no-batch-norm] (see --help)

let flags: [Flag] = [
  .option("--threads", "N", default: "1", help: "Threads splitting the batch; above 1 also times 1 thread."),
  .toggle("--no-batch-norm", help: "The network without batch normalisation."),
]
let arguments = ExecutableArguments.parse(
  program: "cifar-benchmark", flags: flags, positionals: 2,
  help: HelpText(
    overview: "Time forward and backward passes of the CIFAR encoder on random input.",
    usage: ["cifar-benchmark [<batch>] [<repetitions>] [--threads <N>] [--no-batch-norm]"],
    sections: [HelpText.Section("OPTIONS", flags)],
    epilogue: [
      (
        "ARGUMENTS",
        "  <batch>                 Images per pass. (default: 256)\n  <repetitions>           Timed passes. (default: 10)"
      )
    ]))
let positional: [Int]
let threads: Int
do {
  let count = ValueParser<Int>.integer(in: 1...65536, expected: "a whole number from 1 to 65536")
  positional = try arguments.positionals.enumerated().map {
    try count.value(of: $0.element, for: $0.offset == 0 ? "<batch>" : "<repetitions>")
  }
  threads = try arguments.value("--threads", .integer(in: 1...1024, expected: "1 to 1024 threads"), default: 1)
} catch {
  ExecutableArguments.fail(program: "cifar-benchmark", error)
}
let batchNorm = !arguments.contains("--no-batch-norm")
let batch = positional.first ?? 256
let repetitions = positional.dropFirst().first ?? 10
var generator = SplitMix64(seed: 1)
let encoder = Encoder(configuration: EncoderConfiguration(batchNorm: batchNorm), using: &generator)
let input = (0..<3 * batch * 32 * 32).map { _ in generator.gaussian() }
let outputGradient = (0..<batch * 128).map { _ in generator.gaussian() / 100 }

func measure(_ body: () -> Void) -> Double {
  body()  // warm-up: page in buffers, start threads
  let start = Date()
  for _ in 0..<repetitions { body() }
  return Double(batch * repetitions) / Date().timeIntervalSince(start)
}

/// Forward and forward + backward images per second with `threads` threads.
func rates(threads: Int) -> (forward: Double, training: Double) {
  TrainingRuntime.configure(threads: threads)
  let forward = measure { _ = encoder.forward(input, batch: batch) }
  let training = measure {
    let (_, tape) = encoder.forward(input, batch: batch)
    _ = encoder.backward(outputGradient, tape: tape)
  }
  return (forward, training)
}

let measured = rates(threads: threads)
print(
  String(
    format: "swift encoder (32/64/128%@, d=128; %d threads, OpenBLAS %@ kernels), batch %d: "
      + "forward %.0f images/s, forward+backward %.0f images/s",
    batchNorm ? ", batch norm" : "", threads, TrainingRuntime.blasCore, batch, measured.forward, measured.training))
if threads > 1 {
  let single = rates(threads: 1)
  print(
    String(
      format: "  vs 1 thread (%.0f, %.0f images/s): forward %.2f×, forward+backward %.2f×", single.forward,
      single.training, measured.forward / single.forward, measured.training / single.training))
}
