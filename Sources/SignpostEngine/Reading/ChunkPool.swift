import Foundation

/// Chunks a merge is done with, kept for the workers to fill again: a chunk's arrays keep
/// their room, so the next chunk writes into pages already mapped (no page faults, nothing
/// allocated or freed per chunk).
final class ChunkPool<Chunk: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var spares: [Chunk] = []

  /// A chunk to fill again, if one is spare.
  func take() -> Chunk? {
    lock.withLock { spares.popLast() }
  }

  /// Keeps a merged chunk for reuse.
  func put(_ chunk: Chunk) {
    lock.withLock { spares.append(chunk) }
  }
}
