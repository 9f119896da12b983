import SignpostSource
import SignpostYAML

/// A case from a pack's `tests/` folder: a person (and linked persons) in, expected results out.
public struct PackTestCase: Sendable {
  public var name: String
  public var asOf: PackDate
  /// The person as a YAML mapping of schema field names and event lists.
  public var person: YAMLNode
  /// Linked persons with their relation.
  public var links: [(relation: String, person: YAMLNode)]
  /// The sources supplied; `nil` means all of them.
  public var sources: [String]?
  public var expectation: Expectation
  public var file: SourceFile
  public var location: SourceLocation

  /// What the case expects; each part is optional.
  public struct Expectation: Sendable {
    /// Exactly these indicators fire.
    public var fired: [String]?
    /// These fire (others may too).
    public var includes: [String]
    /// These do not fire.
    public var excludes: [String]
    /// Exactly these are not evaluated.
    public var notEvaluated: [String]?
    public var score: Int?
    public var band: String?
    /// Whether the person is in the scored population (the scoring scope).
    public var scored: Bool?
    /// Programme id → `recommended`, `waitlisted`, `tied`, `listed`, `not_eligible`,
    /// `excluded`, `not_evaluated`.
    public var programmes: [String: String]
  }
}
