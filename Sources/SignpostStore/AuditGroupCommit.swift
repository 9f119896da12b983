import Dispatch
import Synchronization

/// Records person reads against the latest complete run for callers that arrive at once
/// (`POST /api/v1/score` under load) in group commits, off the caller's thread.
///
/// A caller's reads wait in a list while a transaction is committing; the next transaction
/// inserts every read then waiting, and commits (durably: the store's `synchronous = FULL`)
/// before any of those callers is told. So each caller's ``Commit/wait()`` returns only once
/// its own reads are on disk, as with one transaction per caller, and a burst of callers
/// shares one commit instead of queueing behind one commit each. The transactions run one
/// at a time on a queue of their own, never on a Swift concurrency or NIO event loop thread.
///
/// ```swift
/// let audit = AuditGroupCommit(store: store)
/// let commit = audit.begin(PersonReadRequest(personIDs: ["R-1"], page: "api:score", user: "t", role: "triage"))
/// // ... work while the reads are committed ...
/// try await commit.wait()  // the reads are committed
/// ```
public final class AuditGroupCommit: Sendable {
  private let store: RunStore
  private let queue = DispatchQueue(label: "signpost.audit.group-commit")
  private let state = Mutex(State())

  private struct State {
    /// The reads waiting for the next transaction, with their callers' commits.
    var waiting: [(request: PersonReadRequest, commit: Commit)] = []
    /// Whether the queue is committing (and will take the waiting reads next).
    var committing = false
    /// The most callers' reads one transaction held.
    var largestGroup = 0
  }

  public init(store: RunStore) {
    self.store = store
  }

  /// Starts recording `request`'s reads, without waiting: the answer's ``Commit/wait()``
  /// returns once the transaction holding them has committed.
  public func begin(_ request: PersonReadRequest) -> Commit {
    let commit = Commit()
    let start = state.withLock { state in
      state.waiting.append((request, commit))
      guard !state.committing else { return false }
      state.committing = true
      return true
    }
    if start { queue.async { self.commitWaiting() } }
    return commit
  }

  /// Records `request`'s reads; returns once the transaction holding them has committed.
  ///
  /// - Throws: ``StoreError`` when that transaction failed (none of its reads is recorded).
  public func record(_ request: PersonReadRequest) async throws(StoreError) {
    try await begin(request).wait()
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
      var failure: StoreError?
      do {
        try store.recordPersonReadsAtLatestRun(group.map(\.request))
      } catch {
        failure = error
      }
      for waiting in group { waiting.commit.finish(failure) }
    }
  }

  /// One caller's reads on their way to the store: ``wait()`` returns once they are
  /// committed, at once if they already are.
  public final class Commit: Sendable {
    private enum Progress {
      /// Not committed yet; the caller waiting, if it waits already.
      case pending(CheckedContinuation<Void, any Error>?)
      /// Committed (`nil`), or the transaction failed.
      case finished(StoreError?)
    }

    private let progress = Mutex(Progress.pending(nil))

    /// Whether the reads are committed, or their transaction failed: ``wait()`` then returns
    /// (or throws) at once, without suspending.
    public var isFinished: Bool {
      progress.withLock { progress in
        if case .finished = progress { return true }
        return false
      }
    }

    /// Returns once the reads are committed.
    ///
    /// - Throws: ``StoreError`` when their transaction failed (none of its reads is recorded).
    public func wait() async throws(StoreError) {
      let finished: StoreError?? = progress.withLock { progress in
        if case .finished(let failure) = progress { return .some(failure) }
        return nil
      }
      if let finished {
        if let failure = finished { throw failure }
        return
      }
      do {
        try await withCheckedThrowingContinuation { caller in
          let finished: StoreError?? = progress.withLock { progress in
            if case .finished(let failure) = progress { return .some(failure) }
            progress = .pending(caller)
            return nil
          }
          if let finished { Self.resume(caller, finished) }
        }
      } catch {
        throw StoreError.wrap(error, doing: "cannot audit person reads")
      }
    }

    /// Marks the reads committed (`failure` `nil`) or failed, and resumes a waiting caller.
    fileprivate func finish(_ failure: StoreError?) {
      let caller = progress.withLock { progress -> CheckedContinuation<Void, any Error>? in
        guard case .pending(let caller) = progress else { return nil }
        progress = .finished(failure)
        return caller
      }
      if let caller { Self.resume(caller, failure) }
    }

    private static func resume(
      _ caller: CheckedContinuation<Void, any Error>, _ failure: StoreError?
    ) {
      if let failure { caller.resume(throwing: failure) } else { caller.resume() }
    }
  }
}
