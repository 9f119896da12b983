import Foundation

/// Byte buffers handed back once written out, for the next chunk of lines: a file's chunks
/// reuse a few buffers instead of each taking fresh memory, whose pages the kernel would
/// fault in and clear one by one (a tenth of the lines' CPU at a million people).
///
/// It is `@unchecked Sendable` because `spare` is read and written under `lock` only.
final class SpareBuffers: @unchecked Sendable {
  private let lock = NSLock()
  private var spare: [[UInt8]] = []

  /// A buffer handed back, or an empty one.
  func take() -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return spare.popLast() ?? []
  }

  /// Hands `buffer` back for reuse.
  func give(_ buffer: [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    spare.append(buffer)
  }
}
