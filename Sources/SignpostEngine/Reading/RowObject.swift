import SignpostCEL

/// One row of a source table as `derive` expressions see it: the typed input columns.
struct RowObject: CELObject {
  let values: [CELValue]

  var typeName: String { "Row" }

  func field(at slot: Int) -> CELValue {
    slot < values.count ? values[slot] : .error(CELError("no such column"))
  }

  func field(named name: String) -> CELValue? { nil }
}
