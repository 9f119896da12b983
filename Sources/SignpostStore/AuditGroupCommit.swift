import Dispatch
import Synchronization

/// Records person reads against the latest complete run for callers that arrive at once
/// (`POST /api/v1/score` under load) in group commits, off the caller's thread.
///
/// A caller's reads wait in a list while a transaction is committing; the next transaction
/// inserts every read then waiting, and commits (durably: the store's `synchronous = FULL`)
/// before any of those callers resumes. So each caller returns only once its own reads are
/// on disk, as with one transaction per caller, and a burst of callers shares one commit
/// instead of queueing behind one commit each. The transactions run one at a time on a
/// queue of their own, never on a Swift concurrency or NIO event loop thread.
///
/// ```swift
/// let audit = AuditGroupCommit(store: store)
/// try await audit.record(PersonReadRequest(personIDs: ["R-1"], page: "api:score", user: "t", role: "triage"))
/// // the read is committed
/// ```
public final class AuditGroupCommit: Sendable {
  private let store: RunStore
  private let queue = DispatchQueue(label: "signpost.audit.group-commit")
  private let state = Mutex(State())

  private struct State {
    /// The reads waiting for the next transaction, with their callers.
    var waiting: [(request: PersonReadRequest, caller: CheckedContinuation<Void, any Error>)] = []
    /// Whether the queue is committing (and will take the waiting reads next).
    var committing = false
    /// The most callers' reads one transaction held.
    var largestGroup = 0
  }

  public init(store: RunStore) {
    self.store = store
  }

  /// Records `request`'s reads; returns once the transaction holding them has committed.
  ///
  /// - Throws: ``StoreError`` when that transaction failed (none of its reads is recorded).
  public func record(_ request: PersonReadRequest) async throws(StoreError) {
    do {
      try await withCheckedThrowingContinuation { caller in
        let start = state.withLock { state in
          state.waiting.append((request, caller))
          guard !state.committing else { return false }
          state.committing = true
          return true
        }
        if start { queue.async { self.commitWaiting() } }
      }
    } catch {
      throw StoreError.wrap(error, doing: "cannot audit person reads")
    }
  }

  /// The most callers' reads one transaction has held so far.
  public var largestGroup: Int { state.withLock { $0.largestGroup } }

  /// The callers whose reads wait for the next transaction.
  public var waiting: Int { state.withLock { $0.waiting.count } }

  /// Commits the waiting reads, a group at a time, until none is waiting.
  private func commitWaiting() {
    while true {
      let group = state.withLock { state in
        let group = state.waiting
        state.waiting = []
        if group.isEmpty { state.committing = false }
        state.largestGroup = max(state.largestGroup, group.count)
        return group
      }
      guard !group.isEmpty else { return }
      do {
        try store.recordPersonReadsAtLatestRun(group.map(\.request))
        for waiting in group { waiting.caller.resume() }
      } catch {
        for waiting in group { waiting.caller.resume(throwing: error) }
      }
    }
  }
}
