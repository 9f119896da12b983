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
      let unseen = try store.markUnseenRuns(user: user)
      if !unseen.isEmpty {
        // Their output folders, if any, are incomplete: removed so no one reads half a run.
        for id in unseen {
          try? FileManager.default.removeItem(atPath: settings.output + "/run-\(id)")
        }
        log.warning(
          "earlier runs were stored but their outputs never written; marked outputs_missing",
          metadata: ["runs": "\(unseen.map(String.init).joined(separator: ","))"])
      }
      runID = try store.startRun(user: user, detail: "config=\(settings.path)")
    } catch {
      progress.finish()
      printError("error: \(error.description)")
      log.error("store unavailable", metadata: ["store": "\(settings.store)"])
      throw RunExit.storeError
    }
    log[metadataKey: "run_id"] = "\(runID)"
    TestPause.reached("started")

    func fail(_ reason: String, _ exit: ExitCode, status: RunStatus = .failed) -> ExitCode {
      progress.finish()
      do {
        try store.finishRun(id: runID, as: status, reason: reason, user: user)
      } catch {
        log.error("could not record the failure", metadata: ["error": "\(error.description)"])
      }
      return exit
    }
    func stopped(_ stop: Interruption.Stop) -> ExitCode {
      let name = Interruption.name(stop.signo)
      printError(
        "signpost: stopped by \(name) before run \(runID) was stored; nothing of it is kept")
      log.warning("stopped by a signal; rolled back", metadata: ["signal": "\(name)"])
      return fail("stopped by \(name) before the run was stored", RunExit.interrupted(stop.signo))
    }
    /// A run that cannot be shown: recorded, and a report in red put where `latest` points.
    func refuse(_ reasons: [String], _ exit: ExitCode, status: RunStatus, hint: String? = nil)
      -> ExitCode
    {
      for reason in reasons { printError("error: \(reason)") }
      if let hint { printError(hint) }
      log.error(
        status == .held ? "run held: the input dropped" : "run failed: no input",
        metadata: ["reasons": "\(reasons.joined(separator: "; "))"])
      let code = fail(reasons.joined(separator: "; "), exit, status: status)
      let lastComplete = try? store.latestCompleteRun()?.id
      do {
        let folder = settings.output + "/run-\(runID)"
        try OwnerOnly.createDirectory(folder)
        let page = HTMLRunReport.renderStopped(
          runID: runID, status: status.rawValue, reasons: reasons + (hint.map { [$0] } ?? []),
          lastComplete: lastComplete)
        try OwnerOnly.write(Array(page.utf8), to: folder + "/report.html")
        try pointLatest(at: "run-\(runID)", in: settings.output)
      } catch {
        log.error("the report of the stopped run was not written", metadata: ["error": "\(error)"])
      }
      return code
    }

    progress.start("compile pack")
    let pack: CompiledPack
    do {
      try Interruption.check()
      pack = try compilePack(at: settings.pack)
    } catch let stop as Interruption.Stop {
      throw stopped(stop)
    } catch {
      log.error("pack does not compile", metadata: ["pack": "\(settings.pack)"])
      throw fail("the pack does not compile", RunExit.packDoesNotCompile)
    }
    let date =
      asOf.flatMap { PackDate(iso: $0) } ?? settings.asOf
      ?? PackDate.today(inTimeZone: pack.manifest.timeZone)
    log.info(
      "run started",
      metadata: [
        "as_of": "\(date)", "time_zone": "\(pack.manifest.timeZone)",
        "pack_id": "\(pack.manifest.id)", "pack_version": "\(pack.manifest.version)",
        "pack_sha256": "\(pack.contentHash)", "input": "\(settings.input)",
        "store": "\(settings.store)", "strict": "\(settings.strict)",
      ])

    progress.start("read and score")
    let scoring: ScoringRun
    do {
      try Interruption.check()
      scoring = try ScoringRun.run(
        pack: pack, inputDirectory: settings.input, asOf: date, strict: settings.strict)
    } catch let stop as Interruption.Stop {
      throw stopped(stop)
    } catch let error as ExtractReadError
      where error.kind != .strictReject && error.kind != .strayQuote
    {
      // The input as a whole is missing, empty or unreadable: the reason names no value.
      throw refuse([error.description], RunExit.inputRejected, status: .failed)
    } catch let error as ExtractReadError {
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
    } catch {
      throw fail("the input could not be read", RunExit.inputRejected)
    }
    var scored: Logger.Metadata = [
      "people_read": "\(scoring.peopleCount)", "people_scored": "\(scoring.scoredCount)",
      "rows_rejected": "\(scoring.read.rejects.count)", "referrals": "\(scoring.referrals.count)",
      "files":
        "\(scoring.read.files.map { PathText.lastComponent(of: $0.path) }.joined(separator: ","))",
    ]
    for timing in scoring.timings {
      scored["seconds_\(timing.phase)"] = "\(RunSummary.seconds(timing.seconds))"
    }
    log.info("scored", metadata: scored)
    if scoring.read.files.isEmpty || scoring.peopleCount == 0 {
      throw refuse(
        [
          scoring.read.files.isEmpty
            ? "\(settings.input): error: no file here is one the pack reads"
            : "\(settings.input): error: the extracts hold no people"
        ], RunExit.inputRejected, status: .failed)
    }
    let drop: InputDrop
    do {
      drop = try inputDrop(scoring, store: store, threshold: settings.dropThreshold)
    } catch {
      printError("error: \(error.description)")
      throw fail("the last complete run could not be read", RunExit.storeError)
    }
    if !drop.isEmpty && !acceptDrop {
      throw refuse(
        drop.reasons, RunExit.held, status: .held,
        hint:
          "run held: check the extracts, then run `signpost run --accept-drop` if the drop is real")
    }
    var warnings: [String] = []
    if !drop.isEmpty {
      warnings = drop.reasons.map { "Accepted with --accept-drop: \($0)." }
      log.warning(
        "input drop accepted", metadata: ["reasons": "\(drop.reasons.joined(separator: "; "))"])
    }
    if !scoring.read.files.allSatisfy(\.reconciles) {
      warnings.append("Some input file's rows do not reconcile (read ≠ used + rejected): see Data.")
    }
    TestPause.reached("scored")

    progress.start("store")
    let clock = ContinuousClock()
    let storeStart = clock.now
    do {
      try Interruption.check()
      try store.storeRun(id: runID, scoring, user: user) { point in
        TestPause.reached(point)
        try Interruption.check()
      }
    } catch let stop as Interruption.Stop {
      throw stopped(stop)
    } catch {
      if let stop = Interruption.received.map(Interruption.Stop.init) { throw stopped(stop) }
      printError("error: \(error)")
      log.error("run not stored", metadata: ["error": "\(error)"])
      throw fail("the run could not be stored", RunExit.storeError)
    }
    log.info("run stored", metadata: ["seconds_store": "\(seconds(clock.now - storeStart))"])
    TestPause.reached("stored")

    // From here the run is stored: a signal lets it finish, so that what is stored is seen.
    progress.start("compare")
    let changes: RunChanges
    let folder = settings.output + "/run-\(runID)"
    do {
      changes = try store.changes(runID: runID)
    } catch {
      progress.finish()
      printError("error: \(error.description)")
      log.error("changes not computed", metadata: ["error": "\(error.description)"])
      try? store.finishRun(
        id: runID, as: .outputsMissing, reason: "changes not computed", user: user)
      throw RunExit.storeError
    }
    var compared: Logger.Metadata = [
      "previous_run": "\(changes.previous.map { String($0.id) } ?? "none")",
      "new_recommendations": "\(changes.recommendations.count)",
    ]
    for (kind, count) in changes.counts { compared[kind.rawValue] = "\(count)" }
    log.info("compared with the previous complete run", metadata: compared)

    progress.start("write outputs")
    do {
      try RunOutputs.write(scoring, to: folder, checkpoint: TestPause.reached)
      try OwnerOnly.write(Array(changes.csv.utf8), to: folder + "/changes.csv") {
        TestPause.reached("outputs.changes.csv")
      }
      let report = HTMLRunReport.render(
        ReportContent(run: scoring, runID: runID, changes: changes, warnings: warnings))
      try OwnerOnly.write(Array(report.utf8), to: folder + "/report.html") {
        TestPause.reached("outputs.report.html")
      }
      TestPause.reached("outputs.written")
      try pointLatest(at: "run-\(runID)", in: settings.output)
      try store.finishRun(id: runID, as: .complete, user: user)
    } catch {
      progress.finish()
      printError("error: run \(runID) is stored, but its outputs could not be written: \(error)")
      log.error("outputs not written", metadata: ["folder": "\(folder)"])
      try? store.finishRun(
        id: runID, as: .outputsMissing, reason: "the outputs could not be written", user: user)
      throw RunExit.outputsNotWritten
    }
    progress.finish()
    print(summary(scoring, runID: runID, changes: changes, folder: folder))
    let reconciled = scoring.read.files.allSatisfy(\.reconciles)
    var complete: Logger.Metadata = ["output": "\(folder)", "reconciled": "\(reconciled)"]
    if let signo = Interruption.received {
      complete["signal"] = "\(Interruption.name(signo))"
    }
    log.info("run complete", metadata: complete)
    withExtendedLifetime(lock) {}
    if !reconciled { throw RunExit.rowsDoNotReconcile }
  }

  /// Tonight's input against the last complete run's.
  private func inputDrop(_ scoring: ScoringRun, store: RunStore, threshold: Double)
    throws(StoreError) -> InputDrop
  {
    var rows: [String: Int] = [:]
    for file in scoring.read.files { rows[file.source, default: 0] += file.rowsRead }
    guard let previous = try store.latestCompleteRun() else { return InputDrop.none }
    return InputDrop(
      previous: previous, previousRows: try store.rowsPerSource(runID: previous.id),
      people: scoring.peopleCount, rows: rows, threshold: threshold)
  }

  /// Makes `OUTPUT/latest` a symbolic link to the newest run's folder, replacing it atomically.
  private func pointLatest(at name: String, in output: String) throws {
    try OwnerOnly.createDirectory(output)
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
