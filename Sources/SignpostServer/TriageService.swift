import Foundation
import SignpostEngine
import SignpostRules
import SignpostStore
import Synchronization

/// What the service does, free of HTTP: each page's content for a user, decisions, the
/// export and the audit. The router only decodes requests and renders what this returns.
///
/// Every person-level read is recorded in the store's `person_read` table before the data
/// is returned, including refusals (a school user asking for another school's pupil).
public final class TriageService: Sendable {
  public let store: RunStore
  public let settings: ServeSettings
  public let metrics: ServerMetrics
  public let policy = AccessPolicy()
  /// Loads the pack again on SIGHUP or an admin's request; `nil` serves one pack for good.
  public let loader: PackLoader?
  /// Records the score route's reads in group commits (``AuditGroupCommit``).
  public let scoreAudit: AuditGroupCommit
  private let served: Mutex<ServedReference>

  public init(
    store: RunStore, settings: ServeSettings, scoring: ServedScoring, metrics: ServerMetrics,
    loader: PackLoader? = nil
  ) {
    self.store = store
    self.settings = settings
    self.metrics = metrics
    self.loader = loader
    scoreAudit = AuditGroupCommit(store: store)
    served = Mutex(ServedReference(scoring))
  }

  /// The scored extracts and pack in use.
  public var scoring: ServedScoring { servedReference.scoring }

  /// The scored extracts and pack in use behind one reference, to read in place: taken with
  /// one retain, where ``scoring`` copies every reference the struct holds (the score route
  /// takes it on every request).
  var servedReference: ServedReference { served.withLock { $0 } }

  /// The pack in use.
  public var pack: PackBadge { PackBadge(servedReference.scoring.scoring.pack) }

  /// Loads a pack with `loader` and serves it, if it compiles, its tests pass and the
  /// extracts score with it; otherwise keeps the pack in use. Either way the attempt is
  /// recorded in the store's audit table, as done by `user` (an admin, or `SIGHUP`).
  ///
  /// - Throws: ``StoreError`` if the audit row could not be written (the reload stands).
  public func reload(with loader: PackLoader, by user: String) throws(StoreError)
    -> Result<PackBadge, ServeError>
  {
    let before = pack
    let result: Result<PackBadge, ServeError>
    do {
      let scoring = try loader.load(store: store)
      served.withLock { $0 = ServedReference(scoring) }
      result = .success(pack)
    } catch {
      result = .failure(error)
    }
    let detail: String
    switch result {
    case .success(let after):
      detail =
        "reloaded: \(before.id) \(before.version) \(before.shortHash) -> \(after.id) \(after.version) \(after.shortHash)"
    case .failure(let error):
      detail = "refused, \(before.id) \(before.version) \(before.shortHash) keeps serving: \(error)"
    }
    try store.recordAction(
      command: "serve", action: "reload pack", runID: scoring.runID, user: user, detail: detail)
    return result
  }

  /// Whether the service can answer: the store is readable and its latest complete run still
  /// has its results. Also refreshes the run gauges.
  public func isReady() -> Bool {
    do {
      let runs = try store.runs()
      metrics.recordRuns(Dictionary(grouping: runs, by: \.status.rawValue).mapValues(\.count))
      guard let latest = runs.first(where: { $0.status == .complete }) else { return false }
      return latest.resultsPurgedAt == nil
    } catch {
      return false
    }
  }

  // MARK: - The latest run

  /// The latest complete run: counts, what changed, the programmes and the decisions.
  public func overview(for user: ServerUser) throws(TriageError) -> RunOverview {
    let run = try latestRun()
    let changes = try storeCall { () throws(StoreError) in try store.changes(runID: run.id) }
    let decisions = try storeCall { () throws(StoreError) in try store.decisionCounts() }
    let pack = scoring.scoring.pack
    let referrals = try storeCall { () throws(StoreError) in try store.referrals(runID: run.id) }
    let counts = Dictionary(grouping: referrals, by: \.programme).mapValues(\.count)
    return RunOverview(
      run: run, changes: changes,
      programmes: pack.programmes.map { compiled in
        let programme = compiled.programme
        return RunOverview.ProgrammeLine(
          id: programme.id, name: programme.name, route: programme.route,
          referred: counts[programme.id] ?? 0,
          canOpen: policy.canOpenQueue(user, programme: programme.id))
      },
      decisions: DecisionKind.allCases.map {
        RunOverview.Count(title: $0.title, count: decisions[$0] ?? 0)
      },
      inputsChanged: scoring.inputsChanged && scoring.runID == run.id)
  }

  // MARK: - Shared

  /// The latest complete run, which every page shows.
  func latestRun() throws(TriageError) -> StoredRun {
    let run = try storeCall { () throws(StoreError) in try store.latestCompleteRun() }
    guard let run else { throw TriageError(.unavailable, "the store has no complete run") }
    return run
  }

  /// The programme with an id, or 404.
  func programme(_ id: String) throws(TriageError) -> Programme {
    guard let compiled = scoring.scoring.pack.programmes.first(where: { $0.programme.id == id })
    else { throw TriageError(.notFound, "there is no programme '\(id)' in the pack") }
    return compiled.programme
  }

  /// Runs a store call, turning its failure into a 503.
  func storeCall<T>(_ body: () throws(StoreError) -> T) throws(TriageError) -> T {
    do {
      return try body()
    } catch {
      throw TriageError(.unavailable, error.description)
    }
  }

  /// The fired indicators of a result as one line, highest points first:
  /// `recent_suspect_contact (30), low_attendance (20)`.
  func reasonLine(_ fired: [String], served: ServedScoring) -> String {
    let points = served.pointsByIndicator
    let scored = fired.map { id in (id: id, points: points[id] ?? 0) }
    let ordered = scored.sorted { $0.points != $1.points ? $0.points > $1.points : $0.id < $1.id }
    let shown = ordered.prefix(3).map { "\($0.id) (\($0.points))" }.joined(separator: ", ")
    return ordered.count > 3 ? shown + ", and \(ordered.count - 3) more" : shown
  }
}
