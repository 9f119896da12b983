/// What the caller of a nightly run sees and steers while it runs: the stage under way, the
/// named points it passes (the crash tests pause there), and whether a signal asks it to stop.
public struct RunObserver: Sendable {
  /// Called as each stage starts.
  public var stageStarted: @Sendable (RunStage) -> Void
  /// Called at each named point: `started`, `scored`, `store.begin`, `store.results`,
  /// `store.commit`, `stored`, `outputs.FILE` (half of FILE written), `outputs.written`.
  public var reached: @Sendable (String) -> Void
  /// The signal (SIGTERM, SIGINT) that asks the run to stop at its next safe point, if any.
  public var stopRequested: @Sendable () -> Int32?

  public init(
    stageStarted: @escaping @Sendable (RunStage) -> Void = { _ in },
    reached: @escaping @Sendable (String) -> Void = { _ in },
    stopRequested: @escaping @Sendable () -> Int32? = { nil }
  ) {
    self.stageStarted = stageStarted
    self.reached = reached
    self.stopRequested = stopRequested
  }

  /// Sees nothing and never stops a run.
  public static let silent = RunObserver()
}
