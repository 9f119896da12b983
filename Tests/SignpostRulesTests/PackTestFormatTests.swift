import Foundation
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

/// The tiny pack with the police source writing its own codes and dates, so that a case's raw
/// rows test the mapping as well as the rules.
private func packWithPartnerSpellings(cases: String) throws -> PackFixture {
  try PackFixture(
    edits: [
      "schema.yaml": replacing(
        "    gateway: Crime and Disorder Act 1998 s.115; Serious Violence Duty (PCSC Act 2022 s.16)\n",
        with: """
              gateway: Crime and Disorder Act 1998 s.115; Serious Violence Duty (PCSC Act 2022 s.16)
              values:
                dates: [dd/MM/yyyy]
                null: ["", N/K]
                codes:
                  police_contacts.role: { S: suspect, V: victim, W: witness }

          """)
    ],
    files: ["tests/cases.yaml": "cases:\n" + cases])
}

private func run(_ fixture: PackFixture) throws -> [PackTestReport.CaseResult] {
  PackTestRunner.run(try fixture.compile().get()).cases
}

@Test func aCaseGivesRawPartnerRowsAndTheReadersMapThem() throws {
  let fixture = try packWithPartnerSpellings(
    cases: """
        - name: coded police rows are mapped before the rules see them
          as_of: 2025-04-01
          subject: P1
          extract:
            people.csv: |
              person_id,date_of_birth,attendance
              P1,2010-06-01,85.5
              P2,2011-02-03,not a number
            police_contacts.csv:
              - { person_id: P1, date: 28/03/2025, role: S }
              - { person_id: P1, date: N/K, role: V }
            social_care.csv:
              - { person_id: P1, open_to_service: "false" }
          expect:
            rejected: 2
            fired: [persistent_absence, recent_suspect_contact]
            programmes: { pied: recommended }
        - name: a rejected row nobody expected is an error of the case
          as_of: 2025-04-01
          subject: P1
          extract:
            people.csv: |
              person_id,date_of_birth,attendance
              P1,2010-06-01,eighty
          expect:
            fired: []
        - name: the subject must be in the extract
          as_of: 2025-04-01
          subject: P9
          extract:
            people.csv: |
              person_id,date_of_birth,attendance
              P1,2010-06-01,85.5
          expect:
            fired: []
        - name: a wrong count of rejected rows is a difference
          as_of: 2025-04-01
          subject: P1
          extract:
            people.csv: |
              person_id,date_of_birth,attendance
              P1,2010-06-01,85.5
          expect:
            rejected: 1
            fired: [persistent_absence]

      """)
  defer { fixture.remove() }
  let cases = try run(fixture)
  #expect(cases.count == 4)
  #expect(cases[0].passed, "\(cases[0].differences) \(cases[0].diagnostics.map(\.message))")
  // The row is rejected, so P1 is not in the extract either.
  #expect(cases[1].diagnostics.count == 2)
  #expect(
    cases[1].diagnostics.first?.message.hasPrefix(
      "row rejected (say 'rejected:' to expect it): people.csv:2:") == true)
  #expect(cases[1].diagnostics.last?.message == "subject 'P1' is not a person of the extract")
  #expect(
    cases[2].diagnostics.map(\.message) == [
      "subject 'P9' is not a person of the extract; did you mean 'P1'?"
    ])
  #expect(cases[3].differences == ["rejected rows: expected 1, actual 0"])
}

@Test func aCapacityCaseGeneratesItsCompetitorsFromATemplate() throws {
  func competitors(_ count: Int, _ status: String) -> String {
    """
      - name: \(count) others with higher scores rank before the subject
        as_of: 2025-04-01
        person:
          date_of_birth: 2010-06-01
          attendance: 95
          open_to_service: false
          police_contacts:
            - { date: 2025-03-28, role: suspect }
        others:
          - repeat: \(count)
            person:
              id: peer_{n}
              date_of_birth: 2010-06-01
              attendance: "8{n}.5"
              open_to_service: false
              police_contacts:
                - { date: 2025-03-28, role: suspect }
        expect:
          fired: [recent_suspect_contact]
          programmes: { pied: \(status) }

    """
  }
  // PIED has 5 places; the others score 50 (absence and police contact), the subject 30.
  let fixture = try PackFixture(
    files: [
      "tests/cases.yaml": "cases:\n" + competitors(4, "recommended") + competitors(9, "waitlisted")
    ])
  defer { fixture.remove() }
  let cases = try run(fixture)
  #expect(
    cases.map(\.passed) == [true, true],
    "\(cases.map(\.differences)) \(cases.map { $0.diagnostics.map(\.message) })")
}

@Test func aGeneratedPersonWithABadValueNamesItsTemplate() throws {
  let fixture = try PackFixture(
    files: [
      "tests/cases.yaml": """
      cases:
        - name: bad template
          as_of: 2025-04-01
          person: { attendance: 85.5 }
          others:
            - repeat: 3
              person: { attendance: "x{n}" }
          expect:
            includes: [persistent_absence]

      """
    ])
  defer { fixture.remove() }
  let cases = try run(fixture)
  #expect(
    cases.first?.diagnostics.map(\.message) == [
      "expected a number for field 'attendance', found 'x1'",
      "expected a number for field 'attendance', found 'x2'",
      "expected a number for field 'attendance', found 'x3'",
    ])
}

@Test func aBadTestPersonIsReportedAtItsFileLineAndField() throws {
  let fixture = try PackFixture(files: [
    "tests/cases.yaml": """
    cases:
      - name: written records with a problem in each shape
        as_of: 2025-04-01
        sources: [school, police]
        person:
          attendance: lots
          atendance: 80
          open_to_service: false
          police_contacts:
            - { date: 2025-03-28, role: suspct }
            - just a word
        links:
          - relation: sibling
            person: { police_contacts: not a list }
        expect:
          fired: []

    """
  ])
  defer { fixture.remove() }
  let cases = try run(fixture)
  let rendered = (cases.first?.diagnostics ?? []).map {
    "\($0.locationText.replacingOccurrences(of: fixture.directory.path, with: "PACK")): "
      + $0.message
  }
  #expect(
    rendered == [
      "PACK/tests/cases.yaml:6:19: expected a number for field 'attendance', found 'lots'",
      "PACK/tests/cases.yaml:7:7: unknown field 'atendance' for a test person; did you mean 'attendance'?",
      "PACK/tests/cases.yaml:8:7: field 'open_to_service' comes from source 'social_care', which this case does not supply",
      "PACK/tests/cases.yaml:10:37: 'suspct' is not a value of 'police_contacts' field 'role'; did you mean 'suspect'? (values: suspect, victim, witness)",
      "PACK/tests/cases.yaml:11:11: expected a mapping for a 'police_contacts' event",
      "PACK/tests/cases.yaml:14:36: expected a list of 'police_contacts' events",
    ])
}
