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
  let fixture = try PackFixture(
    schema: """
      person:
        fields:
          ward: { type: string, source: hub }
      events:
        contacts:
          source: hub
          fields:
            role: { type: enum, values: [suspect, victim] }
            offence: { type: enum, values: [theft, robbery], unknown_codes: unknown }
            note: { type: string }
      sources:
        hub:
          gateway: test
          tables:
            - { kind: person, path: people.csv }
            - { kind: events, list: contacts, path: contacts.csv }
      """)
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
