import Foundation
import Synchronization

/// Standard error shared by log lines and the progress bar: a log line first clears the bar,
/// then the bar is drawn again below it, so the two never garble each other.
final class Console: Sendable {
  /// The process's console.
  static let shared = Console()

  /// Whether standard error is a terminal: the progress bar is drawn only then.
  let isTerminal = isatty(STDERR_FILENO) == 1
  private let bar = Mutex<String?>(nil)

  /// Writes one log line (ending in a newline).
  func log(_ line: String) {
    bar.withLock { bar in
      if bar != nil { FileHandleOutput.standardError("\r\u{1B}[2K") }
      FileHandleOutput.standardError(line)
      if let bar { FileHandleOutput.standardError(bar) }
    }
  }

  /// Shows `text` as the progress bar, replacing the one shown; `nil` removes it.
  func showBar(_ text: String?) {
    guard isTerminal else { return }
    bar.withLock { bar in
      FileHandleOutput.standardError("\r\u{1B}[2K" + (text ?? ""))
      bar = text
    }
  }
}
