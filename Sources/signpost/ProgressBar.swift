/// A progress bar over a run's phases, drawn on standard error when it is a terminal and
/// not at all in a pipe or under a scheduler.
struct ProgressBar: Sendable {
  let phases: [String]
  private let console: Console
  private let width = 30

  init(phases: [String], console: Console = .shared) {
    self.phases = phases
    self.console = console
  }

  /// Shows the bar at the start of `phase`.
  func start(_ phase: String) {
    guard console.isTerminal, let index = phases.firstIndex(of: phase) else { return }
    let done = index * width / max(1, phases.count)
    let bar = String(repeating: "#", count: done) + String(repeating: "-", count: width - done)
    console.showBar("[\(bar)] \(index + 1)/\(phases.count) \(phase)")
  }

  /// Removes the bar.
  func finish() {
    console.showBar(nil)
  }
}
