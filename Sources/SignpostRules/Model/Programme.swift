import SignpostSource

/// A programme a person can be referred to, with who is eligible, who is excluded, how
/// places are shared out, and how to refer.
public struct Programme: Sendable {
  public var id: String
  public var name: String
  public var description: String
  /// All must hold.
  public var eligibility: [Condition]
  /// Any one rules a person out ("already open to a service").
  public var exclusions: [Condition]
  /// The ranking value, higher first; by default the score.
  public var priority: PackExpression?
  /// Places per run; `nil` for no limit.
  public var capacity: Int?
  /// What happens to people tied on priority and score at the last place.
  public var ties: Ties = .panel
  /// How a referral is made.
  public var route: String
  public var file: SourceFile
  public var location: SourceLocation

  /// What happens when people tie at the last place of a programme's capacity. Never an
  /// order by person id, which would decide by an arbitrary number.
  public enum Ties: String, Sendable, CaseIterable {
    /// Every tied person is listed for the panel to decide, with the number of places left.
    case panel
    /// Every tied person is recommended, going over capacity.
    case recommendAll = "recommend_all"
    /// Every tied person is waitlisted, leaving the places empty until the panel fills them.
    case waitlistAll = "waitlist_all"
  }
}
