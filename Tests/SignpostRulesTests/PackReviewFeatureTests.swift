import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

// Pack-format features from the Wigan review (issue 11): gateways a DPO can confirm, context
// indicators with 0 points, and how a programme's exclusions and ties are declared.

@Test func rulesReadingAnUnconfirmedSourceOfThePersonOrALinkedPersonAreWarnedAbout() throws {
  let fixture = try PackFixture(edits: [
    "schema.yaml": replacing(
      "gateway: Crime and Disorder Act 1998 s.115; Serious Violence Duty (PCSC Act 2022 s.16)",
      with: "gateway: unconfirmed\n    gateway_note: ask the DPO")
  ])
  defer { fixture.remove() }
  let pack = try fixture.compile().get()
  let warnings = pack.warnings.map {
    DiagnosticRenderer.render($0).replacingOccurrences(of: fixture.directory.path, with: "PACK")
      .split(separator: "\n").first.map(String.init) ?? ""
  }
  // recent_suspect_contact reads the person's police contacts; sibling_recent_suspect reads
  // them through a linked person's indicator; PIED through its eligibility.
  #expect(
    warnings == [
      "PACK/indicators/police.yaml:2:5: warning: indicator 'recent_suspect_contact' reads source 'police', whose gateway is unconfirmed",
      "PACK/indicators/police.yaml:10:5: warning: indicator 'sibling_recent_suspect' reads source 'police' (through indicator 'recent_suspect_contact'), whose gateway is unconfirmed",
      "PACK/programmes/pied.yaml:1:1: warning: programme 'pied' reads source 'police' (through indicator 'recent_suspect_contact'), whose gateway is unconfirmed",
    ])
  #expect(pack.warnings.first?.notes == ["ask the DPO"])
}

@Test func aConfirmedGatewayGivesNoWarning() throws {
  let fixture = try PackFixture()
  defer { fixture.remove() }
  #expect(try fixture.compile().get().warnings.isEmpty)
}

@Test func zeroPointsAreAllowedOnlyInAContextDomainWithCapZero() throws {
  let fixture = try PackFixture(edits: [
    "scoring.yaml": replacing(
      "  - { id: familial, name: Familial, cap: 20 }",
      with: "  - { id: familial, name: Familial, cap: 0 }"),
    "indicators/police.yaml": replacing("    points: 10\n", with: "    points: 0\n"),
  ])
  defer { fixture.remove() }
  #expect(fixture.diagnostics() == "")
  let scored = try PackFixture(edits: [
    "indicators/police.yaml": replacing("    points: 10\n", with: "    points: 0\n")
  ])
  defer { scored.remove() }
  #expect(scored.diagnostics().contains("error: indicator 'sibling_recent_suspect' has 0 points"))
  #expect(scored.diagnostics().contains("in a domain whose cap is 0"))
}

@Test func exclusionOutcomesAndTiesAreReadAndCheckedWithLineAndColumn() throws {
  let fixture = try PackFixture(edits: [
    "programmes/pied.yaml": replacing(
      "capacity: 5\n", with: "capacity: 5\nties: waitlist_all\n")
      >> replacing(
        "    when: person.open_to_service\n",
        with:
          "    when: person.open_to_service\n    outcome: listed\n    note: Inform the allocated worker\n"
      )
  ])
  defer { fixture.remove() }
  let pack = try fixture.compile().get()
  let pied = try #require(pack.programmes.first)
  #expect(pied.programme.ties == .waitlistAll)
  #expect(pied.programme.exclusions.first?.outcome == .listed)
  #expect(pied.programme.exclusions.first?.note == "Inform the allocated worker")

  let broken = try PackFixture(edits: [
    "programmes/pied.yaml": replacing("capacity: 5\n", with: "capacity: 5\nties: by_id\n")
      >> replacing(
        "    when: person.open_to_service\n",
        with: "    when: person.open_to_service\n    outcome: listd\n")
  ])
  defer { broken.remove() }
  #expect(
    broken.diagnostics().contains(
      "PACK/programmes/pied.yaml:5:7: error: ties must be one of panel, recommend_all, waitlist_all, not 'by_id'"
    ))
  #expect(
    broken.diagnostics().contains(
      "error: outcome must be one of excluded, listed, holds_place, not 'listd'; did you mean 'listed'?"
    ))

  let noNote = try PackFixture(edits: [
    "programmes/pied.yaml": replacing(
      "    when: person.open_to_service\n",
      with: "    when: person.open_to_service\n    outcome: listed\n")
  ])
  defer { noNote.remove() }
  #expect(noNote.diagnostics().contains("an exclusion with outcome listed needs a 'note'"))
}

/// Two edits one after the other.
private func >> (
  first: @escaping @Sendable (String) -> String, second: @escaping @Sendable (String) -> String
) -> @Sendable (String) -> String {
  { second(first($0)) }
}
