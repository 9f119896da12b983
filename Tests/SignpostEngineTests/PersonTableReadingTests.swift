import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// A person table's row whose fields the fast path parses in one pass until one refuses its
/// value: that field and every one after it go through the general path, so each value still
/// lands in its own column, and each reject keeps its field, reason and line. Rows with a
/// kept unknown code before other values, a bad date, a value out of range, a quoted field
/// with a comma, empty values, a CRLF line end and too few fields, around rows the fast path
/// reads whole.
@Test func aRefusedValueSendsTheRestOfItsRowToTheGeneralPathInPlace() throws {
  let fixture = try PackFixture.councilPeople(
    """
    sex: { type: enum, values: [female, male], source: council, unknown_codes: unknown }
    date_of_birth: { type: date, source: council }
    ward: { type: string, source: council }
    attendance: { type: double, source: council, minimum: 0, maximum: 100 }
    """)
  defer { fixture.remove() }
  let text =
    "person_id,sex,date_of_birth,ward,attendance\n"
    + "P1,female,2010-01-02,North,90\n"
    + "P2,x,2010-01-03,South,80\n"
    + "P3,male,not-a-date,East,70\n"
    + "P4,male,2010-01-05,West,-5\n"
    + "P5,female,2010-01-06,\"Quoted, ward\",100\n"
    + "P6,,2010-01-07,,\r\n"
    + "P7,female\n"
    + "P8,male,2010-01-09,Central,12.5\n"
  let result = try fixture.read(["people.csv": text])
  let population = result.population
  #expect(population.ids == ["P1", "P2", "P5", "P6", "P8"])
  let names = ["sex", "date_of_birth", "ward", "attendance"]
  func values(_ id: String) throws -> [FieldValue] {
    let p = try #require(population.index(of: id))
    return names.indices.map { population.fields[$0].fieldValue(p) }
  }
  func day(_ n: Int64) -> FieldValue {
    .date(Int32(CivilCalendar.days(year: 2010, month: 1, day: n)))
  }
  #expect(try values("P1") == [.code(0), day(2), .string("North"), .double(90)])
  #expect(try values("P2") == [.missing, day(3), .string("South"), .double(80)])
  #expect(
    try values("P5") == [
      .code(0), day(6), .string("Quoted, ward"), .double(100),
    ])
  #expect(try values("P6") == [.missing, day(7), .missing, .missing])
  #expect(
    try values("P8") == [.code(1), day(9), .string("Central"), .double(12.5)])
  #expect(result.rejects.map(\.line) == [4, 5, 8])
  #expect(result.rejects.map(\.field) == ["date_of_birth", "attendance", nil])
  let file = try #require(result.files.first)
  #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (8, 5, 3))
  #expect(file.warnings.contains { $0.contains("line 3 sex 'x'") })
}

/// Reserving room in a person index that already holds ids moves them into the larger table
/// at once: every id keeps its index and is found, later ids are numbered on from them, and
/// reserving no more than there is room for changes nothing.
@Test func reservingRoomInAPersonIndexKeepsEveryId() {
  var index = PersonIndex()
  let ids = (0..<3_000).map { "ID\($0 * 7)" }
  for id in ids { _ = index.insert(id) }
  index.reserveCapacity(200_000)
  for (n, id) in ids.enumerated() { #expect(index.index(of: id) == n) }
  #expect(index.insert("new") == (ids.count, true))
  index.reserveCapacity(10)
  #expect(index.count == ids.count + 1)
  for (n, id) in ids.enumerated() where n % 97 == 0 { #expect(index.index(of: id) == n) }
  #expect(index.index(of: "new") == ids.count)
  #expect(index.index(of: "ID1") == nil)
}

/// An id is found among the persons from a position on, in order, and not outside that run
/// (nor past the last person).
@Test func anIdIsFoundAmongTheRunOfPersonsItIsIn() {
  var index = PersonIndex()
  for n in 0..<100 { _ = index.insert("P\(n)") }
  func find(_ id: String, _ first: Int, _ count: Int) -> Int? {
    var id = id
    return id.withUTF8 { index.index(of: $0, among: first, count: count) }
  }
  #expect(find("P10", 10, 1) == 10)
  #expect(find("P25", 10, 16) == 25)
  #expect(find("P26", 10, 16) == nil)
  #expect(find("P9", 10, 16) == nil)
  #expect(find("P99", 95, 16) == 99)
  #expect(find("P1", -3, 5) == 1)
  #expect(find("Q1", 0, 100) == nil)
}

/// A chunk finds the persons of its rows' ids among those known, whatever their order: in
/// the order they were added, with gaps longer than the run it compares, in reverse, shuffled,
/// and ids not known at all (left to the merge), the same as a lookup of each.
@Test func aChunkFindsItsRowsKnownPersonsInAnyOrder() {
  var index = PersonIndex()
  for n in 0..<5_000 { _ = index.insert("P\(n)") }
  var ids: [String] = []
  ids += stride(from: 0, to: 1_000, by: 3).map { "P\($0)" }
  ids += stride(from: 1_000, to: 3_000, by: 40).map { "P\($0)" }
  ids += (3_000..<3_500).reversed().map { "P\($0)" }
  var state: UInt64 = 7
  for _ in 0..<600 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    ids.append(state % 5 == 0 ? "X\(state % 1_000)" : "P\(state % 5_000)")
  }
  ids += (4_000..<4_100).map { "P\($0)" }
  var chunk = PersonChunk(
    path: "p.csv", records: 16, columns: [], inputs: 0, heldFields: 0, known: index)
  for id in ids {
    let bytes = Array(id.utf8)
    let hash = bytes.withUnsafeBufferPointer { PersonIndex.hash($0) }
    chunk.rows.append(
      PersonChunk.Row(line: 0, keyStart: chunk.keys.count, keyHash: hash, inputStart: 0))
    bytes.withUnsafeBufferPointer { chunk.keys.append(contentsOf: $0) }
    chunk.rows[chunk.rows.count - 1].keyEnd = chunk.keys.count
  }
  chunk.findKnownPersons(in: index)
  for (r, id) in ids.enumerated() {
    #expect(chunk.rows[r].person == (index.index(of: id) ?? -1), "\(id)")
  }
  // Emptied for reuse, the chunk finds nothing when no persons were known as it began.
  chunk.reuse(known: nil)
  #expect(chunk.rows.isEmpty && chunk.keys.isEmpty && chunk.known == nil)
}

/// A chunk's row is 32 bytes (its numbers held in 32 bits), and keeps each number it is
/// given, negative ones included.
@Test func aChunksRowIsNarrowAndKeepsItsNumbers() {
  #expect(MemoryLayout<PersonChunk.Row>.stride == 32)
  var row = PersonChunk.Row(
    line: 1_234_567, keyStart: 98_765, keyEnd: 98_773, keyHash: .max, inputStart: 42)
  #expect(row.person == -1 && row.problem == -1)
  row.person = 999_999
  row.problem = 7
  row.inputStart = 43
  let numbers: [Int] = [
    row.line, row.keyStart, row.keyEnd, row.inputStart, row.person, row.problem,
  ]
  #expect(numbers == [1_234_567, 98_765, 98_773, 43, 999_999, 7])
  #expect(row.keyHash == UInt64.max)
}

/// A chunk's key bytes keep every id added, in order, as their room grows past the first
/// (ids of 0 to 40 bytes); a copy is a value (adding to one leaves the other as it was); and
/// emptied, they keep nothing.
@Test func aChunksKeyBytesKeepEveryIdAndCopyOnWrite() {
  var keys = PersonChunk.KeyBytes()
  var expected: [UInt8] = []
  for n in 0..<200 {
    let id = (0..<n % 41).map { UInt8(truncatingIfNeeded: n &* 7 &+ $0) }
    id.withUnsafeBufferPointer { keys.append(contentsOf: $0) }
    expected += id
  }
  #expect(keys.count == expected.count)
  #expect(keys.withUnsafeBufferPointer(Array.init) == expected)
  var copy = keys
  Array("P0000001".utf8).withUnsafeBufferPointer { copy.append(contentsOf: $0) }
  #expect(keys.withUnsafeBufferPointer(Array.init) == expected)
  #expect(copy.withUnsafeBufferPointer(Array.init) == expected + Array("P0000001".utf8))
  // Emptied while another copy holds them (a chunk back in its pool while the merge still
  // holds it) and refilled, 64 times: the other copy is untouched, and each refill takes
  // fresh room of the same size (were it doubled each time, it could not be allocated).
  for _ in 0..<64 {
    let held = copy
    copy.removeAll()
    #expect(copy.isEmpty && held.count >= expected.count)
    expected.withUnsafeBufferPointer { copy.append(contentsOf: $0) }
  }
  #expect(copy.withUnsafeBufferPointer(Array.init) == expected)
  #expect(keys.withUnsafeBufferPointer(Array.init) == expected)
}

/// A person table whose rows are parsed a column at a time, a block of rows at once: 1,000
/// rows (several blocks, rows rejected before their values are held between them) with a
/// value of every kind, null spellings, kept unknown codes, values with `""` escapes (two in
/// a row), quoted commas, values out of range, not matching a pattern or not of their type
/// at every field, rows too short, ids with a space, and duplicates. Each row's fate is
/// worked out here field by field, as the general path reads a row: the first value that
/// fails rejects it at that field; a code kept unknown is counted only before it.
@Test func rowsParsedAColumnAtATimeKeepEveryValueAndReject() throws {
  let fixture = try PackFixture.councilPeople(
    """
    born: { type: date, source: council }
    ward: { type: string, source: council }
    sex: { type: enum, values: [female, male], source: council, unknown_codes: unknown }
    urn: { type: string, source: council, pattern: "[0-9]{6}" }
    year: { type: int, source: council, minimum: 0, maximum: 14 }
    att: { type: double, source: council }
    fsm: { type: bool, source: council }
    note: { type: string, source: council }
    """)
  defer { fixture.remove() }
  let names = ["born", "ward", "sex", "urn", "year", "att", "fsm", "note"]
  func day(_ n: Int) -> FieldValue {
    .date(Int32(CivilCalendar.days(year: 2010, month: 1, day: Int64(n))))
  }
  // Each field's choices: the text written and the value read (`nil` when it fails; a kept
  // unknown code is `.missing` and counted).
  func choices(_ i: Int) -> [[(String, FieldValue?)]] {
    [
      [("2010-01-\(10 + i % 9)", day(10 + i % 9)), ("", .missing), ("2010-02-30", nil)],
      [
        ("W\(i % 5)", .string("W\(i % 5)")),
        ("\"say \"\"hi\"\" \(i % 3)\"", .string("say \"hi\" \(i % 3)")), ("", .missing),
      ],
      [
        ("female", .code(0)), ("male", .code(1)), ("", .missing), ("NULL", .missing),
        ("x", .missing),
      ],
      [("12345\(i % 10)", .string("12345\(i % 10)")), ("12a", nil), ("NULL", .missing)],
      [("\(i % 15)", .int(Int64(i % 15))), ("15", nil), ("-1", nil), ("", .missing)],
      [("90.5", .double(90.5)), ("x", nil), ("\"1,5\"", nil), ("", .missing)],
      [
        ("true", .bool(true)), ("false", .bool(false)), ("Y", .bool(true)), ("maybe", nil),
        ("\"N\"", .bool(false)),
      ],
      [("\"a \"\"b\"\", c\"", .string("a \"b\", c")), ("n\(i % 4)", .string("n\(i % 4)"))],
    ]
  }
  var state: UInt64 = 11
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(n))
  }
  var text = "person_id," + names.joined(separator: ",") + "\n"
  var ids: [String] = []
  var values: [String: [FieldValue]] = [:]
  var rejects: [String] = []
  var kept = 0
  var written: [String] = []
  for i in 0..<1_000 {
    let line = i + 2
    if i % 97 == 50 {
      text += "P\(i),female\n"
      rejects.append("\(line):")
      continue
    }
    if i % 89 == 40 {
      text += " P\(i)" + String(repeating: ",", count: names.count) + "\n"
      rejects.append("\(line):person_id")
      continue
    }
    // Mostly good values, so that the failures fall at every field.
    let picked = choices(i).map { options in
      next(4) == 0 ? options[next(options.count)] : options[0]
    }
    let id = i % 211 == 100 ? written[next(written.count)] : "P\(i)"
    text += ([id] + picked.map(\.0)).joined(separator: ",") + "\n"
    // A code kept unknown is counted unless a value before it rejects the row first.
    let firstBad = picked.firstIndex { $0.1 == nil } ?? names.count
    kept += picked[2].0 == "x" && firstBad > 2 ? 1 : 0
    if written.contains(id) {
      rejects.append("\(line):person_id")
      continue
    }
    written.append(id)
    if firstBad < names.count {
      rejects.append("\(line):\(names[firstBad])")
      continue
    }
    ids.append(id)
    values[id] = picked.map { $0.1 ?? .missing }
  }
  let result = try fixture.read(["people.csv": text])
  let population = result.population
  #expect(population.ids == ids)
  for (p, id) in population.ids.enumerated() {
    #expect(names.indices.map { population.fields[$0].fieldValue(p) } == values[id], "\(id)")
  }
  #expect(result.rejects.map { "\($0.line):\($0.field ?? "")" } == rejects)
  #expect(rejects.count > 100 && kept > 10)
  let file = try #require(result.files.first)
  #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (1_000, ids.count, rejects.count))
  #expect(file.warnings.contains { $0.hasPrefix("\(kept) rows kept with a code outside") })
}
