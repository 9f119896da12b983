import SignpostEngine
import SignpostStore

/// The latest run page's content: headline counts, what changed, the programmes and the
/// decisions recorded. Aggregates only, so every role sees it.
public struct RunOverview: Sendable {
  public struct Count: Sendable {
    public var title: String
    public var count: Int
  }

  public struct ProgrammeLine: Sendable {
    public var id: String
    public var name: String
    public var route: String
    /// Recommended and waitlisted.
    public var referred: Int
    /// Whether the user may open the queue (a link) or only see the count.
    public var canOpen: Bool
  }

  public var runID: Int64
  public var asOf: String
  public var finishedAt: String
  public var peopleScored: Int
  public var rowsRejected: Int
  public var recommended: Int
  public var waitlisted: Int
  /// The run compared with, or why there is none.
  public var comparedWith: String
  public var changes: [Count]
  public var newRecommendations: Int
  public var programmes: [ProgrammeLine]
  public var decisions: [Count]
  /// The extracts changed since the run: explanations describe them as they are now.
  public var inputsChanged: Bool

  init(
    run: StoredRun, changes: RunChanges, programmes: [ProgrammeLine], decisions: [Count],
    inputsChanged: Bool
  ) {
    runID = run.id
    asOf = run.asOf ?? ""
    finishedAt = run.finishedAt ?? ""
    peopleScored = run.peopleScored ?? 0
    rowsRejected = run.rowsRejected ?? 0
    recommended = run.recommended ?? 0
    waitlisted = run.waitlisted ?? 0
    comparedWith = changes.previous?.label ?? changes.note ?? "nothing to compare with"
    self.changes = RunChanges.Kind.allCases.map { kind in
      Count(title: kind.title, count: changes.people(kind).count)
    }
    newRecommendations = changes.recommendations.count
    self.programmes = programmes
    self.decisions = decisions
    self.inputsChanged = inputsChanged
  }
}
