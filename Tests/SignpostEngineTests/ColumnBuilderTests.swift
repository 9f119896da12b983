import SignpostRules
import Testing

@testable import SignpostEngine

/// A value, a missing value and another value of each field type (a string long enough to
/// be held on the heap, and a short one).
let valuesOfEachType: [(FieldType, [FieldValue])] = [
  (.bool, [.bool(true), .missing, .bool(false)]),
  (.int, [.int(-5), .missing, .int(250)]),
  (.double, [.double(0), .missing, .double(12.5)]),
  (.date, [.date(-1), .missing, .date(20_000)]),
  (.enumeration(["female", "male"]), [.code(1), .missing, .code(0)]),
  (.string, [.string("Leigh West Catholic High School 2"), .missing, .string("Hindley")]),
]

/// A column built by a `ColumnBuilder` holds what `Column.append` would have stored, value
/// for value and missing for missing, for every field type, and keeps the template's
/// missing attribute and code values.
@Test(arguments: valuesOfEachType)
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

/// A block of values appended at once (`appendCodes(count:_:)` and the like, the person
/// tables' column parse), after a value appended alone, holds what appending each would
/// have: the values written in their places, and missing where none was written.
@Test(arguments: [
  (FieldType.bool, FieldValue.bool(true)), (.int, .int(7)), (.double, .double(2.5)),
  (.date, .date(20_000)), (.enumeration(["female", "male"]), .code(1)),
  (.string, .string("Hindley")),
])
func aBlockAppendedAtOnceHoldsItsValuesAndMissingElsewhere(type: FieldType, value: FieldValue) {
  let template = Column(type: type, missingAttribute: "person.field")
  var builder = ColumnBuilder(template, capacity: 1)
  var appended = template
  builder.append(value)
  appended.append(value)
  let written = [0, 3]
  switch type {
  case .bool:
    builder.appendBools(count: 5) { out in
      for i in written { out[i] = Column.storedBool(value) }
    }
  case .int:
    builder.appendInts(count: 5) { out in
      for i in written { out[i] = Column.storedInt(value) }
    }
  case .double:
    builder.appendDoubles(count: 5) { out, present in
      for i in written { (out[i], present[i]) = Column.storedDouble(value) }
    }
  case .date:
    builder.appendDates(count: 5) { out in
      for i in written { out[i] = Column.storedDate(value) }
    }
  case .enumeration:
    builder.appendCodes(count: 5) { out in
      for i in written { out[i] = Column.storedCode(value) }
    }
  case .string:
    builder.appendStrings(count: 5) { out, strings in
      for i in written { out[i] = ColumnBuilder.place(of: value, in: &strings) }
    }
  }
  for i in 0..<5 { appended.append(written.contains(i) ? value : .missing) }
  let built = builder.column
  #expect(built.count == 6)
  #expect((0..<built.count).map(built.fieldValue) == (0..<appended.count).map(appended.fieldValue))
}

/// A chunk's builder merged into a person column stores what its built column merged so
/// stores, ranks included: strings taken through their interned places (made by the fast
/// path's `appendString` and by `append`), missing values, rows merged out of order, to the
/// same person twice, past the column's end, and against values of a better and a worse
/// rank; and a column of another kind, which is merged as its built column.
@Test(arguments: [FieldType.string, .int])
func builderMergesAsItsBuiltColumnMerges(type: FieldType) {
  let template = Column(type: type, missingAttribute: "person.field")
  let values: [FieldValue] =
    type == .string
    ? ["Winstanley", nil, "Leigh West Catholic High School 2", "Winstanley", "", nil, "Hindley"]
      .map { $0.map(FieldValue.string) ?? .missing }
    : [.int(3), .missing, .int(-1), .int(3), .int(0), .missing, .int(7)]
  var builder = ColumnBuilder(template, capacity: 1)
  for (i, value) in values.enumerated() {
    if i % 2 == 0, case .string(let text) = value {
      _ = builder.appendString { UInt32($0.position(of: text)) }
    } else {
      builder.append(value)
    }
  }
  // Persons 0-3 hold values of rank 1 (person 1's) or 3 (the others').
  var existing = template
  for p in 0..<4 { existing.append(type == .string ? .string("old\(p)") : .int(Int64(100 + p))) }
  let stride = 2
  let rows: [Int32] = [6, 0, 2, 1, 3, 4, 5]
  let targets: [Int32] = [9, 1, 0, 2, 0, 5, 3]
  var ranks = [UInt8](repeating: .max, count: 10 * stride)
  for p in 0..<4 { ranks[p * stride] = p == 1 ? 1 : 3 }
  var fast = existing
  var fastRanks = ranks
  fastRanks.withUnsafeMutableBufferPointer {
    fast.merge(builder, rows: rows, into: targets, rank: 2, ranks: $0.baseAddress!, stride: stride)
  }
  var general = existing
  var generalRanks = ranks
  generalRanks.withUnsafeMutableBufferPointer {
    general.merge(
      builder.column, rows: rows, into: targets, rank: 2, ranks: $0.baseAddress!, stride: stride)
  }
  #expect(fast.count == 10)
  #expect((0..<fast.count).map(fast.fieldValue) == (0..<general.count).map(general.fieldValue))
  #expect(fastRanks == generalRanks)
  // Row 0 (person 1) loses to rank 1; rows 2 and 3 both reach person 0, the first wins.
  #expect(fast.fieldValue(1) == existing.fieldValue(1))
  #expect(fast.fieldValue(0) == values[2])
  #expect(fast.fieldValue(9) == values[6])
  #expect(fast.fieldValue(3) == existing.fieldValue(3))
}

/// A chunk's rows merged as a run of new persons (`mergeRun`, a register read in id order)
/// store what merging each row into its person stores, ranks included, for every field type:
/// the column padded up to the run (also when it is already past some persons), missing
/// values left unranked; and a run into persons the column already holds is merged row by row.
@Test(arguments: valuesOfEachType)
func aRunOfNewPersonsMergesAsEachRowWould(type: FieldType, values: [FieldValue]) {
  let template = Column(type: type, missingAttribute: "person.field")
  var builder = ColumnBuilder(template, capacity: 1)
  for value in values + values.reversed() { builder.append(value) }
  let rows = (0..<Int32(2 * values.count)).map { $0 }
  let stride = 3
  for (existingCount, first) in [(0, 0), (2, 5), (7, 5)] {
    var existing = template
    for _ in 0..<existingCount { existing.append(values[0]) }
    var ranks = [UInt8](repeating: .max, count: 20 * stride)
    for p in 0..<existingCount { ranks[p * stride] = 0 }
    var run = existing
    var runRanks = ranks
    runRanks.withUnsafeMutableBufferPointer {
      run.mergeRun(builder, first: first, rank: 1, ranks: $0.baseAddress!, stride: stride)
    }
    var each = existing
    var eachRanks = ranks
    eachRanks.withUnsafeMutableBufferPointer {
      each.merge(
        builder, rows: rows, into: rows.map { Int32(first) + $0 }, rank: 1,
        ranks: $0.baseAddress!, stride: stride)
    }
    #expect(run.count == max(existingCount, first + rows.count))
    #expect((0..<run.count).map(run.fieldValue) == (0..<each.count).map(each.fieldValue))
    #expect(runRanks == eachRanks)
    #expect(run.fieldValue(first) == values[0])
    #expect(run.isPresent(first + 1) == (first + 1 < existingCount))
  }
}

/// A string column emptied for the next chunk holds only that chunk's values, whether it
/// keeps its distinct strings (a few) or starts them again (more than it keeps), and every
/// value is the one appended.
@Test(arguments: [40, ColumnBuilder.keptStrings + 1])
func emptiedStringBuilderHoldsTheNextChunksValues(distinct: Int) {
  let template = Column(type: .string, missingAttribute: "person.field")
  var builder = ColumnBuilder(template, capacity: 4)
  for chunk in 0..<3 {
    let values: [FieldValue] = (0..<distinct).map {
      $0 % 7 == 3 ? .missing : .string("ward \(($0 + chunk) % distinct)")
    }
    for value in values {
      if case .string(let text) = value {
        _ = builder.appendString { UInt32($0.position(of: text)) }
      } else {
        builder.appendMissing()
      }
    }
    let built = builder.column
    #expect((0..<built.count).map(built.fieldValue) == values, "chunk \(chunk)")
    builder.removeAll()
  }
}
