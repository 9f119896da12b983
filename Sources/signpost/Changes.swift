import ArgumentParser
import SignpostEngine
import SignpostStore

/// `signpost changes --run ID`: what changed in a run since the complete run before it.
struct Changes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what changed in a stored run since the complete run before it.",
    discussion: """
      Lists who is new to a band, escalated, de-escalated or no longer flagged, and who is \
      newly recommended for each programme, each with the indicators that started (+) or \
      stopped (-) firing, then the decisions standing on those people (the latest per \
      programme, recorded against this run or an earlier one: decisions carry over). Only \
      complete runs are compared. The read is recorded in the \
      store's audit table. Exit status: 0 done; 4 no such run, or it is not complete; 5 store \
      error; 6 configuration error.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case csv
  }

  @Option(
    name: .customLong("run"),
    help: "The run id (see the output folder's run-ID, or the run's log line).")
  var runID: Int64

  @OptionGroup var location: StoreLocation

  @Option(help: "text, or csv (as in the run's changes.csv).")
  var format: Format = .text

  func run() throws {
    let (store, _) = try location.open()
    let changes: RunChanges
    let standing: StandingDecisions
    do {
      changes = try store.changes(runID: runID)
      standing = StandingDecisions(try store.standingDecisions(atRun: runID), for: changes)
      try store.recordRead(
        command: "changes", runID: runID, user: StoreClock.currentUser,
        detail: "people=\(changes.people.count) recommendations=\(changes.recommendations.count)")
    } catch {
      printError("error: \(error.description)")
      throw error.kind == .notFound || error.kind == .notComplete
        ? RunExit.noSuchRun : RunExit.storeError
    }
    switch format {
    case .text:
      print(TerminalText.escaped(changes.text), terminator: "")
      if !standing.decisions.isEmpty {
        print(TerminalText.escaped(standing.text), terminator: "")
      }
    case .csv: print(changes.csv, terminator: "")
    }
  }
}
