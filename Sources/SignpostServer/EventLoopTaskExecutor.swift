import NIOCore

/// A Swift concurrency task executor that runs its jobs on one NIO event loop: a task that
/// prefers it (`withTaskExecutorPreference`) resumes on that loop whichever thread resumes
/// it, and continues on the generic executor in place, where a job NIO's global executor
/// runs would be enqueued on a loop again (``LoopBoundHTTP1Channel``).
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
