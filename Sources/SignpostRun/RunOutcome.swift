/// How a nightly run ended, for a scheduler to act on: the command line maps each to an exit
/// status (``RunExit`` in the `signpost` executable), the service shows it.
public enum RunOutcome: Sendable, Equatable {
  /// The run is complete; `reconciled` is false if some input file's rows do not reconcile
  /// (read = used + rejected).
  case complete(reconciled: Bool)
  /// The pack does not compile; the run is failed.
  case packDoesNotCompile
  /// The input is missing or empty, or a row was rejected under `strict`; the run is failed.
  case inputRejected
  /// The input dropped beyond the threshold since the last complete run; the run is held.
  case held
  /// The store could not be opened, locked, read or written.
  case storeError
  /// The run is stored, but its output files could not be written (`outputs_missing`).
  case outputsNotWritten
  /// SIGTERM or SIGINT (`signal`) stopped the run before it was stored; the run is failed.
  case interrupted(signal: Int32)
}
