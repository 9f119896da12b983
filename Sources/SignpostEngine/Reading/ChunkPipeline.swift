import Foundation
import SignpostSource

/// Runs one file's chunks through two kinds of thread at once: workers tokenize and parse
/// chunks in file order (at most `window` ahead of the merge), and the calling thread merges
/// each as soon as it is ready. A page of the mapping is handed back once the merge is past
/// it, so only the bytes in flight are resident, and the serial merge overlaps the parallel
/// work instead of idling the cores. (The file's SHA-256 is ``FileDigests``' work.)
final class ChunkPipeline<Chunk: Sendable>: @unchecked Sendable {
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

  /// Starts `workers` workers, merges every chunk in file order with `merge` (given its
  /// number and result; it returns the offset the chunk ended at), and returns once every
  /// thread is done. When `merge` throws, the workers stop and the error is passed on.
  func run(
    workers: Int, merge: (Int, TokenizedChunk<Chunk>) throws(ExtractReadError) -> Int
  ) throws(ExtractReadError) {
    for _ in 0..<workers { start { $0.work() } }
    do {
      for n in starts.indices {
        let done = take(n)
        let end = try merge(n, done)
        advance(mergedChunks: n + 1, mergedOffset: end)
      }
    } catch {
      stop()
      finished.wait()
      run = nil
      throw error
    }
    finished.wait()
    run = nil
  }

  private func start(_ body: @escaping @Sendable (ChunkPipeline) -> Void) {
    finished.enter()
    let thread = Thread { [self] in
      body(self)
      finished.leave()
    }
    thread.start()
  }

  private func work() {
    while true {
      condition.lock()
      while !stopped, nextChunk < starts.count, nextChunk >= mergedChunks + window {
        condition.wait()
      }
      guard !stopped, nextChunk < starts.count else {
        condition.unlock()
        return
      }
      let n = nextChunk
      nextChunk += 1
      condition.unlock()
      guard let run else { return }
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

  private func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
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
