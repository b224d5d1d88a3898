import CIFARTraining
import CommandLineSupport
import Foundation
import TrainingResults

/// Runs a whole `train-cifar` invocation: loads the data, trains and evaluates one
/// encoder per k and seed with a checkpoint (and, with `--eval-every`, a mean-classifier
/// evaluation) after every epoch, and writes the results JSON.
///
/// Layout of the output directory: `DIR/settings.json` (every setting that changes the
/// numbers, checked by `--resume`), `DIR/k-<k>/checkpoint.bin` (the state after the
/// last completed epoch), `DIR/k-<k>/result.json` (written when that run is done) and
/// `DIR/results.json` (all finished runs, rewritten after each run). With `--seeds`
/// above 1 every run has its own `DIR/k-<k>/seed-<s>/`; one seed keeps the flat layout,
/// so output directories of earlier versions still resume. Every file is replaced by one
/// atomic rename of a flushed temporary, so a kill at any moment leaves the old or the new one.
public struct TrainingSession {
  public let options: TrainingOptions
  /// Receives one status line at a time (loading, saved checkpoint, results).
  public var log: (String) -> Void = { _ in }
  /// Receives every step's progress with its k.
  public var progress: (Int, StepProgress) -> Void = { _, _ in }
  /// Called after each checkpoint is written, with its path and epoch; the tests throw
  /// from it to stop a run the way a kill would, right after a checkpoint.
  var checkpointWritten: (_ path: String, _ epoch: Int) throws -> Void = { _, _ in }
  /// Polled before every step; `true` abandons the epoch in progress (Ctrl-C) and ends
  /// the session with ``Interruption``.
  public var shouldStop: () -> Bool = { false }

  public init(options: TrainingOptions) { self.options = options }

  /// The training and test images after `--classes`, `--train-per-class` and `--imbalance`.
  ///
  /// - Throws: ``CommandError`` (exit 64) naming `--data` for a missing data directory;
  ///   ``TrainingError`` for a bad file.
  public func loadData() throws -> (train: LabeledImages, test: LabeledImages, classes: [Int]) {
    let directory = options.data ?? "cache/data"
    guard options.data != nil || FileManager.default.fileExists(atPath: directory) else {
      throw CommandError.usage("--data: no cache/data here; run scripts/setup.sh or pass --data DIR")
    }
    let folder: String
    do {
      folder = try CIFARLoader.datasetFolder(for: options.dataset, in: directory)
    } catch TrainingError
      .missingData(let directory, let reason)
    {
      throw CommandError.usage("--data: \(EchoedValue.quoted(directory)): \(reason)")
    }
    var (train, test) = try CIFARLoader.load(options.dataset, from: folder)
    let classes = options.classes ?? Array(0..<options.dataset.classCount)
    if options.classes != nil {
      train = train.restricted(toClasses: classes)
      test = test.restricted(toClasses: classes)
    }
    if let limit = options.trainPerClass { train = train.limited(perClass: limit) }
    if options.imbalance > 1 { train = train.longTailed(ratio: options.imbalance) }
    return (train, test, classes)
  }

  /// Trains and evaluates every k and seed of the sweep, resuming finished or
  /// checkpointed work when `--resume` is given.
  ///
  /// - Throws: ``CommandError`` (usage: changed settings on resume, an existing checkpoint
  ///   without `--resume`), ``TrainingError`` (file, divergence), ``Interruption``.
  /// - Complexity: k values × seeds × (epochs × (training + per-epoch evaluation) + final evaluation).
  public func run() throws -> SweepResult {
    let (train, test, classes) = try loadData()
    log(
      "loaded \(options.dataset.rawValue): \(train.count) training and \(test.count) test images, \(classes.count) classes"
    )
    let normalization = ChannelNormalization(fitting: train)
    let base = options.configuration(negatives: options.negatives[0])
    var sweep = SweepResult(
      dataset: options.dataset, classes: classes,
      classFrequencies: train.indicesByClass.map { Double($0.count) / Double(train.count) },
      imbalance: options.imbalance, trainImages: train.count, testImages: test.count, normalization: normalization,
      encoder: base.encoder, scale: base.scale, epochs: base.epochs, batchSize: base.batchSize,
      learningRate: base.learningRate, weightDecay: base.weightDecay, augment: base.augment, seed: base.seed, runs: [],
      evalEvery: options.evalEvery, evalTrainSubset: options.evalEvery > 0 ? options.evalTrainSubset : nil,
      threads: TrainingRuntime.threads)
    let evaluator = EpochEvaluator(
      every: options.evalEvery, trainPerClass: options.evalTrainSubset, train: train, test: test,
      normalization: normalization)
    try createDirectory(options.output)
    try SessionSettings.reconcile(
      SessionSettings(options, threads: TrainingRuntime.threads), directory: options.output, resume: options.resume)
    for negatives in options.negatives {
      for seed in options.runSeeds {
        let name = runName(negatives: negatives, seed: seed)
        let directory = runDirectory(negatives: negatives, seed: seed)
        let resultPath = (directory as NSString).appendingPathComponent("result.json")
        // A result.json of an earlier version has no seed; in the flat layout it is --seed.
        if options.resume, let data = FileManager.default.contents(atPath: resultPath),
          let finished = try? JSONDecoder.results(defaultSeed: seed).decode(NegativesRunResult.self, from: data)
        {
          log("\(name): already finished, reusing \(resultPath)")
          sweep.runs.append(finished)
          continue
        }
        if shouldStop() {
          throw Interruption(run: name, epochsKept: 0, checkpoint: nil, finishedRuns: sweep.runs.count)
        }
        let run = try trainAndEvaluate(
          negatives: negatives, seed: seed, train: train, test: test, normalization: normalization,
          evaluator: evaluator, directory: directory)
        var files = AtomicOutput()
        sweep.runs.append(run)
        try files.add(json: run, to: resultPath)
        try files.add(json: sweep, to: (options.output as NSString).appendingPathComponent("results.json"))
        try files.commit()
        log(
          String(
            format: "%@: mean-classifier accuracy %.4f, linear probe %.4f, test NCE loss %.4f", name,
            run.evaluation.meanClassifierAccuracy, run.evaluation.linearProbeAccuracy,
            run.evaluation.nceTestLoss.mean))
      }
    }
    var files = AtomicOutput()
    try files.add(json: sweep, to: (options.output as NSString).appendingPathComponent("results.json"))
    try files.commit()
    return sweep
  }

  /// `DIR/k-<k>` for a single seed, `DIR/k-<k>/seed-<s>` for several.
  func runDirectory(negatives: Int, seed: UInt64) -> String {
    let directory = (options.output as NSString).appendingPathComponent("k-\(negatives)")
    return options.seeds == 1 ? directory : (directory as NSString).appendingPathComponent("seed-\(seed)")
  }

  /// How log lines name a run: `k=64`, or `k=64 seed=1` when there are several seeds.
  func runName(negatives: Int, seed: UInt64) -> String {
    options.seeds == 1 ? "k=\(negatives)" : "k=\(negatives) seed=\(seed)"
  }

  /// Trains (or resumes) one run to the last epoch, evaluating when `evaluator` says so
  /// and checkpointing each epoch, then evaluates it in full.
  func trainAndEvaluate(
    negatives: Int, seed: UInt64, train: LabeledImages, test: LabeledImages, normalization: ChannelNormalization,
    evaluator: EpochEvaluator, directory: String
  ) throws -> NegativesRunResult {
    let name = runName(negatives: negatives, seed: seed)
    let configuration = options.configuration(negatives: negatives, seed: seed)
    let checkpoint = (directory as NSString).appendingPathComponent("checkpoint.bin")
    var trainer: ContrastiveTrainer
    if FileManager.default.fileExists(atPath: checkpoint) {
      guard options.resume else {
        throw CommandError.usage(
          "--out: \(checkpoint) exists; pass --resume to continue it or choose another --out")
      }
      let state = try Checkpoint.read(from: checkpoint, weightDecay: configuration.weightDecay)
      do {
        trainer = try ContrastiveTrainer(
          configuration: configuration, images: train, normalization: normalization, resumingFrom: state)
      } catch TrainingError.checkpointMismatch {
        throw CommandError.usage(
          "--resume: \(checkpoint) was written with other settings or data; resume with the original flags "
            + "or choose another --out")
      }
      log("\(name): resuming after epoch \(state.epochsCompleted) from \(checkpoint)")
    } else {
      trainer = ContrastiveTrainer(configuration: configuration, images: train, normalization: normalization)
    }
    while !trainer.isFinished {
      let completed = try trainer.trainEpoch(progress: { progress(negatives, $0) }, shouldStop: { _ in shouldStop() })
      guard completed else {
        let kept = trainer.state.epochsCompleted
        throw Interruption(
          run: name, epochsKept: kept, checkpoint: kept > 0 ? checkpoint : nil,
          finishedRuns: finishedRuns(before: negatives, seed: seed))
      }
      let epoch = trainer.state.epochsCompleted
      var evaluated = ""
      // Evaluated before the checkpoint is written, so a run killed in between redoes
      // the epoch and its evaluation together and the history has no gap.
      if evaluator.isDue(epoch: epoch, of: configuration.epochs) {
        let evaluation = evaluator.evaluate(trainer.encoder, epoch: epoch, scale: configuration.scale)
        trainer.record(evaluation)
        evaluated = String(format: ", test mean-classifier accuracy %.4f", evaluation.meanClassifierAccuracy)
      }
      try createDirectory(directory)
      var files = AtomicOutput()
      files.add(bytes: Checkpoint.encode(trainer.state), to: checkpoint, flag: "--out")
      try files.commit()
      log(
        String(
          format: "%@: epoch %d/%d done, loss %.4f%@, checkpoint %@", name, epoch, configuration.epochs,
          trainer.state.epochLosses.last!, evaluated, checkpoint))
      try checkpointWritten(checkpoint, epoch)
    }
    let encoder = trainer.encoder
    let assembler = BatchAssembler(normalization: normalization)
    let evaluation = RepresentationEvaluation(
      trainFeatures: encoder.embed(train, assembler: assembler), trainLabels: train.labels,
      testFeatures: encoder.embed(test, assembler: assembler), testLabels: test.labels,
      classCount: train.classCount, dimension: configuration.encoder.embeddingDimension, scale: configuration.scale,
      negatives: negatives, nceDraws: options.nceDraws, seed: configuration.seed &+ 1)
    let steps = configuration.stepsPerEpoch(trainingImages: train.count) * configuration.epochs
    let images = Double(steps * 2 * configuration.effectiveBatchSize)
    return NegativesRunResult(
      negatives: negatives, seed: seed, effectiveBatchSize: configuration.effectiveBatchSize,
      epochLosses: trainer.state.epochLosses,
      trainingSeconds: trainer.state.trainingSeconds,
      imagesPerSecond: images / max(trainer.state.trainingSeconds, 1e-9),
      epochEvaluations: trainer.state.epochEvaluations, evaluation: evaluation)
  }

  func createDirectory(_ path: String) throws {
    do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
      throw CommandError(
        "--out: cannot create \(EchoedValue.quoted(path)): \(SystemError.reason(of: error))", exitCode: 1)
    }
  }

  /// The runs of the sweep that come before the run of `negatives` and `seed`, all finished.
  func finishedRuns(before negatives: Int, seed: UInt64) -> Int {
    let k = options.negatives.firstIndex(of: negatives) ?? 0
    let s = options.runSeeds.firstIndex(of: seed) ?? 0
    return k * options.seeds + s
  }
}

extension AtomicOutput {
  /// Queues `value` as the sorted, indented results JSON.
  mutating func add(json value: some Encodable, to path: String) throws {
    add(bytes: Array(try JSONEncoder.results.encode(value)), to: path, flag: "--out")
  }
}
