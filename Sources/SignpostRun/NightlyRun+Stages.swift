import Foundation
import Logging
import SignpostEngine
import SignpostReport
import SignpostRules
import SignpostSource
import SignpostStore

extension NightlyRun {
  /// A run ended before it was complete: the result to return.
  struct Ended: Error {
    var result: NightlyRunResult
  }

  /// Stops a run at a safe point after a signal.
  struct Stop: Error {
    var signo: Int32
  }

  /// The stages after the run has an id in the store.
  struct Stages {
    let run: NightlyRun
    let store: RunStore
    let runID: Int64
    let log: Logger

    var config: RunConfig { run.config }
    var folder: String { config.output + "/run-\(runID)" }

    func proceed() throws(Ended) -> NightlyRunResult {
      run.observer.stageStarted(.compilePack)
      let pack = try compile()
      let date =
        run.asOf ?? config.asOf ?? PackDate.today(inTimeZone: pack.manifest.timeZone)
      log.info(
        "run started",
        metadata: [
          "as_of": "\(date)", "time_zone": "\(pack.manifest.timeZone)",
          "pack_id": "\(pack.manifest.id)", "pack_version": "\(pack.manifest.version)",
          "pack_sha256": "\(pack.contentHash)", "input": "\(config.input)",
          "store": "\(config.store)", "strict": "\(config.strict)",
        ])
      run.observer.stageStarted(.readAndScore)
      let scoring = try score(pack, asOf: date)
      let warnings = try checkInput(scoring)
      run.observer.reached("scored")

      run.observer.stageStarted(.store)
      try storeRun(scoring)
      run.observer.reached("stored")

      // From here the run is stored: a signal lets it finish, so that what is stored is seen.
      run.observer.stageStarted(.compare)
      let changes = try compare()
      run.observer.stageStarted(.writeOutputs)
      try writeOutputs(scoring, changes: changes, warnings: warnings)

      let reconciled = scoring.read.files.allSatisfy(\.reconciles)
      var complete: Logger.Metadata = ["output": "\(folder)", "reconciled": "\(reconciled)"]
      if let signo = run.observer.stopRequested() {
        complete["signal"] = "\(NightlyRun.signalName(signo))"
      }
      log.info("run complete", metadata: complete)
      return NightlyRunResult(
        outcome: .complete(reconciled: reconciled), runID: runID, errors: [],
        summary: NightlyRun.summary(scoring, runID: runID, changes: changes, folder: folder),
        folder: folder)
    }

    private func checkStop() throws(Stop) {
      if let signo = run.observer.stopRequested() { throw Stop(signo: signo) }
    }

    private func compile() throws(Ended) -> CompiledPack {
      do {
        try checkStop()
      } catch {
        throw stopped(error)
      }
      switch PackCompiler.compile(directory: config.pack) {
      case .success(let pack): return pack
      case .failure(let error):
        log.error("pack does not compile", metadata: ["pack": "\(config.pack)"])
        throw fail(
          "the pack does not compile", .packDoesNotCompile,
          errors: [DiagnosticRenderer.render(error.diagnostics)])
      }
    }

    private func score(_ pack: CompiledPack, asOf date: PackDate) throws(Ended) -> ScoringRun {
      let scoring: ScoringRun
      do {
        try checkStop()
        scoring = try ScoringRun.run(
          pack: pack, inputDirectory: config.input, asOf: date, strict: config.strict)
      } catch let stop as Stop {
        throw stopped(stop)
      } catch let error as ExtractReadError
        where error.kind != .strictReject && error.kind != .strayQuote
      {
        // The input as a whole is missing, empty or unreadable: the reason names no value.
        throw refuse([error.description], .inputRejected, status: .failed)
      } catch let error as ExtractReadError {
        // The reason can quote a field's value, so only the place is printed and logged.
        let place = "\(error.reject.file):\(error.reject.line)"
        let field = error.reject.field ?? ""
        log.error(
          "input rejected",
          metadata: [
            "file": "\(error.reject.file)", "line": "\(error.reject.line)", "field": "\(field)",
          ])
        throw fail(
          "input rejected at \(place)", .inputRejected,
          errors: [
            "error: input rejected at \(place)" + (field.isEmpty ? "" : " (field \(field))")
              + "; `signpost score --strict` on the extracts shows the reason"
          ])
      } catch {
        throw fail("the input could not be read", .inputRejected)
      }
      var scored: Logger.Metadata = [
        "people_read": "\(scoring.peopleCount)", "people_scored": "\(scoring.scoredCount)",
        "rows_rejected": "\(scoring.read.rejects.count)",
        "referrals": "\(scoring.referrals.count)",
        "files":
          "\(scoring.read.files.map { PathText.lastComponent(of: $0.path) }.joined(separator: ","))",
      ]
      for timing in scoring.timings {
        scored["seconds_\(timing.phase)"] = "\(RunSummary.seconds(timing.seconds))"
      }
      log.info("scored", metadata: scored)
      return scoring
    }

    /// Refuses a drop beyond the threshold (reading refuses an input with no people); returns
    /// the warnings for the report of a run that goes on.
    private func checkInput(_ scoring: ScoringRun) throws(Ended) -> [String] {
      let drop: InputDrop
      do {
        drop = try inputDrop(scoring)
      } catch {
        throw fail(
          "the last complete run could not be read", .storeError,
          errors: ["error: \(error.description)"])
      }
      if !drop.isEmpty && !run.acceptDrop {
        throw refuse(
          drop.reasons, .held, status: .held,
          hint:
            "run held: check the extracts, then run `signpost run --accept-drop` if the drop is real"
        )
      }
      var warnings: [String] = []
      if !drop.isEmpty {
        warnings = drop.reasons.map { "Accepted with --accept-drop: \($0)." }
        log.warning(
          "input drop accepted", metadata: ["reasons": "\(drop.reasons.joined(separator: "; "))"])
      }
      if !scoring.read.files.allSatisfy(\.reconciles) {
        warnings.append(
          "Some input file's rows do not reconcile (read ≠ used + rejected): see Data.")
      }
      return warnings
    }

    /// Tonight's input against the last complete run's.
    private func inputDrop(_ scoring: ScoringRun) throws(StoreError) -> InputDrop {
      var rows: [String: Int] = [:]
      for file in scoring.read.files { rows[file.source, default: 0] += file.rowsRead }
      guard let previous = try store.latestCompleteRun() else { return InputDrop.none }
      return InputDrop(
        previous: previous, previousRows: try store.rowsPerSource(runID: previous.id),
        people: scoring.peopleCount, rows: rows, threshold: config.dropThreshold)
    }

    private func storeRun(_ scoring: ScoringRun) throws(Ended) {
      let clock = ContinuousClock()
      let start = clock.now
      do {
        try checkStop()
        try store.storeRun(id: runID, scoring, user: run.user) { point in
          run.observer.reached(point)
          try checkStop()
        }
      } catch let stop as Stop {
        throw stopped(stop)
      } catch {
        if let signo = run.observer.stopRequested() { throw stopped(Stop(signo: signo)) }
        log.error("run not stored", metadata: ["error": "\(error)"])
        throw fail("the run could not be stored", .storeError, errors: ["error: \(error)"])
      }
      let elapsed = clock.now - start
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      log.info("run stored", metadata: ["seconds_store": "\(RunSummary.seconds(seconds))"])
    }

    private func compare() throws(Ended) -> RunChanges {
      let changes: RunChanges
      do {
        changes = try store.changes(runID: runID)
      } catch {
        log.error("changes not computed", metadata: ["error": "\(error.description)"])
        try? store.finishRun(
          id: runID, as: .outputsMissing, reason: "changes not computed", user: run.user)
        throw Ended(
          result: NightlyRunResult(
            outcome: .storeError, runID: runID, errors: ["error: \(error.description)"]))
      }
      var compared: Logger.Metadata = [
        "previous_run": "\(changes.previous.map { String($0.id) } ?? "none")",
        "new_recommendations": "\(changes.recommendations.count)",
      ]
      for (kind, count) in changes.counts { compared[kind.rawValue] = "\(count)" }
      log.info("compared with the previous complete run", metadata: compared)
      return changes
    }

    private func writeOutputs(_ scoring: ScoringRun, changes: RunChanges, warnings: [String])
      throws(Ended)
    {
      let reached = run.observer.reached
      do {
        try RunOutputs.write(scoring, to: folder, checkpoint: reached)
        try OwnerOnly.write(Array(changes.csv.utf8), to: folder + "/changes.csv") {
          reached("outputs.changes.csv")
        }
        let report = HTMLRunReport.render(
          ReportContent(run: scoring, runID: runID, changes: changes, warnings: warnings))
        try OwnerOnly.write(Array(report.utf8), to: folder + "/report.html") {
          reached("outputs.report.html")
        }
        reached("outputs.written")
        try LatestLink.point(at: "run-\(runID)", in: config.output)
        try store.finishRun(id: runID, as: .complete, user: run.user)
      } catch {
        log.error("outputs not written", metadata: ["folder": "\(folder)"])
        try? store.finishRun(
          id: runID, as: .outputsMissing, reason: "the outputs could not be written",
          user: run.user)
        throw Ended(
          result: NightlyRunResult(
            outcome: .outputsNotWritten, runID: runID,
            errors: [
              "error: run \(runID) is stored, but its outputs could not be written: \(error)"
            ],
            folder: folder))
      }
    }

    /// Records the run as ended without completing.
    private func fail(
      _ reason: String, _ outcome: RunOutcome, status: RunStatus = .failed, errors: [String] = []
    ) -> Ended {
      do {
        try store.finishRun(id: runID, as: status, reason: reason, user: run.user)
      } catch {
        log.error("could not record the failure", metadata: ["error": "\(error.description)"])
      }
      return Ended(result: NightlyRunResult(outcome: outcome, runID: runID, errors: errors))
    }

    private func stopped(_ stop: Stop) -> Ended {
      let name = NightlyRun.signalName(stop.signo)
      log.warning("stopped by a signal; rolled back", metadata: ["signal": "\(name)"])
      return fail(
        "stopped by \(name) before the run was stored", .interrupted(signal: stop.signo),
        errors: [
          "signpost: stopped by \(name) before run \(runID) was stored; nothing of it is kept"
        ])
    }

    /// A run that cannot be shown: recorded, and a report in red put where `latest` points.
    private func refuse(
      _ reasons: [String], _ outcome: RunOutcome, status: RunStatus, hint: String? = nil
    ) -> Ended {
      log.error(
        status == .held ? "run held: the input dropped" : "run failed: no input",
        metadata: ["reasons": "\(reasons.joined(separator: "; "))"])
      var ended = fail(
        reasons.joined(separator: "; "), outcome, status: status,
        errors: reasons.map { "error: \($0)" } + (hint.map { [$0] } ?? []))
      let lastComplete = try? store.latestCompleteRun()?.id
      do {
        try OwnerOnly.createDirectory(folder)
        let page = HTMLRunReport.renderStopped(
          runID: runID, status: status.rawValue, reasons: reasons + (hint.map { [$0] } ?? []),
          lastComplete: lastComplete)
        try OwnerOnly.write(Array(page.utf8), to: folder + "/report.html")
        try LatestLink.point(at: "run-\(runID)", in: config.output)
        ended.result.folder = folder
      } catch {
        log.error("the report of the stopped run was not written", metadata: ["error": "\(error)"])
      }
      return ended
    }
  }

  /// `SIGTERM` or `SIGINT`.
  public static func signalName(_ signo: Int32) -> String {
    signo == SIGINT ? "SIGINT" : "SIGTERM"
  }
}
