import CommandLineSupport

/// The flag table of `train-cifar`: every flag once, with its default, shared by the parser and `--help`.
enum TrainFlags {
  static let all: [Flag] = [
    .option("--dataset", "name", default: "cifar10", help: "cifar10, cifar100 or cifar100-coarse."),
    .option(
      "--k", "range", default: "64",
      help: "Negatives per anchor, one run each: 64, 1...100, 1..<100, 1...100:5 or a comma list (sorted, merged)."),
    .option("--epochs", "E", default: "10", help: "Passes over the training set."),
    .option("--dim", "D", default: "128", help: "Representation dimension, 1...4096."),
    .option(
      "--channels", "list", default: "32,64,128", help: "Channels of each conv stage, 1 to 5 stages, each 1...1024."),
    .option("--scale", "S", default: "10", help: "Scale (inverse temperature) s in (0, 44)."),
    .option("--seed", "N", default: "0", help: "Seed of the first run of every k."),
    .option(
      "--seeds", "N", default: "1", help: "Independent runs per k, seeds S...S+N-1, in DIR/k-<k>/seed-<s>/ when N > 1."),
    .option("--out", "DIR", default: "runs/cifar", help: "Output directory: results.json, settings.json, k-<k>/."),
    .option("--data", "DIR", default: "cache/data", help: "CIFAR binary download (filled by scripts/setup.sh)."),
    .option(
      "--classes", "labels", default: "all", help: "Original labels to keep, e.g. 0,3,5, renumbered in this order."),
    .option("--imbalance", "R", default: "1", help: "Ratio of the most to the least frequent training class."),
    .option("--train-per-class", "N", default: "all", help: "Training images kept per class (before --imbalance)."),
    .option("--batch", "B", default: "256", help: "Anchors per batch (at least k+1 are used)."),
    .option("--lr", "LR", default: "0.002", help: "Peak Adam step size, cosine decay to 0."),
    .option("--nce-draws", "T", default: "10000", help: "Test draws for the NCE-loss confidence interval."),
    .option(
      "--eval-every", "E", default: "1",
      help: "Test mean-classifier accuracy and loss after every E-th epoch and the last (0: off)."),
    .option(
      "--eval-train-subset", "N", default: "100",
      help: "Class means of that per-epoch evaluation from the first N training images of every class."),
    .option(
      "--threads", "T", default: "every core",
      help: "Threads splitting each batch; results are bit-reproducible for a given T, which resume checks."),
    .toggle("--sphere", help: "Normalise representations onto the sphere instead of projecting into the ball."),
    .toggle("--no-batch-norm", help: "No batch normalisation after the convolutions."),
    .toggle("--no-augment", help: "No random crop and flip."),
    .toggle("--resume", help: "Continue DIR: reuse finished runs, resume checkpoints; refuses if any setting changed."),
  ]

  static var help: HelpText {
    HelpText(
      overview:
        "Train one encoder per k and seed on latent-class draws (docs/theory.md §1-§3) and write DIR/results.json.",
      usage: ["train-cifar [--dataset <name>] [--k <range>] [--epochs <E>] [--out <DIR>] [--resume] [<options>]"],
      sections: [HelpText.Section("OPTIONS", all)],
      epilogue: [
        (
          "EXIT STATUS",
          """
            0 done, 1 a file could not be read or written or training diverged, 64 usage error
            (a bad flag or value, missing data, a resume with changed settings), 130 interrupted
            by Ctrl-C (finished epochs are kept; the message prints the command that resumes).
          """
        )
      ])
  }
}
