import Foundation
import SignpostSource

/// Runs one file's chunks through three kinds of thread at once: workers tokenize and parse
/// chunks in file order (at most `window` ahead of the merge), the calling thread merges each
/// as soon as it is ready, and a hasher computes the file's SHA-256 over its bytes a piece at
/// a time, kept within `window` chunks' bytes of the merge. A page of the mapping is handed
/// back once both the merge and the hash are past it, so only the bytes in flight are
/// resident, and the serial merge overlaps the parallel work instead of idling the cores.
final class ChunkPipeline<Chunk: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let mapped: MappedFile
  private let starts: [Int]
  private let ends: [Int]
  private let window: Int
  /// Bytes the hasher may run ahead of the merge.
  private let hashWindow: Int
  /// Reads one chunk; let go once every thread is done, since the threads may outlive the
  /// call that lent it.
  private var run: ((Int, Int) -> TokenizedChunk<Chunk>)?
  private var slots: [TokenizedChunk<Chunk>?]
  private var nextChunk = 0
  private var mergedChunks = 0
  private var mergedOffset: Int
  private var hashedOffset = 0
  /// Pages before this offset are handed back.
  private var releasedOffset = 0
  private var stopped = false
  private var digest = SHA256()
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
    let largest = zip(starts, ends).map { $1 - $0 }.max() ?? 0
    hashWindow = max(1 << 20, largest * window)
  }

  /// Starts `workers` workers and the hasher, merges every chunk in file order with `merge`
  /// (given its number and result; it returns the offset the chunk ended at),
  /// and returns the file's SHA-256 once every thread is done. When `merge` throws, the
  /// workers stop and the error is passed on.
  func run(
    workers: Int, merge: (Int, TokenizedChunk<Chunk>) throws(ExtractReadError) -> Int
  ) throws(ExtractReadError) -> String {
    for _ in 0..<workers { start { $0.work() } }
    start { $0.hash() }
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
    return digest.hexDigest()
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

  private func hash() {
    guard let base = mapped.base else { return }
    let piece = 1 << 20
    var position = 0
    while position < mapped.count {
      condition.lock()
      while !stopped, position >= mergedOffset + hashWindow { condition.wait() }
      let stop = stopped
      condition.unlock()
      if stop { return }
      let end = min(mapped.count, position + piece)
      digest.update(UnsafeBufferPointer(start: base + position, count: end - position))
      position = end
      advance(hashedOffset: end)
    }
  }

  private func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  /// Records progress, wakes waiting threads and hands back the pages both are past.
  private func advance(
    mergedChunks chunks: Int? = nil, mergedOffset merged: Int? = nil,
    hashedOffset hashed: Int? = nil
  ) {
    condition.lock()
    if let chunks { mergedChunks = chunks }
    if let merged { mergedOffset = merged }
    if let hashed { hashedOffset = hashed }
    let page = MappedFile.pageSize
    let both = min(mergedOffset, hashedOffset)
    let end = both == mapped.count ? both : both / page * page
    let range = releasedOffset..<max(releasedOffset, end)
    releasedOffset = range.upperBound
    condition.broadcast()
    condition.unlock()
    if !range.isEmpty { mapped.release(range) }
  }
}
