import ArgumentParser
import Foundation
import Logging
import SignpostRules
import SignpostRun
import SignpostSource

/// `signpost run --config FILE`: the nightly run.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The nightly run: score, store the run, compare with the last run, write a report.",
    discussion: """
      Reads the configuration (pack, input, store, output, as_of, strict, \
      drop_threshold_percent), scores the extracts, stores the run and its results in one \
      transaction, compares it with the previous complete run, and writes scores.csv, \
      scores.ndjson, referrals.csv, rejects.csv, summary.json, changes.csv and report.html to \
      OUTPUT/run-ID (owner-only), points OUTPUT/latest at it, and only then marks the run \
      complete. A missing or empty input fails the run; a source that supplied rows last time \
      and none now, or a drop in people or in a source's rows beyond the threshold, holds it \
      (--accept-drop runs it anyway); either way OUTPUT/run-ID/report.html says why in red. \
      SIGTERM or SIGINT before the run is stored rolls it back; after, the run finishes its \
      outputs. Logs go to standard error as logfmt lines without personal data \
      (SIGNPOST_LOG_LEVEL sets the level); a progress bar is drawn only on a terminal. \
      \(RunExit.help)
      """)

  @Option(help: "The run configuration (YAML).", completion: .file())
  var config: String

  @Option(
    help:
      "Score as of this date, YYYY-MM-DD, instead of the configuration's as_of or today in the pack's time zone."
  )
  var asOf: String?

  @Flag(
    help:
      "Run even though the input dropped beyond the threshold since the last complete run (after checking why)."
  )
  var acceptDrop = false

  func validate() throws {
    if let asOf, PackDate(iso: asOf) == nil {
      throw ValidationError("--as-of '\(asOf)' is not a date written YYYY-MM-DD")
    }
  }

  func run() throws {
    LogfmtLogHandler.bootstrap()
    Interruption.install()
    let log = Logger(label: "signpost.run")
    let settings: RunConfig
    switch RunConfig.load(path: config) {
    case .success(let loaded): settings = loaded
    case .failure(let error):
      printError(DiagnosticRenderer.render(error.diagnostics))
      log.error(
        "configuration rejected",
        metadata: ["config": "\(config)", "problems": "\(error.diagnostics.count)"])
      throw RunExit.configError
    }
    let progress = ProgressBar(phases: RunStage.allCases.map(\.rawValue))
    let observer = RunObserver(
      stageStarted: { progress.start($0.rawValue) }, reached: TestPause.reached,
      stopRequested: { Interruption.received })
    let result = NightlyRun(
      config: settings, asOf: asOf.flatMap { PackDate(iso: $0) }, acceptDrop: acceptDrop,
      observer: observer, logger: log
    ).perform()
    progress.finish()
    for line in result.errors { printError(line) }
    if let summary = result.summary { print(summary) }
    try RunExit.check(result.outcome)
  }
}
