import Foundation
import SignpostSource

/// Runs one file's chunks through two kinds of thread at once: workers tokenize and parse
/// chunks in file order (at most `window` ahead of the merge), and the calling thread merges
/// each as soon as it is ready. A page of the mapping is handed back once the merge is past
/// it, so only the bytes in flight are resident, and the serial merge overlaps the parallel
/// work instead of idling the cores. (The file's SHA-256 is ``FileDigests``' work.)
///
/// Pipelines can be chained (``handOff(to:)``): a worker that finds no chunk left in its file
/// moves on to the next file's pipeline, so the next file's first chunks are read while this
/// one's last chunks merge, and no core idles between files.
final class ChunkPipeline<Chunk: Sendable>: ChunkWork, @unchecked Sendable {
  private let condition = NSCondition()
  private let mapped: MappedFile
  private let starts: [Int]
  private let ends: [Int]
  private let window: Int
  /// Reads one chunk; let go once every thread is done, since the threads may outlive the
  /// call that lent it.
  private var run: ((Int, Int) -> TokenizedChunk<Chunk>)?
  private var slots: [TokenizedChunk<Chunk>?]
  private var nextChunk = 0
  private var mergedChunks = 0
  private var mergedOffset: Int
  /// Pages before this offset are handed back.
  private var releasedOffset = 0
  private var stopped = false
  /// Whether ``run(workers:merge:)`` has started (no worker is adopted after that).
  private var merging = false
  /// Workers that came from the previous pipeline of a chain.
  private var adopted = 0
  /// Where this pipeline's workers go once its chunks are all taken.
  private var successor: (any ChunkWork)?
  private let finished = DispatchGroup()

  init(
    mapped: MappedFile, starts: [Int], ends: [Int], window: Int,
    run: @escaping (Int, Int) -> TokenizedChunk<Chunk>
  ) {
    self.mapped = mapped
    self.starts = starts
    self.ends = ends
    self.window = window
    self.run = run
    slots = Array(repeating: nil, count: starts.count)
    mergedOffset = starts.first ?? 0
  }

  /// Starts `workers` workers, less any that moved here from the previous pipeline of a
  /// chain, merges every chunk in file order with `merge` (given its number and result; it
  /// returns the offset the chunk ended at), and returns once every thread is done with this
  /// pipeline. When `merge` throws, the workers stop and the error is passed on.
  func run(
    workers: Int, merge: (Int, TokenizedChunk<Chunk>) throws(ExtractReadError) -> Int
  ) throws(ExtractReadError) {
    condition.lock()
    merging = true
    let more = max(0, workers - adopted)
    condition.unlock()
    for _ in 0..<more { start() }
    do {
      for n in starts.indices {
        let done = take(n)
        let end = try merge(n, done)
        advance(mergedChunks: n + 1, mergedOffset: end)
      }
    } catch {
      cancel()
      throw error
    }
    finished.wait()
    run = nil
  }

  /// Sends this pipeline's workers on to `next` once they find no chunk left here.
  func handOff(to next: any ChunkWork) {
    condition.lock()
    successor = next
    condition.unlock()
  }

  /// Stops the workers (those adopted before any merge included), waits for them, and
  /// passes none on: for a pipeline whose merge failed, or that will never be merged.
  func cancel() {
    condition.lock()
    stopped = true
    successor = nil
    condition.broadcast()
    condition.unlock()
    finished.wait()
    run = nil
  }

  func adoptWorker() -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard !stopped, !merging else { return false }
    adopted += 1
    finished.enter()
    return true
  }

  func leave() { finished.leave() }

  private func start() {
    finished.enter()
    let thread = Thread { [self] in
      var current: any ChunkWork = self
      while true {
        let next = current.work()
        current.leave()
        guard let next else { return }
        current = next
      }
    }
    thread.start()
  }

  func work() -> (any ChunkWork)? {
    while true {
      condition.lock()
      while !stopped, nextChunk < starts.count, nextChunk >= mergedChunks + window {
        condition.wait()
      }
      guard !stopped, nextChunk < starts.count else {
        let next = stopped ? nil : successor
        condition.unlock()
        guard let next, next.adoptWorker() else { return nil }
        return next
      }
      let n = nextChunk
      nextChunk += 1
      condition.unlock()
      guard let run else { return nil }
      let done = run(starts[n], ends[n])
      condition.lock()
      slots[n] = done
      condition.broadcast()
      condition.unlock()
    }
  }

  private func take(_ n: Int) -> TokenizedChunk<Chunk> {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let done = slots[n] {
        slots[n] = nil
        return done
      }
      condition.wait()
    }
  }

  /// Records the merge's progress, wakes waiting workers and hands back the pages it is past.
  private func advance(mergedChunks chunks: Int, mergedOffset merged: Int) {
    condition.lock()
    mergedChunks = chunks
    mergedOffset = merged
    let page = MappedFile.pageSize
    let end = merged == mapped.count ? merged : merged / page * page
    let range = releasedOffset..<max(releasedOffset, end)
    releasedOffset = range.upperBound
    condition.broadcast()
    condition.unlock()
    if !range.isEmpty { mapped.release(range) }
  }
}

/// What a worker thread does for a pipeline of a chain: read its chunks, then move on.
protocol ChunkWork: AnyObject, Sendable {
  /// Reads chunks until none is left; returns the next pipeline of the chain if the worker
  /// was taken on there (``adoptWorker()``), `nil` when it should end.
  func work() -> (any ChunkWork)?
  /// Takes on a worker from the previous pipeline of a chain; `false` once this pipeline's
  /// merge has started its own workers, or it was cancelled.
  func adoptWorker() -> Bool
  /// Says a worker is done with this pipeline.
  func leave()
}
