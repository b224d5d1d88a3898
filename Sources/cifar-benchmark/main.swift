import CIFARTraining
import Foundation

// Times forward + backward of the default CIFAR encoder on random input, the
// figure scripts/torch-throughput.py compares against PyTorch.
// usage: cifar-benchmark [batch] [repetitions] [--no-batch-norm]

TrainingRuntime.keepFreedMemory()
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let batch = arguments.first ?? 256
let repetitions = arguments.dropFirst().first ?? 10
let batchNorm = !CommandLine.arguments.contains("--no-batch-norm")
var generator = SplitMix64(seed: 1)
let encoder = Encoder(configuration: EncoderConfiguration(batchNorm: batchNorm), using: &generator)
let input = (0..<3 * batch * 32 * 32).map { _ in generator.gaussian() }
let outputGradient = (0..<batch * 128).map { _ in generator.gaussian() / 100 }

func measure(_ body: () -> Void) -> Double {
  body()  // warm-up: page in buffers, start OpenBLAS threads
  let start = Date()
  for _ in 0..<repetitions { body() }
  return Double(batch * repetitions) / Date().timeIntervalSince(start)
}

let forwardRate = measure { _ = encoder.forward(input, batch: batch) }
let trainingRate = measure {
  let (_, tape) = encoder.forward(input, batch: batch)
  _ = encoder.backward(outputGradient, tape: tape)
}
print(
  String(
    format: "swift encoder (32/64/128%@, d=128; OpenBLAS %@ kernels), batch %d: "
      + "forward %.0f images/s, forward+backward %.0f images/s",
    batchNorm ? ", batch norm" : "", TrainingRuntime.blasCore, batch, forwardRate, trainingRate))
