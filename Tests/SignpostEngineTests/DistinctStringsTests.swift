import SignpostCEL
import Testing

@testable import SignpostEngine

/// A column's distinct strings are told apart by their bytes, as CEL compares strings: a
/// composed and a decomposed accent (equal to Swift's `==`) are two values, each kept once,
/// also when the strings were first taken whole from a chunk and are looked up later.
@Test func distinctStringsKeepEachSpellingOnceByItsBytes() {
  let composed = "Chorley Caf\u{E9}"
  let decomposed = "Chorley Cafe\u{301}"
  #expect(composed == decomposed)
  var taken = DistinctStrings(distinct: ["Hindley", composed])
  #expect(taken.place(of: decomposed) == 2)
  #expect(taken.place(of: composed) == 1)
  #expect(taken.place(of: "Hindley") == 0)
  #expect(taken.place(of: "") == 3)
  #expect(taken.strings.count == 4)
  #expect(Array(taken.strings[2].utf8) == Array(decomposed.utf8))
  var empty = DistinctStrings()
  #expect(empty.place(of: decomposed) == 0)
  #expect(empty.place(of: composed) == 1)
}

/// String columns built from several chunks (each builder with its own distinct strings,
/// some kept from an earlier chunk and unused since) and appended one after another hold every
/// value as appended, with each distinct value once in the column; and an expression reads
/// each row's value, a missing one unknown.
@Test func stringColumnsAppendedFromChunksHoldEachValueWithDistinctValuesOnce() {
  let template = Column(type: .string, missingAttribute: "event.school")
  let chunks: [[String?]] = [
    ["Hindley", nil, "Leigh West Catholic High School 2", "Hindley"],
    ["Winstanley", "Hindley", nil],
    [nil, "Leigh West Catholic High School 2", "Chorley Cafe\u{301}", "Chorley Caf\u{E9}"],
  ]
  var builder = ColumnBuilder(template, capacity: 4)
  var column = template
  for chunk in chunks {
    for value in chunk {
      if let value {
        _ = builder.appendString { UInt32($0.position(of: value)) }
      } else {
        builder.appendMissing()
      }
    }
    column.append(contentsOf: builder.column)
    builder.removeAll()
  }
  let expected = chunks.joined().map { $0.map(FieldValue.string) ?? .missing }
  #expect((0..<column.count).map(column.fieldValue) == expected)
  let bytes = chunks.joined().map { $0.map { Array($0.utf8) } }
  let read = (0..<column.count).map { row -> [UInt8]? in
    guard case .string(let s) = column.value(row) else { return nil }
    return Array(s.utf8)
  }
  #expect(read == bytes)
  guard case .strings(let places, let values) = column.storage else {
    Issue.record("not a string column")
    return
  }
  #expect(values.strings.count == 5)
  #expect(places.filter { $0 == Column.missingPlace }.count == 3)
  if case .unknown(let unknown) = column.value(1) {
    #expect(unknown.attributes == ["event.school"])
  } else {
    Issue.record("a missing string is not unknown")
  }
}

/// Setting, appending and reordering a string column's rows one at a time keeps each row's
/// value, reusing a value's place when it is set again.
@Test func stringRowsSetOneAtATimeKeepTheirValues() {
  var column = Column(type: .string, missingAttribute: "person.ward", count: 2)
  column.set(0, .string("Abram"))
  column.set(3, .string("Ince"))
  column.set(1, .string("Abram"))
  column.append(.string("Bryn"))
  column.set(0, .missing)
  #expect(
    (0..<column.count).map(column.fieldValue) == [
      .missing, .string("Abram"), .missing, .string("Ince"), .string("Bryn"),
    ])
  let reordered = column.permuted([4, 1, 0])
  #expect(
    (0..<reordered.count).map(reordered.fieldValue) == [
      .string("Bryn"), .string("Abram"), .missing,
    ])
  guard case .strings(_, let values) = column.storage else {
    Issue.record("not a string column")
    return
  }
  #expect(values.strings == ["Abram", "Ince", "Bryn"])
}
