import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

@Test func tinyPackCompilesInStrata() throws {
  let fixture = try PackFixture()
  defer { fixture.remove() }
  let pack = try fixture.compile().get()
  #expect(
    pack.indicators.map(\.indicator.id) == [
      "persistent_absence", "recent_suspect_contact", "sibling_recent_suspect",
    ])
  #expect(pack.indicators.map(\.stratum) == [0, 0, 1])
  #expect(pack.strata.count == 2)
  #expect(pack.contentHash.count == 64)
}

@Test func reportsEveryProblemOfAPackInOneGo() throws {
  let fixture = try PackFixture(edits: [
    "indicators/education.yaml": { text in
      replacing("when: attendance <= 90.0", with: "when: attendance <= '90'")(
        replacing("domain: education", with: "domain: educaton")(text))
    },
    "indicators/police.yaml": replacing("c.role == 'suspect'", with: "c.role == 'suspct'"),
    "scoring.yaml": { $0 + "extra: 1\n" },
  ])
  defer { fixture.remove() }
  #expect(
    fixture.diagnostics() == """
      PACK/indicators/education.yaml:3:13: error: indicator 'persistent_absence' names unknown domain 'educaton'; did you mean 'education'?
          domain: educaton
                  ^
      note: domains are declared in scoring.yaml: education, police, familial
      PACK/indicators/education.yaml:9:22: error: no matching overload for '<=' applied to (double, string)
          when: attendance <= '90'
                           ^
      PACK/indicators/police.yaml:7:62: error: 'suspct' is not a value of Event.police_contacts.role; did you mean 'suspect'? (values: suspect, victim, witness)
            count: size(person.police_contacts.filter(c, c.role == 'suspct' && within(c.date, days(7))))
                                                                   ^
      PACK/scoring.yaml:9:1: error: unknown key 'extra' in scoring.yaml
      extra: 1
      ^~~~~
      4 errors generated.
      """)
}

@Test func unknownFieldInsideABlockScalarPointsIntoTheBlock() throws {
  let fixture = try PackFixture(edits: [
    "indicators/education.yaml": replacing(
      "    when: attendance <= 90.0",
      with: """
            when: |
              attendance <= 90.0 &&
                person.atendance > 0.0
        """)
  ])
  defer { fixture.remove() }
  #expect(
    fixture.diagnostics() == """
      PACK/indicators/education.yaml:11:15: error: Person has no field 'atendance'; did you mean 'attendance'?
              person.atendance > 0.0
                    ^
      1 error generated.
      """)
}

@Test func cycleNamesEveryMember() throws {
  let fixture = try PackFixture(files: [
    "indicators/cycle.yaml": """
    indicators:
      - id: a
        domain: education
        description: a
        points: 1
        when: indicators.b
      - id: b
        domain: education
        description: b
        points: 1
        when: indicators.c || false
      - id: c
        domain: education
        description: c
        points: 1
        when: indicators.a
    """
  ])
  defer { fixture.remove() }
  let text = fixture.diagnostics()
  #expect(
    text.contains("error: indicators depend on each other in a cycle: 'a' -> 'b' -> 'c' -> 'a'"))
  #expect(text.contains("note: 'a' is defined at PACK/indicators/cycle.yaml:2:5"))
  #expect(text.contains("note: 'c' is defined at PACK/indicators/cycle.yaml:12:5"))
}

@Test func networkRuleThatWouldNeedIterationIsRejected() throws {
  let fixture = try PackFixture(files: [
    "indicators/network.yaml": """
    indicators:
      - id: peer_risk
        domain: familial
        description: A peer is at risk
        points: 5
        when: links.peer.exists(p, p.indicators.peer_risk)
    """
  ])
  defer { fixture.remove() }
  #expect(
    fixture.diagnostics().contains(
      "error: network rules would need iteration: indicators read each other through linked persons: 'peer_risk' -> 'peer_risk'"
    ))
}

@Test func unknownPlaceholderIsReported() throws {
  let fixture = try PackFixture(edits: [
    "indicators/education.yaml": replacing(
      "Attendance {attendance}%", with: "Attendance {attendence}%")
  ])
  defer { fixture.remove() }
  #expect(
    fixture.diagnostics().contains(
      "error: description of 'persistent_absence' uses {attendence}, which is not an evidence value; did you mean 'attendance'?"
    ))
}

@Test func missingFilesAndBrokenYAMLAreDiagnosedNotFatal() throws {
  let fixture = try PackFixture(files: [
    "programmes/broken.yaml": "id: x\nname: [unclosed\n"
  ])
  defer { fixture.remove() }
  try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("scoring.yaml"))
  let text = fixture.diagnostics()
  #expect(text.contains("PACK/scoring.yaml: error: the pack has no scoring.yaml"))
  #expect(text.contains("PACK/programmes/broken.yaml:3:1: error: invalid YAML"))
}

@Test func whenMustBeBoolean() throws {
  let fixture = try PackFixture(edits: [
    "indicators/education.yaml": replacing("when: attendance <= 90.0", with: "when: attendance")
  ])
  defer { fixture.remove() }
  #expect(
    fixture.diagnostics().contains(
      "education.yaml:9:11: error: expected an expression of type bool, found double"))
}
