// swift-tools-version:6.0
// The module graph, bottom to top:
//
//   C libraries        CGMP  CMPFR  CBLAS  CMalloc  CScheduler   (Debian -dev packages, pkg-config; glibc, Linux)
//   seeded randomness  SeededRandom                   (SplitMix64, for reproducible runs and tests)
//   exact arithmetic   ExactArithmetic                (BigInt, Rational, Interval, RationalMatrix)
//   shared loss        ContrastiveLoss                (the one NCE / mean-classifier loss, generic)
//   engines            LatentClassTheory | CIFARTraining   (siblings: certified theory, Float training)
//   studies            CIFARStudy                     (a trained sweep against the certified optimum)
//   presentation       Reports                        (Markdown, SVG, JSON)
//   command layer      CommandLineSupport             (flag table, help, errors, atomic output, progress)
//   front ends         VerifyCommand, verify, train-cifar, benchmarks
import PackageDescription

let package = Package(
  name: "ContrastiveNegatives",
  products: [
    .executable(name: "verify", targets: ["verify"]),
    .executable(name: "train-cifar", targets: ["train-cifar"]),
    .library(name: "LatentClassTheory", targets: ["LatentClassTheory"]),
  ],
  targets: [
    // C libraries.
    .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
    .systemLibrary(name: "CMPFR", pkgConfig: "mpfr", providers: [.apt(["libmpfr-dev"])]),
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    // glibc's mallopt, which the Glibc module leaves out; the trainer tunes the heap with it, and
    // `verify` keeps the threads of the general path on one malloc arena.
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(name: "CScheduler"),
    // Arb is only an independent oracle for the tests; the product never links it.
    .systemLibrary(name: "CArb", providers: [.apt(["libflint-arb-dev"])]),

    // The train-cifar results schema (results.json), with no dependencies, so Reports and
    // verify read trained sweeps without linking the trainer (OpenBLAS).
    .target(name: "TrainingResults"),

    // Seeded randomness shared by the trainer, the model generators and the tests.
    .target(name: "SeededRandom"),

    // Exact arithmetic.
    .target(name: "ExactArithmetic", dependencies: ["CGMP", "CMPFR"]),

    // The shared loss definitions.
    // The shared loss definitions; the certified `Interval` instance is a module of its own so
    // the Float trainer links neither GMP nor MPFR.
    .target(name: "ContrastiveLoss"),
    .target(name: "IntervalLoss", dependencies: ["ContrastiveLoss", "ExactArithmetic"]),

    // Engines.
    .target(
      name: "LatentClassTheory",
      dependencies: ["ContrastiveLoss", "IntervalLoss", "ExactArithmetic", "SeededRandom", "CScheduler"]),
    .target(
      name: "CIFARTraining", dependencies: ["ContrastiveLoss", "TrainingResults", "CBLAS", "CMalloc", "SeededRandom"]),

    // Studies: a trained CIFAR sweep beside the certified optimum (computes; Reports renders).
    .target(name: "CIFARStudy", dependencies: ["LatentClassTheory", "TrainingResults", "ExactArithmetic"]),

    // Presentation.
    .target(name: "Reports", dependencies: ["CIFARStudy", "LatentClassTheory", "TrainingResults", "ExactArithmetic"]),

    // Front ends. CommandLineSupport (Foundation only) holds the flag table, help, errors,
    // the atomic multi-file writer and the progress line every command shares.
    .target(name: "CommandLineSupport", dependencies: ["CMalloc"]),
    .target(
      name: "VerifyCommand",
      dependencies: [
        "CommandLineSupport", "Reports", "CIFARStudy", "LatentClassTheory", "TrainingResults", "ExactArithmetic",
      ]),
    // The Swift runtime and Foundation linked in: loading them as shared libraries took 4–5 ms of
    // every run (a 4-class study whole takes about 25 ms), for a 70 MB larger binary.
    .executableTarget(
      name: "verify", dependencies: ["VerifyCommand"],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"]),
        // The libraries were compiled against the shared Foundation, whose modules do not name
        // these static dependencies.
        .linkedLibrary("CoreFoundation"), .linkedLibrary("_FoundationICU"), .linkedLibrary("_FoundationCShims"),
        .linkedLibrary("_FoundationCollections"), .linkedLibrary("swiftSynchronization"),
      ]),
    .target(name: "TrainCommand", dependencies: ["CommandLineSupport", "CIFARTraining", "TrainingResults"]),
    .executableTarget(name: "train-cifar", dependencies: ["TrainCommand"]),
    .executableTarget(
      name: "benchmarks",
      dependencies: ["CommandLineSupport", "LatentClassTheory", "ExactArithmetic", "ContrastiveLoss"]),
    .executableTarget(
      name: "cifar-benchmark", dependencies: ["CommandLineSupport", "CIFARTraining", "TrainingResults", "SeededRandom"]),

    // Tests. TestSupport holds the seeded-property helpers every property test uses.
    .target(name: "TestSupport", dependencies: ["ExactArithmetic", "SeededRandom"], path: "Tests/TestSupport"),
    .testTarget(name: "ExactArithmeticTests", dependencies: ["ExactArithmetic", "CArb", "TestSupport"]),
    .testTarget(name: "ContrastiveLossTests", dependencies: ["ContrastiveLoss", "IntervalLoss", "TestSupport"]),
    .testTarget(
      name: "LatentClassTheoryTests",
      dependencies: ["LatentClassTheory", "ContrastiveLoss", "TestSupport", "CScheduler"]),
    .testTarget(
      name: "VerifyCommandTests",
      dependencies: ["VerifyCommand", "CommandLineSupport", "Reports", "CIFARStudy", "TrainingResults", "TestSupport"]),
    .testTarget(name: "CommandLineSupportTests", dependencies: ["CommandLineSupport"]),
    .testTarget(
      name: "TrainCommandTests",
      dependencies: ["TrainCommand", "CIFARTraining", "TrainingResults", "CommandLineSupport", "SeededRandom"]),
    // LatentClassTheory only to hold the class-level Float trainer against the certified optimum.
    .testTarget(
      name: "CIFARTrainingTests",
      dependencies: ["CIFARTraining", "TrainingResults", "ContrastiveLoss", "SeededRandom", "LatentClassTheory"]),
  ]
)
