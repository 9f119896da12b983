import ArgumentParser

/// The exit statuses of `signpost run`, `changes` and `purge`, for a scheduler to act on.
enum RunExit {
  /// The pack does not compile.
  static let packDoesNotCompile = ExitCode(1)
  /// The input was rejected under `strict`, or could not be read at all.
  static let inputRejected = ExitCode(2)
  /// Some input file's rows do not reconcile (read = used + rejected); the run is stored.
  static let rowsDoNotReconcile = ExitCode(3)
  /// No such run (`changes`).
  static let noSuchRun = ExitCode(4)
  /// The store could not be opened, locked, read or written.
  static let storeError = ExitCode(5)
  /// The configuration file is missing or wrong.
  static let configError = ExitCode(6)
  /// The run is stored, but its output files could not be written.
  static let outputsNotWritten = ExitCode(7)

  /// The table printed in `--help`.
  static let help = """
    Exit status: 0 done; 1 the pack does not compile; 2 the input was rejected (strict) or \
    could not be read; 3 some file's rows do not reconcile (the run is stored); 4 no such \
    run; 5 store error (cannot open, lock, read or write it); 6 configuration error; 7 the \
    run is stored but its outputs could not be written.
    """
}
