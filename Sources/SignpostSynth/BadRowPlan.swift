/// One bad row to write: where it goes, its cells as text, and what is wrong with it.
struct BadRowPlan: Sendable {
  /// The table, by position in the writer's layouts.
  var table: Int
  /// How many good rows come before it.
  var insertAfter: Int
  var kind: BadRowKind
  var texts: [String]
  var column: String?
  var value: String?
  var problem: String
  /// For a duplicate id: the good row whose id it repeats.
  var duplicateOf: Int?
  /// A person in the register who has a row only here, a bad one: a table keyed by a
  /// partner's ids needs them in the linkage file, so that the row has only its planted fault.
  var absentPerson: Int?
  /// The line it is written on (the header is line 1), once all rows are placed.
  var line = 0
  /// For an extra record of a partner shape that the linkage leaves unmatched: how, its id
  /// index, and the persons the linkage names for it. Such a row is well formed (``kind`` is
  /// not used) and is listed under the manifest's linkage, not its bad rows.
  var linkageFault: LinkageFault?
}

/// An extra partner record that the linkage file cannot join to one person.
struct LinkageFault: Sendable {
  var kind: UnmatchedKind
  /// The record's id index in its system (beyond every person's).
  var idIndex: Int
  /// The persons the linkage file names for it: none, one below the minimum score, or two.
  var candidates: [Int]
}

/// Why a partner record stays unmatched.
public enum UnmatchedKind: String, CaseIterable, Codable, Sendable {
  /// Its id is not in the linkage file (someone who does not live in the borough).
  case noLink = "no_link"
  /// Its only link scores below the linkage's minimum score.
  case belowMinimum = "below_minimum_score"
  /// Its id is linked to two different persons.
  case ambiguous
}
