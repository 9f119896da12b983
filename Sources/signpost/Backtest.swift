import ArgumentParser
import Foundation
import SignpostEngine
import SignpostRules

/// `signpost backtest --pack P --snapshots DIR --outcomes FILE`: the rules against what
/// happened next.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Score past snapshots as of their dates and compare with the outcomes that followed.",
    discussion: """
      Each sub-folder of --snapshots named YYYY-MM-DD holds the extracts as they were on that \
      date, and is scored as of it. --outcomes is a CSV of person_id,outcome,date (e.g. first \
      youth justice contact, permanent exclusion); a person is positive when the first of the \
      chosen outcomes (--outcome, repeatable; all by default) falls within --window-days after \
      the snapshot, and is left out if it came before. Shows the outcome rate per band \
      (calibration), precision and recall of each band and those above it and of each \
      programme's recommendations (at its capacity), and the same by group. \
      docs/responsible-use.md says what a backtest can and cannot show. Exit status: 0 done; \
      1 the pack does not compile; 2 a snapshot folder is wrong or its input was rejected \
      (--strict); 4 the outcomes file cannot be read.
      """)

  @Option(help: "The rule pack folder.", completion: .directory)
  var pack = "rules/wigan"

  @Option(help: "A folder of snapshot folders named YYYY-MM-DD.", completion: .directory)
  var snapshots: String

  @Option(help: "A CSV of person_id,outcome,date.", completion: .file())
  var outcomes: String

  @Option(help: "An outcome to count (repeatable); all in the file by default.")
  var outcome: [String] = []

  @Option(help: "Days after a snapshot in which an outcome counts.")
  var windowDays = 365

  @Flag(help: "Stop at the first row that cannot be read instead of rejecting it.")
  var strict = false

  func validate() throws {
    guard windowDays > 0 else { throw ValidationError("--window-days must be at least 1") }
  }

  func run() throws {
    let compiled = try compilePack(at: pack)
    let record: OutcomeRecord
    do {
      record = try OutcomeRecord(path: outcomes)
    } catch {
      printError("error: \(error.description)")
      throw RunExit.noSuchRun
    }
    for unknown in outcome where !record.outcomes.contains(unknown) {
      printError(
        "error: \(outcomes) has no outcome '\(unknown)'; it has \(record.outcomes.joined(separator: ", "))"
      )
      throw RunExit.noSuchRun
    }
    let entries =
      ((try? FileManager.default.contentsOfDirectory(atPath: snapshots)) ?? []).filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
          atPath: snapshots + "/" + $0, isDirectory: &isDirectory)
          && isDirectory.boolValue
      }.sorted()
    let wrong = entries.filter { PackDate(iso: $0) == nil }
    guard wrong.isEmpty, !entries.isEmpty else {
      printError(
        wrong.isEmpty
          ? "error: \(snapshots) holds no snapshot folders named YYYY-MM-DD"
          : "error: snapshot folders must be named YYYY-MM-DD: \(wrong.joined(separator: ", "))")
      throw RunExit.inputRejected
    }
    var runs: [ScoringRun] = []
    for entry in entries {
      guard let date = PackDate(iso: entry) else { continue }
      do {
        runs.append(
          try ScoringRun.run(
            pack: compiled, inputDirectory: snapshots + "/" + entry, asOf: date, strict: strict))
      } catch {
        printError("error: snapshot \(entry): \(error.description)")
        throw RunExit.inputRejected
      }
    }
    let backtest = Backtest(
      runs: runs, record: record, outcomes: Set(outcome), windowDays: windowDays)
    let manifest = compiled.manifest
    print("backtest of \(manifest.id) \(manifest.version) (\(compiled.contentHash.prefix(12)))")
    print(
      "outcome rows: \(record.rows) read, \(record.rows - record.rejected.count) used, \(record.rejected.count) rejected"
    )
    for rejected in record.rejected {
      print("  \(outcomes):\(rejected.line): rejected: \(rejected.reason)")
    }
    print(backtest.text, terminator: "")
  }
}
