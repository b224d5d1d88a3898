import Foundation
import SeededRandom
import TrainingResults

/// Stores ``TrainingState`` in a small binary format (little-endian); see ``encode(_:)``
/// for how it reaches the disk.
///
/// Format versions, told apart by the 8-byte magic: `CIFARCK2` ends with the epoch
/// losses; `CIFARCK3` appends the per-epoch evaluations; `CIFARCK4` (written now) then
/// appends their geometry as one length-prefixed JSON array (one entry per evaluation,
/// `[train, test]` measures or `null`). Version 2 and 3 files still resume, with no
/// evaluations (2) or no geometry (3) for the epochs they cover.
public enum Checkpoint {
  static let magic = Array("CIFARCK4".utf8)
  /// The magics of earlier versions, read but no longer written.
  static let magicVersion2 = Array("CIFARCK2".utf8)
  static let magicVersion3 = Array("CIFARCK3".utf8)

  /// The bytes of `state` in the current format; the command layer writes them to a
  /// temporary file, flushes it and renames it over the old checkpoint in one step.
  ///
  /// - Complexity: O(parameter count).
  public static func encode(_ state: TrainingState) -> [UInt8] {
    var bytes = magic
    func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    func append(_ values: [Float]) {
      append(UInt64(values.count))
      for value in values { append(value.bitPattern) }
    }
    let fingerprint = Array(state.fingerprint.utf8)
    append(UInt64(fingerprint.count))
    bytes += fingerprint
    append(UInt64(state.epochsCompleted))
    append(state.generator.state)
    append(UInt64(state.optimizer.step))
    append(state.trainingSeconds.bitPattern)
    append(state.parameters)
    append(state.runningStatistics)
    append(state.optimizer.firstMoment)
    append(state.optimizer.secondMoment)
    append(state.epochLosses)
    append(UInt64(state.epochEvaluations.count))
    for evaluation in state.epochEvaluations {
      append(UInt64(evaluation.epoch))
      append(evaluation.meanClassifierAccuracy.bitPattern)
      append(evaluation.meanClassifierLoss.bitPattern)
    }
    // Cannot fail: the results encoder writes non-finite numbers as strings.
    let geometry = (try? JSONEncoder.results.encode(state.epochEvaluations.map(GeometryRecord.init))) ?? Data()
    append(UInt64(geometry.count))
    bytes += geometry
    return bytes
  }

  /// Reads a state encoded by ``encode(_:)`` (or by the version before it), with
  /// `weightDecay` restored from the configuration.
  ///
  /// - Throws: ``TrainingError/file(path:message:)`` if the file is missing, truncated or not a checkpoint.
  public static func read(from path: String, weightDecay: Float) throws -> TrainingState {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TrainingError.file(path: path, message: "no checkpoint to resume from")
    }
    let bytes = [UInt8](data)
    var offset = 0
    let corrupt = TrainingError.file(path: path, message: "truncated or not a train-cifar checkpoint")
    func take(_ count: Int) throws -> ArraySlice<UInt8> {
      guard count >= 0, offset + count <= bytes.count else { throw corrupt }
      defer { offset += count }
      return bytes[offset..<offset + count]
    }
    func integer() throws -> UInt64 {
      try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    func floats() throws -> [Float] {
      let count = Int(try integer())
      guard count <= bytes.count / 4 else { throw corrupt }
      return try (0..<count).map { _ in
        Float(bitPattern: try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) })
      }
    }
    let version = Array(try take(magic.count))
    guard version == magic || version == magicVersion3 || version == magicVersion2 else { throw corrupt }
    let fingerprintLength = Int(try integer())
    guard let fingerprint = String(bytes: try take(fingerprintLength), encoding: .utf8) else { throw corrupt }
    let epochs = Int(try integer())
    let generator = SplitMix64(seed: try integer())
    let step = Int(try integer())
    let seconds = Double(bitPattern: try integer())
    let parameters = try floats()
    let runningStatistics = try floats()
    var optimizer = AdamOptimizer(parameterCount: parameters.count, weightDecay: weightDecay)
    optimizer.firstMoment = try floats()
    optimizer.secondMoment = try floats()
    optimizer.step = step
    let losses = try floats()
    var evaluations: [EpochEvaluation] = []
    if version != magicVersion2 {
      let count = Int(try integer())
      // Each evaluation takes 24 bytes; a larger count can only come from a corrupt file.
      guard count <= (bytes.count - offset) / 24 else { throw corrupt }
      for _ in 0..<count {
        evaluations.append(
          EpochEvaluation(
            epoch: Int(try integer()), meanClassifierAccuracy: Double(bitPattern: try integer()),
            meanClassifierLoss: Double(bitPattern: try integer())))
      }
    }
    if version == magic {
      let length = Int(try integer())
      guard length <= bytes.count - offset,
        let records = try? JSONDecoder.results.decode([GeometryRecord].self, from: Data(try take(length))),
        records.count == evaluations.count
      else { throw corrupt }
      for (index, record) in records.enumerated() {
        evaluations[index].trainGeometry = record.train
        evaluations[index].testGeometry = record.test
      }
    }
    guard offset == bytes.count, optimizer.firstMoment.count == parameters.count,
      optimizer.secondMoment.count == parameters.count
    else { throw corrupt }
    return TrainingState(
      fingerprint: fingerprint, epochsCompleted: epochs, parameters: parameters,
      runningStatistics: runningStatistics, optimizer: optimizer,
      generator: generator, epochLosses: losses, trainingSeconds: seconds, epochEvaluations: evaluations)
  }
}

/// The geometry of one per-epoch evaluation as the checkpoint stores it.
private struct GeometryRecord: Codable {
  var train: NeuralCollapseMeasures?
  var test: NeuralCollapseMeasures?

  init(_ evaluation: EpochEvaluation) {
    train = evaluation.trainGeometry
    test = evaluation.testGeometry
  }
}
