import Foundation
import SignpostEngine
import SignpostTestSupport
import Testing

/// An event file read in several chunks, whose keys are looked up a batch at a time at each
/// chunk's end and whose values are parsed from the bytes kept for them: a row with an
/// unknown key or a key with a space is rejected for its key even when a value is bad too;
/// a known key's bad value, a missing date and a kept unknown code are handled as before; a
/// quoted value with doubled quotes and a line break keeps its text; every event lands with
/// its person in file order.
@Test func eventRowsJoinedAtTheChunksEndAreRejectedAndKeptAsRowByRow() throws {
  let fixture = try contactsFixture([
    "role: { type: enum, values: [suspect, victim] }",
    "offence: { type: enum, values: [theft, robbery], unknown_codes: unknown }",
    "note: { type: string }",
  ])
  defer { fixture.remove() }
  var people = "person_id,ward\n"
  for p in 0..<100 { people += "P\(p),W\(p % 7)\n" }
  var contacts = "person_id,date,role,offence,note\n"
  var line = 1
  var expected: [String] = []
  var notes: [Int: [String]] = [:]
  var used = 0
  for i in 0..<40_000 {
    let person = "P\(i % 100)"
    let day = String(format: "2024-%02d-%02d", 1 + i % 12, 1 + i % 28)
    var note = "n\(i)"
    line += 1
    switch i % 50 {
    case 7:
      contacts += "Q\(i),\(day),zz,theft,x\n"
      expected.append("contacts.csv:\(line): person_id: unknown person id 'Q\(i)'")
      continue
    case 13:
      contacts += "P1 ,\(day),suspect,theft,x\n"
      expected.append("contacts.csv:\(line): person_id: the id 'P1 ' ends with a space")
      continue
    case 21:
      contacts += "\(person),\(day),zz,theft,x\n"
      expected.append(
        "contacts.csv:\(line): role: 'zz' is not a known value (expected one of suspect, victim)")
      continue
    case 29:
      contacts += "\(person),,victim,theft,x\n"
      expected.append("contacts.csv:\(line): date: an event must have a date")
      continue
    case 33:
      contacts += "\(person),\(day),victim,arson,\(note)\n"
    case 41:
      note = "said \"no\"\nthen left"
      contacts += "\(person),\(day),suspect,robbery,\"said \"\"no\"\"\nthen left\"\n"
      line += 1
    default:
      contacts += "\(person),\(day),\(i % 2 == 0 ? "suspect" : "victim"),theft,\(note)\n"
    }
    notes[i % 100, default: []].append(note)
    used += 1
  }
  #expect(contacts.utf8.count > 1 << 20)  // several chunks
  let result = try fixture.read(["people.csv": people, "contacts.csv": contacts])
  #expect(result.rejects.map(\.description) == expected)
  let file = try #require(result.files.first { $0.path == "contacts.csv" })
  #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (40_000, used, expected.count))
  let events = try #require(result.population.events[0])
  let noteColumn = events.columns[3]
  let offence = events.columns[2]
  var mismatches = 0
  for p in 0..<100 {
    let person = try #require(result.population.index(of: "P\(p)"))
    let rows = events.rows(of: person)
    if rows.map({ noteColumn.fieldValue($0) }) != (notes[p] ?? []).map(FieldValue.string) {
      mismatches += 1
    }
  }
  #expect(mismatches == 0)
  let unknownOffences = (0..<events.count).filter { offence.fieldValue($0) == .missing }.count
  #expect(unknownOffences == 40_000 / 50)
}

/// Event rows parsed straight into their columns, and the rows that fast path refuses read
/// again value by value: a value refused after others were parsed (an int out of bounds, a
/// number or yes/no that is not one, an unknown enum value, a string not matching its
/// pattern), a missing or impossible date, a kept unknown code, empty values in every field,
/// values with doubled quotes (whose records' fields are copied) among rows read where they
/// are in the file, rows of one person together, over several chunks. Every column of every event, and every rejected line and field, are
/// those a value-by-value model of the rules gives.
@Test func eventRowsParsedStraightIntoColumnsAreThoseReadValueByValue() throws {
  let fixture = try contactsFixture([
    "count: { type: int, minimum: 0, maximum: 9 }", "hours: { type: double }",
    "open: { type: bool }", "role: { type: enum, values: [suspect, victim] }",
    "offence: { type: enum, values: [theft, robbery], unknown_codes: unknown }",
    "code: { type: string, pattern: \"[0-9]{3}\" }", "note: { type: string }",
  ])
  defer { fixture.remove() }
  var people = "person_id,ward\n"
  for p in 0..<200 { people += "P\(String(format: "%03d", p)),W\(p % 7)\n" }
  /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
  func days(_ year: Int, _ month: Int, _ day: Int) -> Int32 {
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return Int32(era * 146_097 + dayOfEra - 719_468)
  }
  // Each field's texts: (text, the value read, or nil when the row is rejected for it).
  let dates: [(String, FieldValue?)] =
    (1...12).map { (String(format: "2024-%02d-%02d", $0, 3 + $0), .date(days(2024, $0, 3 + $0))) }
    + [("", nil), ("2024-02-30", nil)]
  let fields: [(name: String, texts: [(String, FieldValue?)])] = [
    ("count", [("3", .int(3)), ("0", .int(0)), ("", .missing), ("12", nil), ("x", nil)]),
    ("hours", [("1.5", .double(1.5)), ("", .missing), ("abc", nil)]),
    ("open", [("true", .bool(true)), ("false", .bool(false)), ("", .missing), ("maybe", nil)]),
    ("role", [("suspect", .code(0)), ("victim", .code(1)), ("", .missing), ("zz", nil)]),
    ("offence", [("theft", .code(0)), ("robbery", .code(1)), ("", .missing), ("arson", .missing)]),
    ("code", [("123", .string("123")), ("907", .string("907")), ("", .missing), ("12a", nil)]),
    // A value with doubled quotes: its record's fields are copied, not read from the file.
    ("note", [("n", .string("n")), ("\"say \"\"hi\"\"\"", .string("say \"hi\"")), ("", .missing)]),
  ]
  var generator = SystemRandomNumberGenerator()
  var contacts = "person_id,date,count,hours,open,role,offence,code,note\n"
  var expectedColumns = [[FieldValue]](repeating: [], count: fields.count + 1)
  var expectedRejects: [String] = []
  for i in 0..<60_000 {
    let line = i + 2
    // Mostly valid rows, so that refused rows come between parsed ones in every chunk.
    func pick(_ texts: [(String, FieldValue?)]) -> (String, FieldValue?) {
      Int.random(in: 0..<8, using: &generator) == 0
        ? texts.randomElement(using: &generator)! : texts[0]
    }
    var row = [pick(dates)] + fields.map { pick($0.texts) }
    if row[row.count - 1].0.hasPrefix("\"") {
      // Each quoted value its own, so that no other row's bytes can stand for it.
      row[row.count - 1] = ("\"say \"\"\(i)\"\"\"", .string("say \"\(i)\""))
    }
    contacts +=
      "P\(String(format: "%03d", i / 300)),"
      + row.map(\.0).joined(separator: ",") + "\n"
    if let bad = row.firstIndex(where: { $0.1 == nil }) {
      expectedRejects.append("\(line) \(bad == 0 ? "date" : fields[bad - 1].name)")
      continue
    }
    for (c, value) in row.enumerated() { expectedColumns[c].append(value.1!) }
  }
  #expect(contacts.utf8.count > 2 << 20)  // several chunks
  let result = try fixture.read(["people.csv": people, "contacts.csv": contacts])
  #expect(result.rejects.map { "\($0.line) \($0.field ?? "")" } == expectedRejects)
  let events = try #require(result.population.events[0])
  #expect(events.count == expectedColumns[0].count)
  for c in expectedColumns.indices {
    let column = events.columns[c]
    #expect((0..<column.count).map(column.fieldValue) == expectedColumns[c], "column \(c)")
  }
}

/// A pack of persons (`people.csv`, a ward each) and one event list, `contacts`
/// (`contacts.csv`), with these fields (a line of YAML each).
private func contactsFixture(_ fields: [String]) throws -> PackFixture {
  try PackFixture(
    schema: """
      person:
        fields:
          ward: { type: string, source: hub }
      events:
        contacts:
          source: hub
          fields:
      \(fields.map { "      " + $0 }.joined(separator: "\n"))
      sources:
        hub:
          gateway: test
          tables:
            - { kind: person, path: people.csv }
            - { kind: events, list: contacts, path: contacts.csv }
      """)
}
