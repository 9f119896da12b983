/// Where a run stands. Only a `complete` run is compared with, and only a run that reached
/// `stored` has results.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
  /// Started and not finished: still going, or killed (marked `abandoned` at the next start).
  case running
  /// Scored and stored in one transaction, with every result and referral; its output files
  /// are being written. It becomes `complete` once they are written and `latest` points at
  /// them, or `outputs_missing` if the process ended first.
  case stored
  /// Stored, its outputs written and `OUTPUT/latest` moved to them: seen.
  case complete
  /// Stored, but the process ended before its outputs were written (found by the next run).
  /// Never compared with: the next run compares with the last `complete` one, so what was
  /// new in this run is shown as new again.
  case outputsMissing = "outputs_missing"
  /// Stopped on an error (the pack, the input, the store, a signal); `error` says which.
  case failed
  /// Not stored because its input dropped too far since the last complete run (a source
  /// missing, or fewer people or rows than the threshold allows); `error` says what.
  /// `signpost run --accept-drop` runs it anyway.
  case held
  /// Found `running` when a later run started: the process that made it was killed.
  case abandoned
}

extension RunStatus {
  /// Whether a run in this status has results and referrals in the store.
  public var hasResults: Bool { self == .stored || self == .complete || self == .outputsMissing }
}
