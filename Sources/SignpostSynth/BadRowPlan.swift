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
}
