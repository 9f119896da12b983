import Foundation

/// Chunks of output built on every core and handed over in order: worker threads build
/// chunk after chunk while one consumer takes them in sequence, and no worker gets more than
/// `window` chunks ahead of the consumer, so memory stays bounded whatever the total.
///
/// It is `@unchecked Sendable` because every field is read and written under `condition`.
final class OrderedChunks<Chunk>: @unchecked Sendable {
  private let condition = NSCondition()
  private let count: Int
  private let window: Int
  private var built: [Int: Chunk] = [:]
  private var nextToBuild = 0
  private var nextToTake = 0
  private var stopped = false
  private var workersRunning = 0

  /// Starts `workers` threads building chunks `0..<count` with `build`.
  init(count: Int, workers: Int, window: Int, build: @escaping @Sendable (Int) -> Chunk) {
    self.count = count
    self.window = max(window, workers)
    workersRunning = count > 0 ? workers : 0
    for _ in 0..<workersRunning {
      Thread.detachNewThread { [self] in
        while let chunk = claim() { deliver(chunk, build(chunk)) }
        condition.lock()
        workersRunning -= 1
        condition.broadcast()
        condition.unlock()
      }
    }
  }

  /// The next chunk in order, once built; each chunk is taken once, from 0 up.
  func take() -> Chunk {
    condition.lock()
    defer { condition.unlock() }
    precondition(nextToTake < count, "every chunk was taken")
    while true {
      if let chunk = built.removeValue(forKey: nextToTake) {
        nextToTake += 1
        condition.broadcast()
        return chunk
      }
      condition.wait()
    }
  }

  /// Stops the workers after the chunks they are building and waits for them: called once
  /// the consumer is done, whether it took every chunk or gave up.
  func finish() {
    condition.lock()
    stopped = true
    condition.broadcast()
    while workersRunning > 0 { condition.wait() }
    built = [:]
    condition.unlock()
  }

  private func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !stopped && nextToBuild < count && nextToBuild >= nextToTake + window {
      condition.wait()
    }
    guard !stopped && nextToBuild < count else { return nil }
    nextToBuild += 1
    return nextToBuild - 1
  }

  private func deliver(_ chunk: Int, _ bytes: Chunk) {
    condition.lock()
    built[chunk] = bytes
    condition.broadcast()
    condition.unlock()
  }
}
