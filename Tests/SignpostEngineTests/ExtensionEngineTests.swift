import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// Indicators that clean and test partner values with the strings extension and the
/// two-variable comprehensions, each aimed at an edge case: empty strings, out-of-range
/// indexes, non-ASCII text and errors.
private let extensionIndicators = [
  ("char_at", "person.code.charAt(0) == 'X'"),
  ("char_at_past_end", "person.code.charAt(4) == ''"),
  ("index_of_accent", "person.name.indexOf('é') == 3"),
  ("last_index_of", "person.name.lastIndexOf('a') == 2"),
  ("lower_ascii", "person.name.lowerAscii() == 'josé'"),
  ("upper_ascii", "person.name.upperAscii() == 'JOSé'"),
  ("replace_dashes", "person.code.trim().replace('-', '', -1) == 'X12'"),
  ("split_join", "person.name.split('').join('.') == 'J.o.s.é'"),
  ("substring", "person.code.substring(1, 3) == '12'"),
  ("reverse", "person.name.reverse() == 'ésoJ'"),
  ("format", "'%s/%d/%.1f'.format([person.code, size(person.name), 2.25]) == 'X12/4/2.2'"),
  ("quote", "strings.quote(person.name) == '\"José\"'"),
  (
    "second_contact_suspect",
    "person.contacts.exists(i, c, i == 1 && c.role.upperAscii() == 'SUSPECT')"
  ),
  ("roles_in_order", "person.contacts.transformList(i, c, c.role).join(',') == 'victim,suspect'"),
  ("roles_by_index", "person.contacts.transformMap(i, c, c.role)[0] == 'victim'"),
]

private let extensionSchema = """
  person:
    fields:
      name: { type: string, source: hub }
      code: { type: string, source: hub }
  events:
    contacts:
      source: hub
      fields:
        role: { type: string }
  relations:
    sibling: { symmetric: true }
  sources:
    hub:
      gateway: test
      tables:
        - { kind: person, path: people.csv }
        - { kind: events, list: contacts, path: contacts.csv }
  """

private let extensionExtract = [
  "people.csv": """
  person_id,name,code
  A,José,X12
  B,,
  C,Ana,X-1-2
  D,é,"  X12 "

  """,
  "contacts.csv": """
  person_id,date,role
  A,2025-03-01,victim
  A,2025-03-02,suspect
  C,2025-03-02,Suspect

  """,
]

/// Both evaluators give the same outcomes for every extension indicator; the reference
/// evaluator's outcomes pin the edge cases.
@Test func extensionFunctionsGiveTheSameOutcomesOnBothEngines() throws {
  let fixture = try PackFixture(schema: extensionSchema)
  defer { fixture.remove() }
  let indicators = extensionIndicators.map { id, when in
    "  - { id: \(id), domain: d, description: \(id), points: 1, when: \"\(when.replacingOccurrences(of: "\"", with: "\\\""))\" }\n"
  }.joined()
  try ("indicators:\n" + indicators).write(
    to: fixture.directory.appendingPathComponent("indicators/i.yaml"), atomically: true,
    encoding: .utf8)
  let pack = try fixture.compile().get()
  let folder = try TemporaryFolder(files: extensionExtract)
  defer { folder.remove() }
  let fast = try ScoringRun.run(pack: pack, inputDirectory: folder.path, asOf: asOf, engine: .fast)
  let reference = try ScoringRun.run(
    pack: pack, inputDirectory: folder.path, asOf: asOf, engine: .reference)
  #expect(fast.table.outcomes == reference.table.outcomes)
  #expect(RunOutputs.scoresCSV(fast) == RunOutputs.scoresCSV(reference))

  let people = Dictionary(
    uniqueKeysWithValues: (0..<reference.peopleCount).map { (reference.id($0), $0) })
  let a = try #require(people["A"])
  #expect(
    reference.indicators(a, .fired) == [
      "char_at", "index_of_accent", "lower_ascii", "upper_ascii", "replace_dashes", "split_join",
      "substring", "reverse", "format", "quote", "second_contact_suspect", "roles_in_order",
      "roles_by_index",
    ])
  // 'José'.lastIndexOf('a') is -1; 'X12'.charAt(4) is past the end, an error.
  #expect(reference.indicators(a, .notFired) == ["last_index_of"])
  #expect(reference.indicators(a, .failed) == ["char_at_past_end"])
  // Empty cells are missing: the indicators on them are not evaluated, none fails; indexing
  // the empty map of a person without contacts is an error, as in cel-go.
  let b = try #require(people["B"])
  #expect(reference.indicators(b, .failed) == ["roles_by_index"])
  #expect(reference.indicators(b, .notEvaluated).contains("char_at"))
  // 'Ana': lastIndexOf finds the last 'a'; 'X-1-2' cleans to 'X12'; its one contact is index 0,
  // so the second-contact rule does not fire.
  let c = try #require(people["C"])
  #expect(reference.indicators(c, .fired).contains("last_index_of"))
  #expect(reference.indicators(c, .fired).contains("replace_dashes"))
  #expect(!reference.indicators(c, .fired).contains("second_contact_suspect"))
  #expect(reference.indicators(c, .failed) == [])
  // '  X12 ' trims to 'X12'; 'é' is one code point, so it is at index 0, not 3.
  let d = try #require(people["D"])
  #expect(reference.indicators(d, .fired).contains("replace_dashes"))
  #expect(!reference.indicators(d, .fired).contains("index_of_accent"))
  #expect(reference.indicators(d, .failed) == ["roles_by_index"])
  print("extension indicators ran on the \(fast.engine) engine")
}
