import Dispatch
import Foundation
import Synchronization

/// Runs work over all cores in contiguous chunks of a range.
enum Parallel {
  static func forEachChunk(count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    guard count > 0 else { return }
    // A few elements (one referral's people) are done before threads could be woken.
    if count <= smallCount { return body(0..<count) }
    let chunks = min(count, max(1, ProcessInfo.activeCores * 8))
    let size = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * size
      let end = min(count, start + size)
      if start < end { body(start..<end) }
    }
  }

  /// Counts no larger than this are done on the calling thread.
  static let smallCount = 64

  /// The number of workers ``forEachWorkerChunk(count:_:)`` runs at once.
  static var workers: Int { max(1, ProcessInfo.activeCores) }

  /// Runs `body` over contiguous chunks of `0..<count` on ``workers`` threads, with the index
  /// of the worker that runs each chunk. A worker takes the next chunk when it has finished
  /// one, so the cores stay busy however uneven the chunks, and each worker index runs its
  /// chunks one after another: what a caller keeps by worker index is that worker's alone.
  static func forEachWorkerChunk(
    count: Int, _ body: @Sendable (_ worker: Int, Range<Int>) -> Void
  ) {
    guard count > 0 else { return }
    let chunks = min(count, workers * 8)
    let size = (count + chunks - 1) / chunks
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { worker in
      while true {
        let chunk = next.add(1, ordering: .relaxed).oldValue
        guard chunk < chunks else { return }
        let start = chunk * size
        let end = min(count, start + size)
        if start < end { body(worker, start..<end) }
      }
    }
  }
}

extension ProcessInfo {
  /// The number of cores to spread work over, read once: Foundation reads the process's
  /// cgroup files at every `activeProcessorCount`, which costs more than one referral's
  /// scoring (`POST /api/v1/score`) spreads.
  static let activeCores = ProcessInfo.processInfo.activeProcessorCount
}
