import Foundation
import Logging
import SignpostEngine
import SignpostReport
import SignpostRules
import SignpostSource
import SignpostStore

/// The nightly run as a library: takes the store's lock, opens a run, compiles the pack,
/// scores the extracts, stores the run and its results in one transaction, compares it with
/// the previous complete run, writes the outputs to `OUTPUT/run-ID` (owner-only), points
/// `OUTPUT/latest` at them, and only then marks the run complete. Every way it can end is a
/// ``RunOutcome``; nothing here prints or exits.
///
/// A missing or empty input fails the run; a drop beyond the threshold holds it (unless
/// `acceptDrop`); either way `OUTPUT/run-ID/report.html` says why in red. A stop requested
/// before the run is stored rolls it back; after, the run finishes its outputs.
public struct NightlyRun: Sendable {
  public var config: RunConfig
  /// The scoring date instead of the configuration's `as_of` or today in the pack's time zone.
  public var asOf: PackDate?
  /// Run even though the input dropped beyond the threshold.
  public var acceptDrop: Bool
  /// Who runs it, for the store's audit.
  public var user: String
  public var observer: RunObserver
  public var logger: Logger

  public init(
    config: RunConfig, asOf: PackDate? = nil, acceptDrop: Bool = false,
    user: String = StoreClock.currentUser, observer: RunObserver = .silent,
    logger: Logger = Logger(label: "signpost.run")
  ) {
    self.config = config
    self.asOf = asOf
    self.acceptDrop = acceptDrop
    self.user = user
    self.observer = observer
    self.logger = logger
  }

  /// Runs every stage and says how it ended.
  public func perform() -> NightlyRunResult {
    var log = logger
    observer.stageStarted(.openStore)
    let store: RunStore
    let lock: StoreLock
    let runID: Int64
    do {
      store = try RunStore(path: config.store)
      lock = try StoreLock(storePath: config.store)
      try tidyEarlierRuns(store, log: log)
      runID = try store.startRun(user: user, detail: "config=\(config.path)")
    } catch {
      log.error("store unavailable", metadata: ["store": "\(config.store)"])
      return NightlyRunResult(
        outcome: .storeError, runID: nil, errors: ["error: \(error.description)"])
    }
    log[metadataKey: "run_id"] = "\(runID)"
    observer.reached("started")
    let stages = Stages(run: self, store: store, runID: runID, log: log)
    let result: NightlyRunResult
    do {
      result = try stages.proceed()
    } catch {
      result = error.result
    }
    withExtendedLifetime(lock) {}
    return result
  }

  /// Marks runs that never finished abandoned, and runs stored without outputs
  /// `outputs_missing` (their half-written folders removed, so no one reads half a run).
  private func tidyEarlierRuns(_ store: RunStore, log: Logger) throws(StoreError) {
    let abandoned = try store.abandonUnfinishedRuns(user: user)
    if !abandoned.isEmpty {
      log.warning(
        "earlier runs never finished; marked abandoned",
        metadata: ["runs": "\(abandoned.map(String.init).joined(separator: ","))"])
    }
    let unseen = try store.markUnseenRuns(user: user)
    if !unseen.isEmpty {
      for id in unseen {
        try? FileManager.default.removeItem(atPath: config.output + "/run-\(id)")
      }
      log.warning(
        "earlier runs were stored but their outputs never written; marked outputs_missing",
        metadata: ["runs": "\(unseen.map(String.init).joined(separator: ","))"])
    }
  }
}
