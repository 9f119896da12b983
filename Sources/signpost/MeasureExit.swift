import ArgumentParser

/// Exit statuses of the responsible-use commands beyond those of ``RunExit``, for a pack
/// repository's CI or a scheduler to gate on.
enum MeasureExit {
  /// Some group is flagged for disproportionality (`fairness`), or the new rules flag a
  /// group the baseline did not (`impact`).
  static let flagged = ExitCode(8)
  /// The new rules move people between bands or programmes, and flag no new group (`impact`).
  static let moved = ExitCode(9)
}
