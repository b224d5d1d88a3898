// Speed of the uniform and general verifiers, measured in-process in release mode:
//
//   swift run -c release benchmarks
//
// Each line times one workload (wall time and process CPU time, median of the runs) and
// its ratio against a baseline run in the same process, so the figures compare like with
// like on whatever machine runs them. scripts/bench-uniform-arb.py adds Arb and the
// whole `verify` process.
import CommandLineSupport
import ContrastiveLoss
import ExactArithmetic
import Foundation
import LatentClassTheory

_ = ExecutableArguments.parse(
  program: "benchmarks", flags: [],
  help: HelpText(
    overview:
      "Time the uniform verifier's workloads (N = 10, k = 1…100 and 1…10000; N = 1000, k = 1…10) and the general engine's (4 classes at s = 2, k = 1…12, and one multinomial Double evaluation at k = 12; zipf:1:10, k = 1…100; 60 points, k = 1…8) in-process against baselines run in the same process, and print the machine (CPU model, cores) and date.",
    discussion: "Run it in release mode: swift run -c release benchmarks", usage: ["benchmarks"],
    sections: [HelpText.Section("OPTIONS", [])]))

/// Wall and process CPU seconds of one workload.
struct Timing {
  var wall: Double
  var cpu: Double
}

func processCPUSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// The median (by wall time) of `repetitions` runs of `work`.
func measure(repetitions: Int = 3, _ work: () -> Void) -> Timing {
  var timings: [Timing] = []
  for _ in 0..<repetitions {
    let (wall, cpu) = (Date(), processCPUSeconds())
    work()
    timings.append(Timing(wall: Date().timeIntervalSince(wall), cpu: processCPUSeconds() - cpu))
  }
  return timings.sorted { $0.wall < $1.wall }[timings.count / 2]
}

func report(_ name: String, _ timing: Timing, baseline: (name: String, timing: Timing)? = nil) {
  var line = name.padding(toLength: 50, withPad: " ", startingAt: 0)
  line += String(format: " %8.4f s wall %8.4f s CPU", timing.wall, timing.cpu)
  if let baseline {
    line += String(
      format: "   baseline %@: %.4f s wall, %.4f s CPU; ratio %.3g", baseline.name, baseline.timing.wall,
      baseline.timing.cpu, timing.wall / baseline.timing.wall)
  }
  print(line)
}

/// The CPU model line of /proc/cpuinfo, or "unknown CPU".
func cpuModel() -> String {
  guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
  let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
  return line.map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) }
    ?? "unknown CPU"
}

/// The uncertified reference: the binomial sums over all collision counts in `Double`,
/// through the same `NCELoss`, with no tail bounds and no intervals.
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

let date = ISO8601DateFormatter().string(from: Date())
let cores = ProcessInfo.processInfo.activeProcessorCount
print("benchmarks: \(cpuModel()), \(cores) cores, \(date); release build, 128-bit intervals, s = 1")
print(
  "load average at start: \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown")\n"
)

let model = UniformModel(classes: 10, scale: 1, precision: 128)

// 1…100: the default engine against the uncertified Double sums.
let small = measure(repetitions: 5) { _ = UniformVerification(model: model, negatives: Array(1...100)) }
let smallDouble = measure(repetitions: 5) { for k in 1...100 { _ = doubleSimplexSums(classes: 10, negatives: k) } }
report("N = 10, k = 1…100 (compute only)", small, baseline: ("uncertified Double sums", smallDouble))

// 1…10⁴: the default engine against the windowed certified binomial sum (outward from the
// mode, geometric tail bounds) in the same Interval type. The baseline takes minutes over
// every k, so it runs on every 100th k and is scaled by 100 (its cost per k grows like √k).
var largeRun: UniformVerification?
let large = measure(repetitions: 1) { largeRun = UniformVerification(model: model, negatives: Array(1...10_000)) }
let sample = Array(stride(from: 100, through: 10_000, by: 100))
var windowed = measure(repetitions: 1) {
  _ = UniformVerification(model: model, negatives: sample, method: .binomialSum)
}
windowed.wall *= 100
windowed.cpu *= 100
report(
  "N = 10, k = 1…10000 (compute only)", large,
  baseline: ("windowed binomial sum (every 100th k, ×100)", windowed))
if let rows = largeRun?.rows {
  let verified = rows.filter { $0.certificate.verdict == .verified }.count
  let interpolated = rows.filter { $0.method == .interpolation }.count
  print(
    String(
      format: "  %d of %d rows verified, %d interpolated in k; widest enclosures: L_k %.1e, u %.1e, col_k %.1e",
      verified, rows.count, interpolated, rows.map(\.contrastiveLoss.width).max()!,
      rows.map(\.certificate.multiplier.width).max()!, rows.map(\.bounds.collisionTerm.width).max()!))
}

// N = 1000: the structured certificate; the baseline is the dense exact LDLᵀ of G* and J
// that the certificate used before, at N = 100 (at N = 1000 it takes minutes).
let thousand = measure {
  _ = UniformVerification(model: UniformModel(classes: 1000, scale: 1, precision: 128), negatives: Array(1...10))
}
let dense = measure(repetitions: 1) {
  let gram = UniformModel(classes: 100, scale: 1, precision: 128).simplexGram
  _ = gram.semidefinitenessCertificate()
  _ = RationalMatrix.ones(100).semidefinitenessCertificate()
}
report("N = 1000, k = 1…10 (compute only)", thousand, baseline: ("dense LDLᵀ of G* and J at N = 100 only", dense))

// The general engine: GeneralWorkloads.swift.
do {
  try GeneralWorkloads.fourClasses()
  try GeneralWorkloads.multinomialDoubleEvaluation()
  try GeneralWorkloads.zipfTenClasses()
  try GeneralWorkloads.sixtyPoints()
} catch {
  print("benchmarks: the general workloads could not be built: \(error)")
  exit(1)
}
