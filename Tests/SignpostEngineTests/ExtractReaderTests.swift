import SignpostCEL
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

@Test func readsRFC4180QuotingNewlinesCRLFAndBOM() throws {
  let folder = try TemporaryFolder(files: [
    "people.csv": "\u{FEFF}person_id,date_of_birth,attendance\r\n\"P,1\",2010-06-01,\"85.5\"\r\n"
      + "\"P \"\"2\"\"\",2011-01-01,\r\nP3,2012-01-01,99\n",
    "police_contacts.csv": "person_id,date,role\n\"P,1\",2025-03-30,\"sus\npect\"\n",
  ])
  defer { folder.remove() }
  let result = try ExtractReader(pack: try tinyPack(), directory: folder.path).read()
  #expect(result.population.count == 3)
  #expect(result.population.index(of: "P,1") == 0)
  #expect(result.population.index(of: "P \"2\"") == 1)
  // The embedded newline makes 'sus\npect' an unknown role: rejected at the row's first line.
  #expect(
    result.rejects.map(\.description) == [
      "police_contacts.csv:2: role: 'sus\npect' is not a known value (expected one of suspect, victim, witness)"
    ])
  let people = try #require(result.files.first { $0.path == "people.csv" })
  #expect((people.rowsRead, people.rowsUsed, people.rowsRejected) == (3, 3, 0))
}

@Test func everyRowIsUsedOrRejectedWithFileLineFieldAndReason() throws {
  let pack = try tinyPack()
  let input = fixtures.appendingPathComponent("extracts/tiny").path
  let result = try ExtractReader(pack: pack, directory: input).read()
  #expect(
    result.rejects.map(\.description) == [
      "people.csv:4: date_of_birth: '2009-13-01' is not a date (expected yyyy-MM-dd)",
      "people.csv:5: attendance: 'abc' is not a number",
      "people.csv:6: person_id: duplicate person id 'P2'",
      "people.csv:8: 2 columns where the header has 3",
      "social_care.csv:5: open_to_service: 'maybe' is not a yes/no value (expected one of true, TRUE, True, Y, yes, Yes, 1, false, FALSE, False, N, no, No, 0)",
      "police_contacts.csv:5: person_id: unknown person id 'P9'",
      "police_contacts.csv:6: role: 'suspct' is not a known value (expected one of suspect, victim, witness)",
    ])
  for file in result.files {
    #expect(file.reconciles, "\(file.path) does not reconcile")
  }
  #expect(result.files.map(\.rowsRead).reduce(0, +) == 18)
  #expect(result.files.map(\.rowsRejected).reduce(0, +) == result.rejects.count)
}

@Test func strictModeStopsAtTheFirstBadRow() throws {
  let pack = try tinyPack()
  let input = fixtures.appendingPathComponent("extracts/tiny").path
  #expect(throws: ExtractReadError.self) {
    try ExtractReader(pack: pack, directory: input, strict: true).read()
  }
}

@Test func aSourceNotSuppliedIsNotEvaluatedNeverFalse() throws {
  let folder = try TemporaryFolder(files: [
    "people.csv": "person_id,date_of_birth,attendance\nP1,2010-06-01,80\n"
  ])
  defer { folder.remove() }
  let pack = try tinyPack()
  let run = try ScoringRun.run(pack: pack, inputDirectory: folder.path, asOf: asOf)
  #expect(run.read.missingTables == ["police_contacts.csv", "social_care.csv"])
  let outcomes = run.result(for: 0).outcomes
  #expect(outcomes[0] == .fired)
  #expect(outcomes[1] == .notEvaluated(missing: [.source("police")]))
  #expect(
    run.result(for: 0).decisions[0]
      == .notEvaluated(condition: .condition(0), missing: [.source("police")]))
}

@Test func aMissingColumnIsAWarningAndItsFieldIsNotEvaluated() throws {
  let folder = try TemporaryFolder(files: [
    "people.csv": "person_id,date_of_birth\nP1,2010-06-01\n",
    "police_contacts.csv": "person_id,date,role\n",
    "social_care.csv": "person_id,open_to_service\nP1,false\n",
  ])
  defer { folder.remove() }
  let run = try ScoringRun.run(pack: try tinyPack(), inputDirectory: folder.path, asOf: asOf)
  let people = try #require(run.read.files.first { $0.path == "people.csv" })
  #expect(people.warnings == ["column 'attendance' for field 'attendance' is missing"])
  #expect(run.result(for: 0).outcomes[0] == .notEvaluated(missing: [.source("school")]))
}

@Test func readsNestedNDJSONPersons() throws {
  let schemaText = """
    person:
      fields:
        attendance: { type: double, source: hub }
    events:
      contacts:
        source: hub
        fields:
          role: { type: enum, values: [suspect, victim] }
    relations:
      sibling: { symmetric: true }
    sources:
      hub:
        gateway: test
        tables:
          - { kind: nested, path: people.ndjson, format: ndjson }
    """
  let fixture = try PackFixture(schema: schemaText)
  defer { fixture.remove() }
  let pack = try fixture.compile().get()
  let folder = try TemporaryFolder(files: [
    "people.ndjson": """
    {"person_id": "A", "attendance": 88.5, "contacts": [{"date": "2025-03-30", "role": "suspect"}], "links": [{"linked_person_id": "B", "relation": "sibling"}]}
    {"person_id": "B", "attendance": null}
    not json
    {"person_id": "C", "contacts": [{"date": "2025-02-30", "role": "suspect"}]}
    {"person_id": "D", "links": [{"linked_person_id": "Z", "relation": "sibling"}]}

    """
  ])
  defer { folder.remove() }
  let result = try ExtractReader(pack: pack, directory: folder.path).read()
  #expect(result.population.count == 3)
  #expect(result.population.links(of: 0).map(\.to) == [1])
  #expect(result.population.links(of: 1).map(\.to) == [0])
  #expect(
    result.rejects.map(\.description) == [
      "people.ndjson:3: the line is not a JSON object",
      "people.ndjson:4: contacts[0].date: '2025-02-30' is not a date (expected yyyy-MM-dd)",
      "people.ndjson:5: links[0]: unknown person id 'Z'",
    ])
  // The second pass's reject (line 5's link) is in the ledger: the rows reconcile with the
  // rejects (person D is still read; only the link is lost).
  let file = try #require(result.files.first)
  #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (5, 2, 3))
  #expect(file.rowsRejected == result.rejects.count)
}

/// Each bad row of a links file is rejected for its first problem, in the order a row is
/// checked (its id, the linked id, the relation, a link to oneself), at its own line, and
/// the good rows become links both ways.
@Test func eachBadLinkRowIsRejectedForItsFirstProblemAtItsLine() throws {
  let fixture = try PackFixture(
    schema: """
      person:
        fields:
          ward: { type: string, source: council }
      relations:
        sibling: { symmetric: true }
      sources:
        council:
          gateway: test
          tables:
            - { kind: person, path: people.csv }
            - { kind: links, path: links.csv }
      """)
  defer { fixture.remove() }
  let result = try fixture.read([
    "people.csv": "person_id,ward\nA,North\nB,South\nC,East\n",
    "links.csv": """
    person_id,linked_person_id,relation
    A,B,sibling
    Z,B,cousin
    A,Y,cousin
    A,C,cousin
    C,C,sibling
    C,A,sibling

    """,
  ])
  #expect(
    result.rejects.map(\.description) == [
      "links.csv:3: person_id: unknown person id 'Z'",
      "links.csv:4: linked_person_id: unknown person id 'Y'",
      "links.csv:5: relation: 'cousin' is not a known relation (expected one of sibling)",
      "links.csv:6: linked_person_id: a person cannot be linked to themselves",
    ])
  #expect(result.population.links(of: 0).map(\.to) == [1, 2])
  #expect(result.population.links(of: 1).map(\.to) == [0])
  #expect(result.population.links(of: 2).map(\.to) == [0])
  let links = try #require(result.files.first { $0.path == "links.csv" })
  #expect((links.rowsRead, links.rowsUsed, links.rowsRejected) == (6, 2, 4))
}
