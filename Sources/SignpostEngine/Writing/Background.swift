import Foundation

/// Work done on a thread of its own while the caller goes on: ``wait()`` waits for it and
/// gives its value, or throws what it threw.
///
/// It is `@unchecked Sendable` because `outcome` is read and written under `condition` only.
final class Background<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var outcome: Result<Value, any Error>?

  /// Starts `work` on a new thread.
  init(_ work: @escaping @Sendable () throws -> Value) {
    Thread.detachNewThread { [self] in
      let result = Result { try work() }
      condition.lock()
      outcome = result
      condition.broadcast()
      condition.unlock()
    }
  }

  /// Waits until the work is done, then gives its value or throws its error; may be called
  /// more than once.
  func wait() throws -> Value {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let outcome { return try outcome.get() }
      condition.wait()
    }
  }
}
