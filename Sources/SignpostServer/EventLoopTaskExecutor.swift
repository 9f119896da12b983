import NIOCore
import SignpostStore

/// A Swift concurrency task executor that runs its jobs on one NIO event loop: a task that
/// prefers it (`withTaskExecutorPreference`) resumes on that loop whichever thread resumes
/// it. Without it, a task resumed from a thread outside NIO (the audit's commit queue) goes
/// to whichever loop NIO's global executor hands out next, often not the one its
/// connection's answer is written on, which then costs another hop and wake-up back.
final class EventLoopTaskExecutor: TaskExecutor {
  let eventLoop: any EventLoop

  init(_ eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}

extension AuditGroupCommit.Commit {
  /// ``wait()``, resumed on `eventLoop` (the request's) when the reads are not committed yet
  /// and the caller must suspend; at once, with no executor, when they are.
  func wait(resumingOn eventLoop: (any EventLoop)?) async throws(StoreError) {
    guard let eventLoop, !isFinished else { return try await wait() }
    try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop)) {
      () async throws(StoreError) in try await wait()
    }
  }
}
