import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// `inspect` names the key column, hints at ids spelt in another case, and suggests the
/// code-list line for an unknown code.
@Test func inspectNamesTheKeyHintsAtCaseMismatchesAndSuggestsACode() throws {
  let fixture = try PackFixture(
    schema: """
      person:
        fields:
          attendance: { type: double, source: council }
          sex: { type: enum, values: [female, male], source: school }
      relations:
        sibling: { symmetric: true }
      sources:
        council:
          gateway: test
          tables:
            - { kind: person, path: people.csv }
        school:
          gateway: test
          values:
            codes:
              sex: { F: female, M: male }
          tables:
            - { kind: person, path: census.csv, key: UPN, id_system: upn }
      linkage:
        path: linkage.csv
      """)
  defer { fixture.remove() }
  let (profiles, read) = try fixture.inspect([
    "people.csv": "person_id,attendance\nP1,90\nP2,80\n",
    "linkage.csv":
      "system,source_id,person_id,method,score\nupn,A1,P1,exact,1\nupn,A2,P2,exact,1\n",
    "census.csv": "UPN,sex\nA1,F\na2,M\nA1X,W\n",
  ])
  let census = try #require(profiles.first { $0.path == "census.csv" })
  #expect(census.keyColumn == "UPN")
  #expect(census.caseMismatches == 1)
  #expect(census.unmatched.noLink == 1)
  #expect(census.text.contains("keyed by UPN (upn)"))
  #expect(census.text.contains("HINT: 1 unmatched UPN ids are in the linkage in another case"))
  #expect(
    census.text.contains(
      "to read 'W', add a code under sources.school.values.codes.sex in schema.yaml:  W: <one of female, male>"
    ))
  #expect(census.json.contains("\"key_column\":\"UPN\""))
  #expect(read.rejects.contains { $0.reason.contains("the linkage has 'A2'") })
}
