// Speed of the verifier, measured in-process in release mode:
//
//   swift run -c release benchmarks
//
// Each line times one workload and prints its ratio against a baseline run in the
// same process, so the figures compare like with like on whatever machine runs them.
import CommandLineSupport
import ContrastiveLoss
import Dispatch
import Foundation
import LatentClassTheory

_ = ExecutableArguments.parse(
  program: "benchmarks", flags: [],
  help: HelpText(
    overview: "Time the verifier's workloads in-process against an uncertified Double baseline.",
    discussion: "Run it in release mode: swift run -c release benchmarks", usage: ["benchmarks"],
    sections: [HelpText.Section("OPTIONS", [])]))

/// The median wall time of `repetitions` runs of `work`, in seconds.
func measure(repetitions: Int = 5, _ work: () -> Void) -> Double {
  var times: [Double] = []
  for _ in 0..<repetitions {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return times.sorted()[times.count / 2]
}

func report(_ name: String, _ seconds: Double, baseline: (name: String, seconds: Double)? = nil) {
  var line = "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(String(format: "%9.4f s", seconds))"
  if let baseline {
    line += String(
      format: "   %8.2f× the time of %@ (%.4f s)", seconds / baseline.seconds, baseline.name, baseline.seconds)
  }
  print(line)
}

/// The uncertified reference: the same binomial sums over all collision counts in
/// `Double`, through the same `NCELoss`, with no tail bounds and no intervals.
func doubleSimplexSums(classes: Int, negatives k: Int) -> (loss: Double, gradient: Double, collision: Double) {
  let p = 1 / Double(classes)
  let gaps = [1, exp(-Double(classes) / Double(classes - 1))]
  var weight = pow(1 - p, Double(k))
  var sums = (loss: 0.0, gradient: 0.0, collision: 0.0)
  for j in 0...k {
    let counts = [Double(j), Double(k - j)]
    let (loss, gradient) = NCELoss.lossAndGradient(exponentiatedGaps: gaps, multiplicities: counts, scale: 1.0)
    sums.loss += weight * loss
    sums.gradient += weight * gradient[1]
    sums.collision += weight * log1p(Double(j))
    weight *= Double(k - j) / Double(j + 1) * p / (1 - p)
  }
  return sums
}

let model = UniformModel(classes: 10, scale: 1, precision: 128)
print("verifier benchmarks: N = 10, s = 1, 128-bit intervals, \(ProcessInfo.processInfo.activeProcessorCount) cores\n")

// The issue's two targets: 1...100 (well under 0.1 s) and 1...10000 (under 5 s).
let small = measure { _ = UniformVerification(model: model, negatives: Array(1...100)) }
let smallDouble = measure { for k in 1...100 { _ = doubleSimplexSums(classes: 10, negatives: k) } }
report("verify --classes 10 --k 1...100 (compute only)", small, baseline: ("uncertified Double sums", smallDouble))

let large = measure(repetitions: 1) { _ = UniformVerification(model: model, negatives: Array(1...10_000)) }
report("verify --classes 10 --k 1...10000 (compute only)", large)

// Where the moment expansion earns its keep: large k, both methods on the same values.
let sample = Array(stride(from: 9_000, through: 10_000, by: 50))
let expanded = measure(repetitions: 3) { _ = UniformVerification(model: model, negatives: sample) }
let direct = measure(repetitions: 1) { _ = UniformVerification(model: model, negatives: sample, method: .binomialSum) }
report("21 values of k in 9000...10000, default methods", expanded, baseline: ("binomial sum only", direct))
let sampleDouble = measure { for k in sample { _ = doubleSimplexSums(classes: 10, negatives: k) } }
report("the same 21 values, uncertified Double sums", sampleDouble)
