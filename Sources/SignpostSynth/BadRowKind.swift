/// The kinds of deliberately bad row the generator plants, each a mistake real extracts make.
public enum BadRowKind: String, CaseIterable, Codable, Sendable {
  /// A date that is not a real date (30 February) in the source's format.
  case malformedDate = "malformed_date"
  /// An enum value the schema does not declare (a typo).
  case unknownEnumValue = "unknown_enum_value"
  /// One cell more than the header.
  case wrongColumnCount = "wrong_column_count"
  /// A row naming a person id that is in no person table.
  case unknownPerson = "unknown_person"
  /// A second row for a person id already in the same person table.
  case duplicatePersonID = "duplicate_person_id"
  /// A word where a number belongs.
  case nonNumericNumber = "non_numeric_number"
}
