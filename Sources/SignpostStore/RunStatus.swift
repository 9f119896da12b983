/// Where a run stands. Only a `complete` run has results, and only complete runs are compared.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
  /// Started and not finished: still going, or killed (marked `abandoned` at the next start).
  case running
  /// Scored and stored in one transaction, with every result and referral.
  case complete
  /// Stopped on an error (the pack, the input or the store); `error` says which.
  case failed
  /// Found `running` when a later run started: the process that made it was killed.
  case abandoned
}
