import Foundation
import VerifyCommand

/// `verify` run in-process: its exit status and everything it printed to stdout and stderr.
func runVerify(_ arguments: [String]) -> (status: VerifyCommand.Status, output: String, errors: String) {
  var output = ""
  var errors = ""
  let status = VerifyCommand.run(arguments, output: { output += $0 }, errors: { errors += $0 })
  return (status, output, errors)
}

/// A new, empty folder under the temporary directory for one test's files.
func makeTemporaryFolder(_ prefix: String) throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}
