import SignpostRules

/// One column of an output table: its header, what fills it, and its declared type.
struct TableColumn: Sendable {
  enum Role: Sendable {
    /// The person id.
    case key
    /// An event's date.
    case date
    /// A person or event field, by its position in the table's fields.
    case field(Int)
    /// The other person of a link.
    case linkedPerson
    /// The relation of a link.
    case relation
  }

  var name: String
  var role: Role
  /// The declared type of the column's values; links' relations count as an enum of the
  /// schema's relations; ids have none.
  var type: FieldType?
  /// Enum value → the source's code, when the source declares codes for the field.
  var codes: [String: String]?
  /// Whether the reader keeps a row with a value outside the code list (`unknown_codes:
  /// unknown`), so that such a value is a warning, not a bad row.
  var keepsUnknownCodes = false
}
