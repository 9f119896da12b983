import SignpostSource

/// A case from a pack's `tests/` folder: a person (and linked persons) in, expected results out.
public struct PackTestCase: Sendable {
  public var name: String
  public var asOf: PackDate
  /// The person as written: schema field names and event lists to values; `nil` when the case
  /// gives an ``extract`` instead.
  public var person: TestValue?
  /// Linked persons with their relation.
  public var links: [(relation: String, person: TestValue)]
  /// Other persons of the run, scored and ranked with the subject but not linked to it: each
  /// template `count` times, with `{n}` in its values standing for 1, 2, … `count`.
  public var others: [(count: Int, template: TestValue)]
  /// Raw source files as the partners write them, by path in the extract folder: a block of
  /// text (the file verbatim) or a list of rows (column → cell) written as CSV. The case's
  /// population is what the pack's readers make of them.
  public var extract: [(path: String, content: TestValue)]
  /// The id of the person the expectations are about, in an ``extract`` case.
  public var subject: String?
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
    /// Programme id → one of ``ProgrammeStatus/expectable``.
    public var programmes: [String: ProgrammeStatus]
    /// How many rows of an ``PackTestCase/extract`` the readers reject; when `nil`, any
    /// rejected row is an error of the case.
    public var rejected: Int?
  }
}
