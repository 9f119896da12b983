import SignpostRules

/// What to generate: how many young people, from which seed, as of which date, and how many
/// deliberately bad rows to plant for readers to reject.
public struct SynthConfiguration: Sendable, Hashable {
  /// The number of young people aged 0–25 at the as-of date. Their parents and carers are
  /// generated on top.
  public var people: Int
  /// The seed; the same seed, size, date and schema always give the same bytes.
  public var seed: UInt64
  /// The date the extracts are taken; ages and event dates are relative to it.
  public var asOf: PackDate
  /// How many malformed rows to add across the files (0 for a clean extract).
  public var badRows: Int

  /// The default number of bad rows: one of each ``BadRowKind``.
  public static let defaultBadRows = BadRowKind.allCases.count

  /// Creates a configuration.
  public init(people: Int, seed: UInt64, asOf: PackDate, badRows: Int = defaultBadRows) {
    self.people = people
    self.seed = seed
    self.asOf = asOf
    self.badRows = badRows
  }
}
