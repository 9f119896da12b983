import Foundation
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

/// Unquoted fields of every length around the eight bytes the tokenizer scans at a time are
/// split at their commas, in a file read in many chunks; a quote or a byte that is not UTF-8
/// deep inside a long field is still found and its row rejected at its line; and long values
/// repeated down the file (which each chunk makes once and shares) read as themselves.
@Test func fieldsOfEveryLengthSplitAndRepeatedValuesReadAsThemselves() throws {
  let fixture = try PackFixture.councilPeople(
    """
    ward: { type: string, source: council }
    school: { type: string, source: council }
    """)
  defer { fixture.remove() }
  let rows = 30_000
  var bytes = Array("person_id,ward,school\n".utf8)
  var kept: [(id: String, ward: String, school: String)] = []
  var rejects: [(line: Int, text: String)] = []
  for i in 0..<rows {
    let ward = String(repeating: "w", count: 1 + i % 25)
    let school = "School number \(i % 40) " + String(repeating: "x", count: i % 13)
    var wardBytes = Array(ward.utf8)
    var schoolBytes = Array(school.utf8)
    if i % 1_013 == 5 {
      wardBytes.insert(UInt8(ascii: "\""), at: min(wardBytes.count, 1 + i % 20))
      rejects.append((2 + i, "a quote inside an unquoted field"))
    } else if i % 1_019 == 7 {
      schoolBytes.insert(0xE9, at: min(schoolBytes.count, 1 + i % 20))
      rejects.append((2 + i, "not valid UTF-8"))
    } else {
      kept.append(("P\(i)", ward, school))
    }
    bytes += Array("P\(i),".utf8) + wardBytes + [UInt8(ascii: ",")] + schoolBytes
    bytes += i % 2 == 0 ? [0x0A] : [0x0D, 0x0A]
  }
  #expect(bytes.count > 1 << 20)  // several chunks of at least 256 KiB
  let result = try fixture.read(bytes: bytes, at: "people.csv")
  #expect(result.population.ids == kept.map(\.id))
  #expect(result.rejects.map(\.line) == rejects.map(\.line))
  for (reject, expected) in zip(result.rejects, rejects) {
    #expect(reject.reason.contains(expected.text))
  }
  let (ward, school) = (result.population.fields[0], result.population.fields[1])
  for (p, row) in kept.enumerated() {
    #expect(ward.fieldValue(p) == .string(row.ward))
    #expect(school.fieldValue(p) == .string(row.school))
  }
  let file = try #require(result.files.first)
  #expect(
    (file.rowsRead, file.rowsUsed, file.rowsRejected) == (rows, kept.count, rejects.count))
}

/// Person fields taken in from a second table, a column at a time: a value from the source
/// first in a field's precedence is kept, one from a later source fills only what the first
/// left missing, a missing value never replaces one, and persons the second table adds or
/// lacks have its other fields missing.
@Test func fieldsFromASecondTableKeepTheirSourcesPrecedence() throws {
  let fixture = try PackFixture(
    schema: """
      person:
        fields:
          birth: { type: date, source: [council, education] }
          fsm: { type: bool, source: education }
          year: { type: int, source: education }
      sources:
        council:
          gateway: test
          tables:
            - { kind: person, path: people.csv }
        education:
          gateway: test
          tables:
            - { kind: person, path: pupils.csv }
      """)
  defer { fixture.remove() }
  let result = try fixture.read([
    "people.csv": "person_id,birth\nP1,2010-01-01\nP2,\nP4,2012-04-04\n",
    "pupils.csv": """
    person_id,birth,fsm,year
    P1,2011-11-11,true,9
    P2,2010-02-02,false,
    P3,2013-03-03,,7
    P4,,true,5

    """,
  ])
  #expect(result.rejects.isEmpty)
  #expect(result.population.ids == ["P1", "P2", "P4", "P3"])
  let (birth, fsm, year) = (
    result.population.fields[0], result.population.fields[1], result.population.fields[2]
  )
  func day(_ year: Int64, _ month: Int64, _ day: Int64) -> FieldValue {
    .date(Int32(CivilCalendar.days(year: year, month: month, day: day)))
  }
  #expect(
    (0..<4).map(birth.fieldValue) == [
      day(2010, 1, 1), day(2010, 2, 2), day(2012, 4, 4), day(2013, 3, 3),
    ])
  #expect((0..<4).map(fsm.fieldValue) == [.bool(true), .bool(false), .bool(true), .missing])
  #expect((0..<4).map(year.fieldValue) == [.int(9), .missing, .int(5), .int(7)])
}
