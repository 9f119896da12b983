import ArgumentParser
import Foundation
import SignpostFairness
import SignpostStore

/// Where `fairness` and `profile` read a run's measures: a stored run (`--run ID` with the
/// store), or the `summary.json` that `signpost score` wrote (`--summary FILE`).
struct SummarySource: ParsableArguments {
  @Option(
    name: .customLong("run"),
    help: "The stored run's id (see the output folder's run-ID); needs --store or --config.")
  var runID: Int64?

  @Option(help: "The run store (SQLite file).", completion: .file())
  var store: String?

  @Option(help: "A run configuration whose store to use.", completion: .file())
  var config: String?

  @Option(help: "A summary.json written by `signpost score`, instead of a stored run.")
  var summary: String?

  init() {}

  /// A source reading the summary.json at `path`.
  init(summary path: String) {
    summary = path
  }

  func validate() throws {
    if (runID == nil) == (summary == nil) {
      throw ValidationError("give either --run ID (with --store or --config) or --summary FILE")
    }
    if runID != nil, store == nil, config == nil {
      throw ValidationError("give the store with --store PATH or --config FILE")
    }
  }

  /// The measures; records the read in the store's audit table for `command`. Exits 4 when
  /// there is no such run or its summary has no measures, 5 on a store error.
  func measures(command: String) throws -> SummaryMeasures {
    let json: String
    let what: String
    if let summary {
      guard let text = try? String(contentsOfFile: summary, encoding: .utf8) else {
        printError("error: cannot read \(summary)")
        throw RunExit.noSuchRun
      }
      json = text
      what = summary
    } else {
      let location = try StoreLocation.parse(
        (store.map { ["--store", $0] } ?? []) + (config.map { ["--config", $0] } ?? []))
      let (runStore, _) = try location.open()
      let run: StoredRun?
      do {
        run = try runStore.run(id: runID ?? 0)
        try runStore.recordRead(
          command: command, runID: runID, user: StoreClock.currentUser, detail: "aggregates")
      } catch {
        printError("error: \(error.description)")
        throw RunExit.storeError
      }
      guard let run, let text = run.summaryJSON else {
        printError(
          "error: run \(runID ?? 0) does not exist or has no summary (it did not complete)")
        throw RunExit.noSuchRun
      }
      json = text
      what = run.label
    }
    do {
      return try SummaryMeasures(summaryJSON: json)
    } catch {
      printError("error: \(what) is not a readable run summary: \(error)")
      throw RunExit.noSuchRun
    }
  }

  /// One section of the measures (`fairness` or `profile`), for the command of that name;
  /// exits 4 when the run's summary was written before the section existed.
  func section<Section>(_ name: String, _ section: KeyPath<SummaryMeasures, Section?>) throws
    -> Section
  {
    guard let value = try measures(command: name)[keyPath: section] else {
      printError("error: the run's summary has no \(name) section (scored before it existed)")
      throw RunExit.noSuchRun
    }
    return value
  }
}
