import Foundation
import SignpostSource

#if canImport(Glibc)
  import Glibc
#endif

/// The SHA-256 of each input file, for the run summary, computed off the read's critical
/// path. A background thread of the lowest scheduling class (`SCHED_IDLE` on Linux) hashes
/// the files in the order they will be read, so it runs only when a core would otherwise
/// idle (while one thread merges a chunk, between files, while a scoring run evaluates) and
/// never slows the readers or the evaluation. When the digests are needed (after a scoring
/// run's evaluation, see ``HashingExtractRead``), ``hexDigests()`` lifts the thread back to
/// the normal class and hashes what is left on the calling thread beside it, a file each.
///
/// Files are read with `pread` a piece at a time into a buffer of each thread's own, not
/// through the readers' mappings, so the readers hand their pages back as soon as they are
/// merged and hashing adds nothing to the peak memory.
final class FileDigests: @unchecked Sendable {
  private struct Entry {
    var path: String
    var hex: String?
    /// A thread is hashing the file.
    var busy = false
    /// Why the file could not be read (an `errno`).
    var failure: Int32?
  }

  private let condition = NSCondition()
  private let directory: String
  private var entries: [Entry]
  private var stopped = false
  /// The background thread, while it runs in the idle class.
  private var backgroundThread: pthread_t?
  private var lifted = false

  /// Bytes read and hashed at a time.
  private static let piece = 1 << 20

  /// Starts hashing `paths` (relative to `directory`, in the order they will be read).
  init(directory: String, paths: [String]) {
    self.directory = directory
    var seen = Set<String>()
    entries = paths.filter { seen.insert($0).inserted }.map { Entry(path: $0) }
    let thread = Thread { [self] in
      lowerOwnClass()
      while let (n, path) = claim() { hash(n, path) }
      condition.lock()
      backgroundThread = nil
      condition.unlock()
    }
    thread.start()
  }

  /// Stops the background thread after its current piece (when a read fails part way).
  func stop() {
    condition.lock()
    stopped = true
    condition.unlock()
    liftBackground()
  }

  /// Every file's digest by path, once each is hashed; the calling thread hashes files the
  /// background thread has not begun. Throws for a file that could not be read.
  func hexDigests() throws(ExtractReadError) -> [String: String] {
    liftBackground()
    while let (n, path) = claim() { hash(n, path) }
    condition.lock()
    while entries.contains(where: \.busy) { condition.wait() }
    let done = entries
    condition.unlock()
    var digests: [String: String] = [:]
    for entry in done {
      if let failure = entry.failure {
        throw ExtractReadError(
          .unreadableFile(path: entry.path, reason: String(cString: strerror(failure))))
      }
      digests[entry.path] = entry.hex
    }
    return digests
  }

  /// The first file no thread has begun, marked busy, and its path.
  private func claim() -> (Int, String)? {
    condition.lock()
    defer { condition.unlock() }
    guard !stopped,
      let next = entries.firstIndex(where: { $0.hex == nil && $0.failure == nil && !$0.busy })
    else { return nil }
    entries[next].busy = true
    return (next, directory + "/" + entries[next].path)
  }

  /// Hashes entry `n`'s file, at `path`.
  private func hash(_ n: Int, _ path: String) {
    var sha = SHA256()
    var failure: Int32?
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      failure = errno
    } else {
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.piece, alignment: 4096)
      var offset: off_t = 0
      while true {
        let count = pread(descriptor, buffer, Self.piece, offset)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if count == 0 { break }
        sha.update(
          UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: count))
        offset += off_t(count)
        if isStopped { break }
      }
      buffer.deallocate()
      close(descriptor)
    }
    condition.lock()
    entries[n].busy = false
    if let failure { entries[n].failure = failure } else { entries[n].hex = sha.hexDigest() }
    condition.broadcast()
    condition.unlock()
  }

  private var isStopped: Bool {
    condition.lock()
    defer { condition.unlock() }
    return stopped
  }

  /// Puts the calling (background) thread in the idle class, and notes it so that
  /// ``liftBackground()`` can take it out again.
  private func lowerOwnClass() {
    #if os(Linux)
      condition.lock()
      defer { condition.unlock() }
      guard !lifted else { return }
      var parameters = sched_param(sched_priority: 0)
      guard pthread_setschedparam(pthread_self(), Self.idleClass, &parameters) == 0 else { return }
      backgroundThread = pthread_self()
    #endif
  }

  /// Linux's `SCHED_IDLE` (`<linux/sched.h>`), which Glibc declares only for `_GNU_SOURCE`.
  private static let idleClass: Int32 = 5

  /// Returns the background thread to the normal class, so that what is left is hashed at
  /// the readers' priority (an unprivileged thread may leave `SCHED_IDLE` for `SCHED_OTHER`).
  private func liftBackground() {
    condition.lock()
    defer { condition.unlock() }
    lifted = true
    #if os(Linux)
      if let thread = backgroundThread {
        var parameters = sched_param(sched_priority: 0)
        pthread_setschedparam(thread, Int32(SCHED_OTHER), &parameters)
        backgroundThread = nil
      }
    #endif
  }
}
