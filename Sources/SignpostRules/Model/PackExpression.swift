import SignpostCEL
import SignpostSource

/// A CEL expression as written in a pack file, with the mapping back to its YAML position.
public struct PackExpression: Sendable {
  public var source: ExpressionSource
  public var text: String { source.text }
  /// Where the expression starts in its file.
  public var location: SourceLocation { source.locate(0) }
}

/// A named condition of a programme's eligibility or exclusions.
public struct Condition: Sendable {
  /// What an exclusion does to the person it applies to.
  public enum Outcome: String, Sendable, CaseIterable {
    /// Not offered the programme (the default).
    case excluded
    /// Not offered a place, but listed for the programme with ``Condition/note`` (PIED:
    /// "already open: inform the allocated worker"), never silently dropped.
    case listed
    /// Already on the programme: not recommended again, and holding one of its places.
    case holdsPlace = "holds_place"
  }

  public var id: String
  /// What the condition means, in words a triage meeting reads ("aged 10 to 17").
  public var description: String
  public var when: PackExpression
  /// For an exclusion: what happens to the person it applies to.
  public var outcome: Outcome = .excluded
  /// For an exclusion listed with the programme: what the meeting should do.
  public var note: String = ""

  public init(id: String, description: String, when: PackExpression) {
    self.id = id
    self.description = description
    self.when = when
  }
}
