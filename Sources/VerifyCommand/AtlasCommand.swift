import CommandLineSupport
import ExactArithmetic
import Foundation
import LatentClassTheory
import Reports

/// `verify atlas --family F --k R --out DIR [--scale s] [--shard i/n] [--precision P] [--gap g] [--jobs J]`:
/// certifies every point of a family (or of one shard of it) and records the C1 verdicts in
/// `DIR/atlas.json` or `DIR/shard-i-of-n.json` (docs/theory.md §9).
///
/// The file is rewritten atomically after every finished point, so a killed run loses at most
/// the points in flight; rerunning the same command skips every point the file already holds.
enum AtlasCommand {
  static let name = "verify atlas"
  private static let flags: Set<String> = [
    "--family", "--k", "--scale", "--out", "--shard", "--precision", "--gap", "--refine", "--jobs",
  ]

  /// The parsed command line.
  struct Options {
    var family: AtlasFamily
    var header: AtlasHeader
    var shard: AtlasShard?
    var folder: String
    var threads: Int
  }

  /// Exit status as for `verify`: 0 every pair decided and no certified increase for a
  /// non-overlapping model, 1 such an increase (a C1 counterexample) or a file error,
  /// 2 some pair undecided, 64 usage.
  static func run(
    _ arguments: ArraySlice<String>, environment: [String: String], output: (String) -> Void,
    errors: (String) -> Void
  ) -> VerifyCommand.Status {
    let options: Options
    do {
      options = try parse(arguments, environment: environment)
    } catch {
      errors("\(name): \(error)\n")
      return .usage
    }
    let path = (options.folder as NSString).appendingPathComponent(AtlasDocument.fileName(for: options.shard))
    let start: AtlasDocument
    do {
      start = try existingOrEmpty(at: path, options: options)
    } catch {
      errors("\(name): \(error)\n")
      return .refutedOrIOError
    }
    MallocArenas.onePerCore()
    let progress = AtlasProgress(total: start.expectedCount, resumed: start.points.count)
    progress.update(done: start.points.count)
    let failure = WriteFailure()
    let document = AtlasSweep.run(family: options.family, document: start, threads: options.threads) { document in
      do {
        try write(document, to: path)
      } catch {
        failure.message = "\(error)"
        return false
      }
      progress.update(done: document.points.count)
      return true
    }
    if let message = failure.message {
      errors("\(name): --out: \(message)\n")
      return .refutedOrIOError
    }
    do {
      // Also when nothing was left to compute, so the file always exists after a run.
      try write(document, to: path)
    } catch {
      errors("\(name): --out: \(error)\n")
      return .refutedOrIOError
    }
    output(AtlasSummary.text(document, file: path, resumed: start.points.count))
    return status(of: document)
  }

  /// The exit status for a finished atlas or shard.
  static func status(of document: AtlasDocument) -> VerifyCommand.Status {
    if document.points.contains(where: \.isCounterexample) { return .refutedOrIOError }
    return document.points.allSatisfy { $0.verdict != .undecided } ? .verified : .undecided
  }

  static func parse(_ arguments: ArraySlice<String>, environment: [String: String]) throws -> Options {
    let parsed = try AtlasArguments(arguments, command: name, flags: flags, takesOperands: false)
    let familyText = try parsed.required("--family", command: name, example: "rho3:20")
    let family: AtlasFamily
    do { family = try AtlasFamily(familyText) } catch { throw CommandError.usage("--family: \(error)") }
    let negatives = try NegativesRange.parse(try parsed.required("--k", command: name, example: "1...16"))
    guard negatives.count >= 2 else {
      throw CommandError.usage("--k: the atlas compares consecutive k; give at least two")
    }
    var scale = Rational(1)
    if let text = parsed.values["--scale"] {
      guard let value = Rational(text), value.signum > 0 else {
        throw CommandError.usage("--scale: expected a positive number such as 1, 0.5 or 5/2, got '\(text)'")
      }
      scale = value
    }
    var precision = Defaults.precision
    if let text = parsed.values["--precision"] {
      guard let bits = Int(text), Defaults.precisionRange.contains(bits) else {
        throw CommandError.usage("--precision: expected bits in \(Defaults.precisionRange), got '\(text)'")
      }
      precision = bits
    }
    var gap = Defaults.gapTolerance
    if let text = parsed.values["--gap"] {
      guard let value = Rational(text), value.signum > 0 else {
        throw CommandError.usage("--gap: expected a positive number, got '\(text)'")
      }
      gap = value
    }
    var refinement = Defaults.refinement
    if let text = parsed.values["--refine"] {
      guard let policy = RefinementPolicy(rawValue: text) else {
        let names = RefinementPolicy.allCases.map(\.rawValue).joined(separator: " or ")
        throw CommandError.usage("--refine: expected \(names), got '\(text)'")
      }
      refinement = policy
    }
    var threads = ProcessInfo.processInfo.activeProcessorCount
    if let text = parsed.values["--jobs"] {
      guard let value = Int(text), (1...1024).contains(value) else {
        throw CommandError.usage("--jobs: expected a whole number of threads in 1...1024, got '\(text)'")
      }
      threads = value
    }
    let shard: AtlasShard?
    if let text = parsed.values["--shard"] {
      do { shard = try AtlasShard(text) } catch { throw CommandError.usage("--shard: \(error)") }
    } else {
      do { shard = try AtlasShard.fromSlurm(environment) } catch { throw CommandError.usage("\(error)") }
    }
    let folder = try parsed.required("--out", command: name, example: "atlas-out")
    try prepareFolder(folder)
    let header = AtlasHeader(
      family: family.description, seed: family.seed, pointCount: family.points.count, negatives: negatives,
      scale: scale, precision: precision, gapTolerance: gap, refinement: refinement)
    return Options(family: family, header: header, shard: shard, folder: folder, threads: threads)
  }

  /// Creates `folder` (and its parents) when missing.
  private static func prepareFolder(_ folder: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw CommandError.usage("--out: '\(folder)' is a file, expected a folder") }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw CommandError.usage("--out: cannot create the folder '\(folder)'")
    }
  }

  /// The file's finished points when it exists and was computed with the same settings, else an empty document.
  private static func existingOrEmpty(at path: String, options: Options) throws -> AtlasDocument {
    let empty = AtlasDocument(header: options.header, shard: options.shard, points: [])
    guard FileManager.default.fileExists(atPath: path) else { return empty }
    let existing: AtlasDocument
    do {
      existing = try AtlasJSON.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw AtlasError("--out: cannot resume from '\(path)': \(error); move it away to start afresh")
    }
    guard existing.shard == options.shard else {
      throw AtlasError("--out: '\(path)' holds shard \(existing.shard?.description ?? "none"), not this one")
    }
    if let difference = options.header.firstDifference(from: existing.header) {
      throw AtlasError("--out: '\(path)' is from another run (\(difference)); use another folder")
    }
    for point in existing.points {
      guard point.index < options.family.points.count, options.family.points[point.index].id == point.id,
        options.family.points[point.index].model == point.model, options.shard?.contains(point.index) ?? true
      else {
        throw AtlasError("--out: '\(path)': point \(point.index) (\(point.id)) is not that point of the family")
      }
    }
    return existing
  }

  private static func write(_ document: AtlasDocument, to path: String) throws {
    var files = AtomicOutput()
    files.add(AtlasJSON.document(document).rendered(), to: path, flag: "--out")
    try files.commit()
  }
}

/// The first write error of a sweep; set under the sweep's lock.
private final class WriteFailure: @unchecked Sendable {
  var message: String?
}
