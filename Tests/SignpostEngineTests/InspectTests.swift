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

/// `inspect` lists each file's first rejects with line, field and reason, so the signals
/// of a messy extract (an id with a space, bytes that are not UTF-8, a quote never closed)
/// show before any scoring, beside the file's warnings.
@Test func inspectListsEachFilesFirstRejectsAndWarnings() throws {
  let fixture = try PackFixture(
    schema: """
      person:
        fields:
          attendance: { type: double, source: council }
      sources:
        council:
          gateway: test
          tables:
            - { kind: person, path: people.csv }
      """)
  defer { fixture.remove() }
  let folder = try TemporaryFolder("signpost-extract", files: ["notes.txt": "not an extract\n"])
  defer { folder.remove() }
  let bytes =
    Array("person_id,attendance\nP1,90\n P2,80\nP3,9\u{1}\n".utf8) + [0x50, 0x34, 0x2C, 0xE9, 0x0A]
    + Array("P5,\"70\nP6,60\n".utf8)
  try Data(bytes).write(to: folder.url.appendingPathComponent("people.csv"))
  let (profiles, read) = try ExtractInspector.inspect(
    pack: try fixture.compile().get(), directory: folder.path)
  let people = try #require(profiles.first { $0.path == "people.csv" })
  #expect(read.ignoredFiles == ["notes.txt"])
  #expect(
    people.firstRejects.map(\.line) == read.rejects.filter { $0.file == "people.csv" }.map(\.line))
  let text = people.text
  #expect(text.contains("rejected: line 3: person_id: the id ' P2' starts with a space"))
  #expect(text.contains("rejected: line 5: attendance: the value is not valid UTF-8"))
  #expect(text.contains("rejected: line 6: a quote opened on this line is never closed"))
  #expect(
    text.contains("warning: the file is not UTF-8 (first at line 5); it looks Latin-1 encoded"))
  #expect(people.json.contains("\"first_rejects\":[{\"line\":3,\"field\":\"person_id\""))
}
