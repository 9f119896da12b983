import SignpostRules
import Testing

@testable import SignpostEngine

/// A column built by a `ColumnBuilder` holds what `Column.append` would have stored, value
/// for value and missing for missing, for every field type, and keeps the template's
/// missing attribute and code values.
@Test(arguments: [
  (FieldType.bool, [FieldValue.bool(true), .missing, .bool(false)]),
  (.int, [.int(-5), .missing, .int(250)]),
  (.double, [.double(0), .missing, .double(12.5)]),
  (.date, [.date(-1), .missing, .date(20_000)]),
  (.enumeration(["female", "male"]), [.code(1), .missing, .code(0)]),
  (.string, [.string("Winstanley"), .missing, .string("Hindley")]),
])
func columnBuilderStoresWhatColumnAppendStores(type: FieldType, values: [FieldValue]) {
  let template = Column(type: type, missingAttribute: "person.field")
  var builder = ColumnBuilder(template, capacity: 2)
  var appended = template
  for value in values + values {
    builder.append(value)
    appended.append(value)
  }
  let built = builder.column
  #expect(built.count == appended.count)
  #expect(built.missingAttribute == "person.field")
  #expect((0..<built.count).map(built.fieldValue) == (0..<appended.count).map(appended.fieldValue))
  #expect((0..<built.count).map(built.isPresent) == [true, false, true, true, false, true])
  if case .codes(_, let codeValues) = built.storage { #expect(codeValues == ["female", "male"]) }
}
