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
  /// Which files to write: the council's tidy tables, or the partners' own extracts.
  public var shape: ExtractShape

  /// The default number of bad rows: one of each ``BadRowKind``.
  public static let defaultBadRows = BadRowKind.allCases.count

  /// Creates a configuration.
  public init(
    people: Int, seed: UInt64, asOf: PackDate, badRows: Int = defaultBadRows,
    shape: ExtractShape = .tidy
  ) {
    self.people = people
    self.seed = seed
    self.asOf = asOf
    self.badRows = badRows
    self.shape = shape
  }
}

/// The two shapes a schema's sources can be written in. Both come from one population: the
/// same seed gives the same people, values and events in either shape.
public enum ExtractShape: String, CaseIterable, Codable, Sendable {
  /// The tables keyed by the register's person ids. A source that also has partner tables
  /// is written in the record model's own values (ISO dates, enum values, `true`/`false`):
  /// the council's normalised copy. A source with one shape is written as it declares.
  case tidy
  /// The partners' own extracts: for each source with tables keyed by an id system (`upn`,
  /// `nhs_number`, ...), those tables, in the source's first spellings and codes, with a
  /// linkage file joining their ids to person ids; other sources' tables as in `tidy`. The
  /// linkage leaves some records unmatched and gives some persons two ids; every such fault
  /// is an extra record, so the people scored are the same as in the tidy shape.
  case partner
}
