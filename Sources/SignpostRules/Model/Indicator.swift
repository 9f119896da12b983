import SignpostSource

/// A named, described, weighted condition on a person, in one domain.
public struct Indicator: Sendable {
  public var id: String
  public var domain: String
  /// A sentence with `{name}` placeholders for the evidence values.
  public var description: String
  /// Points added to the domain when the indicator fires; negative for protective factors.
  public var points: Int
  /// The condition; it may use the evidence values by name.
  public var when: PackExpression
  /// Named values shown in the explanation, in declaration order.
  public var evidence: [(name: String, expression: PackExpression)]
  /// Where the threshold comes from (a DfE definition, the strategy).
  public var basis: String
  public var file: SourceFile
  public var location: SourceLocation
  /// Where `domain` and `description` are written, for diagnostics about them.
  public var domainLocation: SourceLocation
  public var descriptionLocation: SourceLocation
  /// Where the points are written.
  public var pointsLocation: SourceLocation? = nil

  /// The `{name}` placeholders of the description, in order.
  public var placeholders: [String] {
    var names: [String] = []
    var rest = Substring(description)
    while let open = rest.firstIndex(of: "{") {
      rest = rest[rest.index(after: open)...]
      guard let close = rest.firstIndex(of: "}") else { break }
      names.append(String(rest[..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }
}
