import CommandLineSupport
import Foundation
import LatentClassTheory
import Reports

/// `verify merge DIR_OR_FILE... --out FILE`: checks that the shard files belong to one run and
/// cover every point exactly once, then writes the whole atlas, byte for byte what the
/// unsharded `verify atlas` writes.
enum AtlasMergeCommand {
  static let name = "verify merge"

  /// Exit status: 64 usage; 1 a shard set that does not merge (missing, overlapping, foreign,
  /// unfinished or unreadable shard), a file error, or a C1 counterexample in the merged
  /// atlas; otherwise as `verify atlas` (0 every pair decided, 2 some pair undecided).
  static func run(_ arguments: ArraySlice<String>, output: (String) -> Void, errors: (String) -> Void)
    -> VerifyCommand.Status
  {
    let out: String
    let inputs: [String]
    do {
      let parsed = try AtlasArguments(arguments, command: name, flags: ["--out"], takesOperands: true)
      out = try parsed.required("--out", command: name, example: "atlas/atlas.json")
      guard !parsed.operands.isEmpty else {
        throw CommandError.usage(
          "expected the shard folders or files to merge, e.g. verify merge out/ --out atlas.json")
      }
      inputs = parsed.operands
      try OutputPath.checkWritable(out, flag: "--out", exitCode: AtomicOutput.exitCode)
    } catch {
      errors("\(name): \(error)\n")
      return AtlasCommands.status(of: error)
    }
    do {
      let shards = try inputs.flatMap(shardFiles).map { path in
        do {
          return (name: path, document: try AtlasJSON.parse(try Data(contentsOf: URL(fileURLWithPath: path))))
        } catch {
          throw AtlasError("\(path): \(error is AtlasError ? "\(error)" : "cannot read the file")")
        }
      }
      let merged = try AtlasMerge.merge(shards)
      var files = AtomicOutput()
      files.add(AtlasJSON.document(merged).rendered(), to: out, flag: "--out")
      try files.commit()
      output(AtlasSummary.text(merged, file: out))
      return AtlasCommand.status(of: merged)
    } catch {
      errors("\(name): \(error)\n")
      return .refutedOrIOError
    }
  }

  /// The shard files a command-line operand names: the file itself, or the `shard-*-of-*.json`
  /// files of a folder in name order.
  private static func shardFiles(_ operand: String) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: operand, isDirectory: &isDirectory) else {
      throw AtlasError("'\(operand)': no such file or folder")
    }
    guard isDirectory.boolValue else { return [operand] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: operand)) ?? []
    let shards = names.filter { $0.hasPrefix("shard-") && $0.hasSuffix(".json") && $0.contains("-of-") }.sorted()
    guard !shards.isEmpty else { throw AtlasError("'\(operand)' holds no shard-i-of-n.json files") }
    return shards.map { (operand as NSString).appendingPathComponent($0) }
  }
}
