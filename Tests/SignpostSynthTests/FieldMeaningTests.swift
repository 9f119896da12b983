import Foundation
import SignpostRules
import SignpostSynth
import SignpostTestSupport
import Testing

/// The generator fills fields by the meaning the schema gives them, not by Wigan's names.
@Suite struct FieldMeaningTests {
  static func schema(
    attendance: String, fsm: String, contacts: String, role: String, means: Bool
  ) -> String {
    func meaning(_ word: String) -> String { means ? ", means: \(word)" : "" }
    return """
      person:
        fields:
          \(attendance): { type: double, source: school\(meaning("attendance")) }
          \(fsm): { type: bool, source: school\(meaning("fsm")) }
      events:
        \(contacts):
          source: school
      \(means ? "    means: police_contacts\n" : "")\
          fields:
            \(role): { type: enum, values: [suspect, victim, witness]\(meaning("role")) }
      relations: {}
      sources:
        school:
          gateway: test
          tables:
            - { kind: person, path: pupils.csv }
            - { kind: events, list: \(contacts), path: contacts.csv }

      """
  }

  /// Every row of every file, the header left out.
  static func rows(schema text: String) throws -> [String: [[String]]] {
    let fixture = try PackFixture(schema: text)
    defer { fixture.remove() }
    let schema = try fixture.compile().get().schema
    let (folder, manifest) = try generate(people: 300, seed: 5, badRows: 0, schema: schema)
    defer { folder.remove() }
    var tables: [String: [[String]]] = [:]
    for file in manifest.files {
      tables[file.path] = Array(
        try readCSV(folder.url.appendingPathComponent(file.path)).dropFirst())
    }
    return tables
  }

  @Test func fieldsNamedOtherwiseButMeaningTheSameGetTheSameValues() throws {
    let named = try Self.rows(
      schema: Self.schema(
        attendance: "attendance", fsm: "fsm", contacts: "police_contacts", role: "role",
        means: false))
    let meant = try Self.rows(
      schema: Self.schema(
        attendance: "attendance_pct", fsm: "free_meals", contacts: "contacts",
        role: "contact_role", means: true))
    #expect(named.keys.sorted() == ["contacts.csv", "pupils.csv"])
    #expect(named == meant)
    let roles = Set((named["contacts.csv"] ?? []).map { $0[2] })
    #expect(roles.isSuperset(of: ["suspect", "victim"]), "\(roles)")
    // Without a meaning, the same fields get generic values.
    let generic = try Self.rows(
      schema: Self.schema(
        attendance: "attendance_pct", fsm: "free_meals", contacts: "contacts",
        role: "contact_role", means: false))
    #expect(generic["pupils.csv"] != named["pupils.csv"])
  }

  @Test func anUnknownMeaningIsAnErrorAtItsPosition() throws {
    let fixture = try PackFixture(schema: "")
    defer { fixture.remove() }
    let schema = MarkedSource(
      """
      person:
        fields:
          attendance_pct: { type: double, source: school, means: 1️⃣atendance }
      relations: {}
      sources:
        school:
          gateway: test
          tables:
            - { kind: person, path: pupils.csv }

      """)
    try expectDiagnostics(
      fixture, file: "schema.yaml", schema,
      [
        (
          "1️⃣",
          "person field 'attendance_pct' means 'atendance', which is not a meaning Signpost knows; did you mean 'attendance'?"
        )
      ])
  }
}
