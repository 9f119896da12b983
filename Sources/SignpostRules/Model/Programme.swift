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
  /// How a referral is made.
  public var route: String
  public var file: SourceFile
  public var location: SourceLocation
}
