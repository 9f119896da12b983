import SignpostEngine

/// The decisions that stand on the people in a run's changes: what the triage meeting
/// already decided about someone who is now new to a band, escalated or newly recommended.
/// Decisions carry over from night to night until a newer one replaces them.
public struct StandingDecisions: Sendable {
  /// The latest decision per person and programme, for people in the changes only, by
  /// person id then programme.
  public var decisions: [Decision]

  /// The decisions among `standing` on people the changes list.
  public init(_ standing: [Decision], for changes: RunChanges) {
    let listed = Set(changes.people.map(\.personID) + changes.recommendations.map(\.personID))
    decisions = standing.filter { listed.contains($0.personID) }
  }

  /// The section `signpost changes` prints after the changes: one line per decision.
  public var text: String {
    var lines = ["decisions standing on these people: \(decisions.count)"]
    for decision in decisions {
      lines.append(
        "  \(decision.personID)  \(decision.programme)  \(decision.kind.rawValue) (\(decision.reason.rawValue))"
          + "  by \(decision.user) at \(decision.at), run \(decision.runID)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
