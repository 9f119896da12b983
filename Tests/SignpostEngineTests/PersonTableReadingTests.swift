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
  var chunk = PersonChunk(path: "p.csv", records: 16, columns: [], inputs: 0, known: index)
  for id in ids {
    let bytes = Array(id.utf8)
    let hash = bytes.withUnsafeBufferPointer { PersonIndex.hash($0) }
    chunk.rows.append(
      PersonChunk.Row(line: 0, keyStart: chunk.keys.count, keyHash: hash, inputStart: 0))
    chunk.keys.append(contentsOf: bytes)
    chunk.rows[chunk.rows.count - 1].keyEnd = chunk.keys.count
  }
  chunk.findKnownPersons()
  for (r, id) in ids.enumerated() {
    #expect(chunk.rows[r].person == (index.index(of: id) ?? -1), "\(id)")
  }
  // Emptied for reuse, the chunk finds nothing when no persons were known as it began.
  chunk.reuse(known: nil)
  #expect(chunk.rows.isEmpty && chunk.keys.isEmpty && chunk.known == nil)
}
