extension Column {
  /// How each kind of column stores a value: the value itself, or the kind's missing marker
  /// when the value is missing or of another kind. ``append(_:)``, ``set(_:_:)`` and
  /// ``ColumnBuilder`` all store values through these.
  static func storedBool(_ value: FieldValue) -> UInt8 {
    if case .bool(let b) = value { b ? 1 : 0 } else { 2 }
  }

  static func storedInt(_ value: FieldValue) -> Int64 {
    if case .int(let i) = value { i } else { missingInt }
  }

  /// The number, and whether there is one (a missing number is stored as 0, not present).
  static func storedDouble(_ value: FieldValue) -> (value: Double, present: Bool) {
    if case .double(let d) = value { (d, true) } else { (0, false) }
  }

  static func storedDate(_ value: FieldValue) -> Int32 {
    if case .date(let d) = value { d } else { missingDate }
  }

  static func storedCode(_ value: FieldValue) -> UInt16 {
    if case .code(let c) = value { c } else { missingCode }
  }

  static func storedString(_ value: FieldValue) -> String? {
    if case .string(let s) = value { s } else { nil }
  }
}
