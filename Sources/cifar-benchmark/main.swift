import CIFARTraining
import TrainingResults
import Foundation
import SeededRandom

// Times forward + backward of the default CIFAR encoder on random input, the
// figure scripts/torch-throughput.py compares against PyTorch. With --threads N > 1
// it also times one thread in the same process and prints the speed-up.
// usage: cifar-benchmark [batch] [repetitions] [--threads N] [--no-batch-norm]

var positional = [Int]()
var threads = 1
var batchNorm = true
var remaining = CommandLine.arguments.dropFirst()[...]
while let argument = remaining.popFirst() {
  switch argument {
  case "--no-batch-norm": batchNorm = false
  case "--threads":
    guard let value = remaining.popFirst().flatMap({ Int($0) }), value >= 1 else {
      FileHandle.standardError.write(Data("cifar-benchmark: --threads expects a positive integer\n".utf8))
      exit(64)
    }
    threads = value
  default:
    guard let value = Int(argument), value >= 1 else {
      FileHandle.standardError.write(Data("cifar-benchmark: expected [batch] [repetitions], got '\(argument)'\n".utf8))
      exit(64)
    }
    positional.append(value)
  }
}
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
