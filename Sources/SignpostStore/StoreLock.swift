#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock (`flock`) on `STORE.lock`, held by a run from start to end so
/// that two runs never write one store at once. The kernel releases it when the process
/// ends, however it ends, so a killed run never leaves the store locked.
public final class StoreLock {
  /// The lock file's path.
  public let path: String
  private let descriptor: Int32

  /// Takes the lock without waiting; throws ``StoreError/Kind/locked`` if another process
  /// holds it.
  public init(storePath: String) throws(StoreError) {
    path = storePath + ".lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw StoreError(.open, "cannot open the lock file \(path): errno \(errno)")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      close(fd)
      throw StoreError(.locked, "another run holds \(path); try again when it has finished")
    }
    descriptor = fd
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
