import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
  private let setHandler = Glibc.signal
#elseif canImport(Darwin)
  import Darwin
  private let setHandler = Darwin.signal
#endif

/// SIGTERM and SIGINT during `signpost run`: the signal is noted, and the run (``NightlyRun``) stops at its
/// next safe point. Before the run is stored it rolls back (the store transaction, if open,
/// is abandoned; the run is recorded `failed`) and exits 143 (SIGTERM) or 130 (SIGINT); once
/// stored, it finishes writing its outputs, which takes seconds, so that what is stored is
/// also seen.
enum Interruption {
  /// The signal received, or 0.
  private static let signo = Atomic<Int32>(0)

  /// Handles SIGTERM and SIGINT from now on by noting them.
  static func install() {
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for signo in [SIGTERM, SIGINT] {
      _ = setHandler(signo) { signo in Interruption.signo.store(signo, ordering: .relaxed) }
      sigaddset(&unblocked, signo)
    }
    // A parent may start the process with signals blocked (Foundation's Process does):
    // unblocked here, or a stop request would wait until the run ended by itself.
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
  }

  /// The signal received, if any.
  static var received: Int32? {
    let value = signo.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }
}
