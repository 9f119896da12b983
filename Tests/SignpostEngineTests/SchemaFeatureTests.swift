import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// The schema features partners' data needs (docs/rule-pack.md).
@Suite struct SchemaFeatureTests {
  static let eventSchema = """
    person:
      fields:
        attendance: { type: double, source: hub, minimum: 0, maximum: 100 }
        school: { type: string, source: hub, pattern: "[0-9]{6}" }
    events:
      contacts:
        source: hub
        fields:
          role:
            type: enum
            values: [suspect, victim, other]
            null: ["NULL"]
          offence: { type: enum, values: [theft, robbery], unknown_codes: unknown }
    relations:
      sibling: { symmetric: true }
    sources:
      hub:
        gateway: test
        values:
          dates: ["yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm", yyyy-MM-dd]
          codes:
            contacts.role: { S: suspect, V: victim, "": other }
        tables:
          - { kind: person, path: people.csv }
          - { kind: events, list: contacts, path: contacts.csv }
    """

  @Test func dateTimesWithOffsetsBecomeTheCivilDateOfThePacksZone() throws {
    let fixture = try PackFixture(schema: Self.eventSchema, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv": "person_id,attendance,school\nP1,90,123456\n",
        "contacts.csv": "person_id,date,role,offence\n"
          + "P1,2024-06-30T23:30:00+00:00,S,theft\n"  // 00:30 BST on 1 July
          + "P1,2024-01-05T13:20:00+01:00,S,theft\n" + "P1,2024-07-15T11:18,S,theft\n"
          + "P1,2024-12-31T23:30:00-05:00,S,theft\n",  // 04:30 GMT on 1 January
      ])
    #expect(result.rejects.isEmpty)
    let dates = try #require(result.population.events[0]).columns[0]
    let days = (0..<dates.count).map { dates.fieldValue($0) }
    func day(_ y: Int, _ m: Int, _ d: Int) -> FieldValue {
      .date(Int32(PackDate(year: y, month: m, day: d)!.daysSinceEpoch))
    }
    #expect(days == [day(2024, 7, 1), day(2024, 1, 5), day(2024, 7, 15), day(2025, 1, 1)])
  }

  @Test func anEmptyCellCanBeAValueForOneField() throws {
    let fixture = try PackFixture(schema: Self.eventSchema, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv": "person_id,attendance,school\nP1,90,123456\n",
        "contacts.csv":
          "person_id,date,role,offence\nP1,2024-01-01,,theft\nP1,2024-01-02,NULL,theft\n",
      ])
    #expect(result.rejects.isEmpty)
    let role = try #require(result.population.events[0]).columns[1]
    #expect(role.fieldValue(0) == .code(2))
    #expect(role.fieldValue(1) == .missing)
  }

  @Test func numbersOutOfRangeAndStringsNotMatchingThePatternAreRejected() throws {
    let fixture = try PackFixture(schema: Self.eventSchema, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv":
          "person_id,attendance,school\nP1,-5,123456\nP2,250,123456\nP3,90,12345\nP4,100,654321\n"
      ])
    #expect(
      result.rejects.map(\.description) == [
        "people.csv:2: attendance: '-5' is out of range (expected at least 0 and at most 100)",
        "people.csv:3: attendance: '250' is out of range (expected at least 0 and at most 100)",
        "people.csv:4: school: '12345' does not match the pattern [0-9]{6}",
      ])
    #expect(result.population.ids == ["P4"])
  }

  @Test func anUnknownCodeCanKeepTheRowWithTheValueUnknownAndAWarning() throws {
    let fixture = try PackFixture(schema: Self.eventSchema, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv": "person_id,attendance,school\nP1,90,123456\n",
        "contacts.csv":
          "person_id,date,role,offence\nP1,2024-01-01,V,arson\nP1,2024-01-02,V,theft\n",
      ])
    #expect(result.rejects.isEmpty)
    let events = try #require(result.population.events[0])
    #expect(events.count == 2)
    #expect(events.columns[2].fieldValue(0) == .missing)
    let file = try #require(result.files.first { $0.path == "contacts.csv" })
    #expect(
      file.warnings == [
        "1 row kept with a code outside the code list, the value unknown: line 2 offence 'arson'"
      ])
  }

  @Test func fieldChecksAreValidated() throws {
    let fixture = try PackFixture(
      schema: """
        person:
          fields:
            name: { type: string, source: hub, minimum: 3, pattern: "[a-" }
            age: { type: int, source: hub, minimum: 10, maximum: 5, unknown_codes: maybe }
        sources:
          hub:
            gateway: test
            tables:
              - { kind: person, path: people.csv }
        """, timeZone: "Europe/London")
    defer { fixture.remove() }
    let found = fixture.diagnosticLines().joined(separator: "\n")
    #expect(found.contains("'minimum' does not apply to a field of type string"))
    #expect(found.contains("'[a-' is not a regular expression"))
    #expect(found.contains("maximum 5.0 is below minimum 10.0"))
    #expect(found.contains("unknown_codes is 'reject'"))
  }

  @Test func linkageAcceptsAMethodWithABlankScoreAndCountsUnmatchedByWhy() throws {
    let fixture = try PackFixture(
      schema: """
        person:
          fields:
            attendance: { type: double, source: council }
        events:
          contacts:
            source: police
            fields: {}
        relations:
          sibling: { symmetric: true }
        sources:
          council:
            gateway: test
            tables:
              - { kind: person, path: people.csv }
          police:
            gateway: test
            tables:
              - { kind: events, list: contacts, path: contacts.csv, key: ref, id_system: police }
        linkage:
          path: linkage.csv
          minimum_score: 0.9
          accept_methods: [clerical]
        """, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv": "person_id,attendance\nP1,90\nP2,80\n",
        "linkage.csv": "system,source_id,person_id,method,score\n"
          + "police,R1,P1,clerical,\npolice,R2,P2,probabilistic,0.5\n"
          + "police,R3,P1,deterministic,1\npolice,R3,P2,deterministic,1\n",
        "contacts.csv": "ref,date\nR1,2024-01-01\nR2,2024-01-01\nR3,2024-01-01\nR4,2024-01-01\n",
      ])
    let contacts = try #require(result.files.first { $0.path == "contacts.csv" })
    #expect(contacts.rowsUsed == 1)
    #expect(contacts.unmatched.noLink == 1)
    #expect(contacts.unmatched.belowMinimum == 1)
    #expect(contacts.unmatched.ambiguous == 1)
    #expect(result.population.events[0]?.rows(of: 0).count == 1)
  }
}

extension SchemaFeatureTests {
  @Test func oneEventsFileFeedsSeveralListsByItsWhereColumn() throws {
    let fixture = try PackFixture(
      schema: """
        person:
          fields:
            attendance: { type: double, source: hub }
        events:
          suspensions:
            source: hub
            fields:
              days: { type: double }
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
              - { kind: person, path: people.csv }
              - { kind: events, list: suspensions, path: events.csv, where: { type: suspension } }
              - { kind: events, list: contacts, path: events.csv, where: { type: [contact, police_contact] } }
        """, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv": "person_id,attendance\nP1,90\n",
        "events.csv": "person_id,type,date,days,role\n" + "P1,suspension,2024-01-01,2,\n"
          + "P1,contact,2024-01-02,,suspect\n" + "P1,police_contact,2024-01-03,,victim\n"
          + "P1,exclusion,2024-01-04,,\n" + "P1,contact,2024-01-05,,robber\n",
      ])
    #expect(result.population.events[0]?.count == 1)
    #expect(result.population.events[1]?.count == 2)
    let file = try #require(result.files.first { $0.path == "events.csv" })
    #expect(
      (file.rowsRead, file.rowsUsed, file.rowsRejected, file.rowsSkipped) == (5, 3, 1, 1))
    #expect(file.reconciles)
    #expect(result.files.filter { $0.path == "events.csv" }.count == 1)
  }
}

extension SchemaFeatureTests {
  @Test func aPersonWithNoRowsInAManyRowsTableTakesTheDefault() throws {
    let fixture = try PackFixture(
      schema: """
        person:
          fields:
            attendance: { type: double, source: council }
            sessions_missed: { type: int, source: school }
        relations:
          sibling: { symmetric: true }
        sources:
          council:
            gateway: test
            tables:
              - { kind: person, path: people.csv }
          school:
            gateway: test
            tables:
              - kind: person
                path: absence.csv
                rows: many
                inputs: { missed: int }
                derive:
                  sessions_missed: sum(rows.map(r, r.missed))
                default: { sessions_missed: 0 }
        """, timeZone: "Europe/London")
    defer { fixture.remove() }
    let result = try fixture.read(
      [
        "people.csv": "person_id,attendance\nP1,90\nP2,80\n",
        "absence.csv": "person_id,missed\nP1,3\nP1,4\n",
      ])
    let missed = result.population.fields[1]
    #expect(missed.fieldValue(0) == .int(7))
    #expect(missed.fieldValue(1) == .int(0))
  }
}
