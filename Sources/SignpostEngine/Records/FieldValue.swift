/// One typed value as readers produce it, before it goes into a column: no boxing for the
/// common kinds.
public enum FieldValue: Sendable, Hashable {
  case bool(Bool)
  case int(Int64)
  case double(Double)
  /// A calendar date, as days since 1970-01-01.
  case date(Int32)
  /// An enum value, by its position in the field's declared values.
  case code(UInt16)
  case string(String)
  /// No value: indicators that need it are not evaluated.
  case missing
}
