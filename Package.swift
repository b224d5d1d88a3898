// swift-tools-version:6.0
// The module graph, bottom to top:
//
//   C libraries        CGMP  CMPFR  CBLAS  CMalloc   (Debian -dev packages, pkg-config; glibc)
//   seeded randomness  SeededRandom                   (SplitMix64, for reproducible runs and tests)
//   exact arithmetic   ExactArithmetic                (BigInt, Rational, Interval, RationalMatrix)
//   shared loss        ContrastiveLoss                (the one NCE / mean-classifier loss, generic)
//   engines            LatentClassTheory | CIFARTraining   (siblings: certified theory, Float training)
//   studies            CIFARStudy                     (a trained sweep against the certified optimum)
//   presentation       Reports                        (Markdown, SVG, JSON)
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
    // glibc's mallopt, which the Glibc module leaves out; the trainer tunes the heap with it.
    .systemLibrary(name: "CMalloc"),
    // Arb is only an independent oracle for the tests; the product never links it.
    .systemLibrary(name: "CArb", providers: [.apt(["libflint-arb-dev"])]),

    // Seeded randomness shared by the trainer, the model generators and the tests.
    .target(name: "SeededRandom"),

    // Exact arithmetic.
    .target(name: "ExactArithmetic", dependencies: ["CGMP", "CMPFR"]),

    // The shared loss definitions.
    .target(name: "ContrastiveLoss", dependencies: ["ExactArithmetic"]),

    // Engines.
    .target(name: "LatentClassTheory", dependencies: ["ContrastiveLoss", "ExactArithmetic", "SeededRandom"]),
    .target(name: "CIFARTraining", dependencies: ["ContrastiveLoss", "CBLAS", "CMalloc", "SeededRandom"]),

    // Studies: a trained CIFAR sweep beside the certified optimum (computes; Reports renders).
    .target(name: "CIFARStudy", dependencies: ["LatentClassTheory", "CIFARTraining", "ExactArithmetic"]),

    // Presentation.
    .target(name: "Reports", dependencies: ["CIFARStudy", "LatentClassTheory", "CIFARTraining", "ExactArithmetic"]),

    // Front ends.
    .target(
      name: "VerifyCommand",
      dependencies: ["Reports", "CIFARStudy", "LatentClassTheory", "CIFARTraining", "ExactArithmetic"]),
    .executableTarget(name: "verify", dependencies: ["VerifyCommand"]),
    .executableTarget(name: "train-cifar", dependencies: ["CIFARTraining"]),
    .executableTarget(name: "benchmarks", dependencies: ["VerifyCommand", "LatentClassTheory"]),
    .executableTarget(name: "cifar-benchmark", dependencies: ["CIFARTraining"]),

    // Tests. TestSupport holds the seeded-property helpers every property test uses.
    .target(name: "TestSupport", dependencies: ["ExactArithmetic", "SeededRandom"], path: "Tests/TestSupport"),
    .testTarget(name: "ExactArithmeticTests", dependencies: ["ExactArithmetic", "CArb", "TestSupport"]),
    .testTarget(name: "ContrastiveLossTests", dependencies: ["ContrastiveLoss", "TestSupport"]),
    .testTarget(name: "LatentClassTheoryTests", dependencies: ["LatentClassTheory", "ContrastiveLoss", "TestSupport"]),
    .testTarget(name: "VerifyCommandTests", dependencies: ["VerifyCommand", "Reports", "CIFARStudy", "TestSupport"]),
    // LatentClassTheory only to hold the class-level Float trainer against the certified optimum.
    .testTarget(name: "CIFARTrainingTests", dependencies: ["CIFARTraining", "ContrastiveLoss", "LatentClassTheory"]),
  ]
)
