import ArgumentParser
import Foundation
import Logging
import SignpostEngine
import SignpostReport
import SignpostRules
import SignpostSource
import SignpostStore

/// `signpost run --config FILE`: the nightly run.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The nightly run: score, store the run, compare with the last run, write a report.",
    discussion: """
      Reads the configuration (pack, input, store, output, as_of, strict), scores the \
      extracts, stores the run and its results in one transaction, compares it with the \
      previous complete run, and writes scores.csv, scores.ndjson, referrals.csv, \
      rejects.csv, summary.json, changes.csv and report.html to OUTPUT/run-ID (and points \
      OUTPUT/latest at it). A run that fails or is killed leaves the previous one untouched. \
      Logs go to standard error as logfmt lines without personal data (SIGNPOST_LOG_LEVEL \
      sets the level); a progress bar is drawn only on a terminal. \
      \(RunExit.help)
      """)

  @Option(help: "The run configuration (YAML).", completion: .file())
  var config: String

  @Option(help: "Score as of this date, YYYY-MM-DD, instead of the configuration's as_of or today.")
  var asOf: String?

  func validate() throws {
    if let asOf, PackDate(iso: asOf) == nil {
      throw ValidationError("--as-of '\(asOf)' is not a date written YYYY-MM-DD")
    }
  }

  func run() throws {
    LogfmtLogHandler.bootstrap()
    var log = Logger(label: "signpost.run")
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
    let date = asOf.flatMap { PackDate(iso: $0) } ?? settings.asOf ?? ScoringOptions.today()
    let user = StoreClock.currentUser
    let progress = ProgressBar(phases: [
      "open store", "compile pack", "read and score", "store", "compare", "write outputs",
    ])
    defer { progress.finish() }

    progress.start("open store")
    let store: RunStore
    let lock: StoreLock
    let runID: Int64
    do {
      store = try RunStore(path: settings.store)
      lock = try StoreLock(storePath: settings.store)
      let abandoned = try store.abandonUnfinishedRuns(user: user)
      if !abandoned.isEmpty {
        log.warning(
          "earlier runs never finished; marked abandoned",
          metadata: ["runs": "\(abandoned.map(String.init).joined(separator: ","))"])
      }
      runID = try store.startRun(user: user, detail: "config=\(settings.path) as_of=\(date)")
    } catch {
      progress.finish()
      printError("error: \(error.description)")
      log.error("store unavailable", metadata: ["store": "\(settings.store)"])
      throw RunExit.storeError
    }
    log[metadataKey: "run_id"] = "\(runID)"
    log.info(
      "run started",
      metadata: [
        "as_of": "\(date)", "pack": "\(settings.pack)", "input": "\(settings.input)",
        "store": "\(settings.store)", "strict": "\(settings.strict)",
      ])
    TestPause.reached("started")

    func fail(_ reason: String, _ exit: ExitCode) -> ExitCode {
      progress.finish()
      do {
        try store.failRun(id: runID, reason: reason, user: user)
      } catch {
        log.error("could not record the failure", metadata: ["error": "\(error.description)"])
      }
      return exit
    }

    progress.start("compile pack")
    let pack: CompiledPack
    do {
      pack = try compilePack(at: settings.pack)
    } catch {
      log.error("pack does not compile", metadata: ["pack": "\(settings.pack)"])
      throw fail("the pack does not compile", RunExit.packDoesNotCompile)
    }
    log.info(
      "pack compiled",
      metadata: [
        "pack_id": "\(pack.manifest.id)", "pack_version": "\(pack.manifest.version)",
        "pack_sha256": "\(pack.contentHash)",
      ])

    progress.start("read and score")
    let scoring: ScoringRun
    do {
      scoring = try ScoringRun.run(
        pack: pack, inputDirectory: settings.input, asOf: date, strict: settings.strict)
    } catch {
      // The reason can quote a field's value, so only the place is printed and logged.
      let place = "\(error.reject.file):\(error.reject.line)"
      let field = error.reject.field ?? ""
      progress.finish()
      printError(
        "error: input rejected at \(place)" + (field.isEmpty ? "" : " (field \(field))")
          + "; `signpost score --strict` on the extracts shows the reason")
      log.error(
        "input rejected",
        metadata: [
          "file": "\(error.reject.file)", "line": "\(error.reject.line)", "field": "\(field)",
        ])
      throw fail("input rejected at \(place)", RunExit.inputRejected)
    }
    var scored: Logger.Metadata = [
      "people_read": "\(scoring.peopleCount)", "people_scored": "\(scoring.scoredCount)",
      "rows_rejected": "\(scoring.read.rejects.count)", "referrals": "\(scoring.referrals.count)",
      "files":
        "\(scoring.read.files.map { ($0.path as NSString).lastPathComponent }.joined(separator: ","))",
    ]
    for timing in scoring.timings {
      scored["seconds_\(timing.phase)"] = "\(RunSummary.seconds(timing.seconds))"
    }
    log.info("scored", metadata: scored)
    TestPause.reached("scored")

    progress.start("store")
    let clock = ContinuousClock()
    let storeStart = clock.now
    do {
      try store.completeRun(id: runID, scoring, user: user, checkpoint: TestPause.reached)
    } catch {
      printError("error: \(error.description)")
      log.error("run not stored", metadata: ["error": "\(error.description)"])
      throw fail("the run could not be stored", RunExit.storeError)
    }
    log.info("run stored", metadata: ["seconds_store": "\(seconds(clock.now - storeStart))"])
    TestPause.reached("stored")

    progress.start("compare")
    let changes: RunChanges
    do {
      changes = try store.changes(runID: runID)
    } catch {
      progress.finish()
      printError("error: \(error.description)")
      log.error("changes not computed", metadata: ["error": "\(error.description)"])
      throw RunExit.storeError
    }
    var compared: Logger.Metadata = [
      "previous_run": "\(changes.previous.map { String($0.id) } ?? "none")",
      "new_recommendations": "\(changes.recommendations.count)",
    ]
    for (kind, count) in changes.counts { compared[kind.rawValue] = "\(count)" }
    log.info("compared with the previous complete run", metadata: compared)

    progress.start("write outputs")
    let folder = settings.output + "/run-\(runID)"
    do {
      try RunOutputs.write(scoring, to: folder)
      try changes.csv.write(toFile: folder + "/changes.csv", atomically: true, encoding: .utf8)
      let report = HTMLRunReport.render(
        ReportContent(run: scoring, runID: runID, changes: changes))
      try report.write(toFile: folder + "/report.html", atomically: true, encoding: .utf8)
      try pointLatest(at: "run-\(runID)", in: settings.output)
    } catch {
      progress.finish()
      printError("error: run \(runID) is stored, but its outputs could not be written: \(error)")
      log.error("outputs not written", metadata: ["folder": "\(folder)"])
      throw RunExit.outputsNotWritten
    }
    progress.finish()
    print(summary(scoring, runID: runID, changes: changes, folder: folder))
    let reconciled = scoring.read.files.allSatisfy(\.reconciles)
    log.info("run complete", metadata: ["output": "\(folder)", "reconciled": "\(reconciled)"])
    withExtendedLifetime(lock) {}
    if !reconciled { throw RunExit.rowsDoNotReconcile }
  }

  /// Makes `OUTPUT/latest` a symbolic link to the newest run's folder, replacing it atomically.
  private func pointLatest(at name: String, in output: String) throws {
    let temporary = output + "/.latest-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: temporary)
    try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: name)
    guard rename(temporary, output + "/latest") == 0 else {
      throw CocoaError(.fileWriteUnknown)
    }
  }

  /// What the run found, in counts only: no person ids and no values, since standard output
  /// goes to the journal under a scheduler.
  private func summary(_ run: ScoringRun, runID: Int64, changes: RunChanges, folder: String)
    -> String
  {
    let summary = RunSummary(run)
    let m = run.pack.manifest
    var lines = [
      "run \(runID): pack \(m.id) \(m.version) (\(run.pack.contentHash.prefix(12))), as of \(run.asOf)"
    ]
    for file in run.read.files {
      lines.append(
        "  \(file.path): \(file.rowsRead) rows = \(file.rowsUsed) used + \(file.rowsRejected) rejected"
          + (file.rowsUnmatched > 0 ? " (\(file.rowsUnmatched) of them unmatched)" : "")
          + (file.reconciles ? "" : "  DOES NOT RECONCILE"))
    }
    for missing in run.read.missingTables {
      lines.append("  \(missing): not supplied (indicators that need it are not evaluated)")
    }
    lines.append("people: \(run.peopleCount) read, \(run.scoredCount) scored")
    lines.append("bands: " + summary.bandCounts().map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    for programme in summary.programmeCounts() {
      let counts = programme.counts.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
      lines.append("programme \(programme.id): " + counts.joined(separator: ", "))
    }
    if let previous = changes.previous {
      lines.append(
        "since run \(previous.id): "
          + changes.counts.map { "\($0.kind.title.lowercased()) \($0.count)" }.joined(
            separator: ", ") + ", new recommendations \(changes.recommendations.count)")
    } else {
      lines.append(changes.note ?? "no earlier run to compare with")
    }
    lines.append(
      "outputs: \(folder)/ (report.html, changes.csv, \(RunOutputs.files.joined(separator: ", ")))")
    return lines.joined(separator: "\n")
  }

  private func seconds(_ d: Duration) -> String {
    RunSummary.seconds(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
  }
}
