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
  public var id: String
  /// What the condition means, in words a triage meeting reads ("aged 10 to 17").
  public var description: String
  public var when: PackExpression
}
