import ArgumentParser
import SignpostRun

/// The exit statuses of every `signpost` command, for a scheduler or a pack repository's CI to
/// act on. Each number means one thing; ``MeasureExit`` adds those of the responsible-use
/// commands.
enum RunExit {
  /// The pack does not compile, or one of its tests fails (`test`, `serve`).
  static let packDoesNotCompile = ExitCode(1)
  /// The input was rejected under `strict`, or is missing or empty.
  static let inputRejected = ExitCode(2)
  /// Some input file's rows do not reconcile (read = used + rejected); the run is complete.
  static let rowsDoNotReconcile = ExitCode(3)
  /// No such run (`changes`), person (`explain`) or outcome (`backtest`).
  static let noSuchRun = ExitCode(4)
  /// The store could not be opened, locked, read or written.
  static let storeError = ExitCode(5)
  /// The configuration file is missing or wrong.
  static let configError = ExitCode(6)
  /// Output files could not be written; for `run`, the run is stored (`outputs_missing`).
  static let outputsNotWritten = ExitCode(7)
  /// The run is held: its input dropped beyond the threshold since the last complete run.
  static let held = ExitCode(8)

  /// SIGINT or SIGTERM stopped the run before it was stored: 128 + the signal number.
  static func interrupted(_ signo: Int32) -> ExitCode { ExitCode(128 + signo) }

  /// The one place a nightly run's outcome becomes an exit status.
  static func code(for outcome: RunOutcome) -> ExitCode {
    switch outcome {
    case .complete(let reconciled): reconciled ? .success : rowsDoNotReconcile
    case .packDoesNotCompile: packDoesNotCompile
    case .inputRejected: inputRejected
    case .held: held
    case .storeError: storeError
    case .outputsNotWritten: outputsNotWritten
    case .interrupted(let signal): interrupted(signal)
    }
  }

  /// Throws the outcome's exit status unless it is 0.
  static func check(_ outcome: RunOutcome) throws(ExitCode) {
    let code = code(for: outcome)
    if code != .success { throw code }
  }

  /// The table printed in `--help`.
  static let help = """
    Exit status: 0 done (complete); 1 the pack does not compile; 2 the input is missing or \
    empty, or was rejected (strict); 3 some file's rows do not reconcile (the run is \
    complete); 4 no such run; 5 store error (cannot open, lock, read or write it); 6 \
    configuration error; 7 the run is stored but its outputs could not be written; 8 the \
    run is held: its input dropped beyond the threshold (--accept-drop runs it anyway); 130 \
    or 143 stopped by SIGINT or SIGTERM before it was stored (the run is failed).
    """
}
