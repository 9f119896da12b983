import ArgumentParser

/// Exit statuses of the responsible-use commands beyond those of ``RunExit``, for a pack
/// repository's CI or a scheduler to gate on.
enum MeasureExit {
  /// Some group is flagged for disproportionality (`fairness`), or the change moves people
  /// or raises a flag (`impact`).
  static let flagged = ExitCode(8)
}
