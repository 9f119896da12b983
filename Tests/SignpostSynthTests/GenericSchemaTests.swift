import Foundation
import SignpostEngine
import SignpostRules
import SignpostSynth
import SignpostTestSupport
import Testing

/// A schema unlike Wigan's: other field names, an unknown event list and relation, value
/// codes, another date format and null marker, mapped columns and key columns, folders.
/// (Partners' own ids and the linkage file are exercised on the Wigan schema, in
/// PartnerShapeTests.)
let otherSchema = """
  person:
    birth_date: dob
    fields:
      dob: { type: date, source: register }
      gender: { type: enum, values: [F, M, X], source: register }
      attendance: { type: double, source: school }
      sen: { type: enum, values: [none, sen_support, ehcp], source: school }
      tutor_group: { type: string, source: school }
      on_plan: { type: bool, source: care }
  events:
    police_contacts:
      source: police
      fields:
        role: { type: enum, values: [suspect, victim, witness] }
        weapon: { type: bool }
    youth_club_visits:
      source: school
      fields:
        hours: { type: int }
  relations:
    sibling: { symmetric: false }
    friend: { symmetric: true }
    household: { symmetric: true }
  sources:
    register:
      gateway: test
      tables:
        - { kind: person, path: register/people.csv, key: id, columns: { dob: birth_date } }
        - { kind: links, path: register/links.csv, key: id }
    school:
      gateway: test
      values:
        dates: [dd/MM/yyyy]
        true: [Y]
        false: [N]
        null: ["NULL"]
        codes:
          sen: { N: none, K: sen_support, E: ehcp }
      tables:
        - { kind: person, path: school/pupils.csv, key: upn }
        - { kind: events, list: youth_club_visits, path: school/visits.csv }
    police:
      gateway: test
      tables:
        - { kind: events, list: police_contacts, path: police.csv, key: police_id }
    care:
      gateway: test
      tables:
        - { kind: person, path: care.csv }

  """

/// A compiled pack around a schema, with placeholder manifest and scoring and no rules.
func schemaPack(_ schema: String) throws -> CompiledPack {
  let fixture = try PackFixture(schema: schema)
  defer { fixture.remove() }
  return try fixture.compile().get()
}

@Test func anotherSchemaGetsCompleteExtractsTheReaderAccepts() throws {
  let pack = try schemaPack(otherSchema)
  let (folder, manifest) = try generate(people: 1500, seed: 21, badRows: 12, schema: pack.schema)
  defer { folder.remove() }
  #expect(
    manifest.files.map(\.path) == [
      "register/people.csv", "register/links.csv", "school/pupils.csv", "school/visits.csv",
      "police.csv", "care.csv",
    ])
  let people = try readCSV(folder.url.appendingPathComponent("register/people.csv"))
  #expect(people[0] == ["id", "birth_date", "gender"])
  // The register's source writes the default yyyy-MM-dd; the school's writes dd/MM/yyyy.
  let births = people.dropFirst().map { $0[1] }.filter { !$0.isEmpty }
  #expect(births.count > 1000)
  #expect(births.filter { PackDate(iso: $0) == nil }.count <= 1, "at most one bad date")
  let pupils = try readCSV(folder.url.appendingPathComponent("school/pupils.csv"))
  #expect(pupils[0] == ["upn", "attendance", "sen", "tutor_group"])
  #expect(pupils.dropFirst().contains { $0[2] == "K" }, "SEN written as the source's codes")
  let visits = try readCSV(folder.url.appendingPathComponent("school/visits.csv"))
  #expect(visits.count > 10, "an event list the model does not know still gets events")
  #expect(visits.dropFirst().contains { $0[1].dropFirst(2).first == "/" }, "dd/MM/yyyy dates")
  let links = try readCSV(folder.url.appendingPathComponent("register/links.csv"))
  let relations = Set(links.dropFirst().map { $0[2] })
  #expect(relations.isSuperset(of: ["sibling", "household"]))
  #expect(!relations.contains("friend"), "the model makes no friends")

  let result = try ExtractReader(pack: pack, directory: folder.path).read()
  let rejected = result.rejects.map { "\($0.file):\($0.line)" }
  let planted = manifest.badRows.map { "\($0.file):\($0.line)" }
  #expect(rejected.sorted() == planted.sorted(), "\(result.rejects.map(\.description))")
  for file in result.files {
    #expect(file.reconciles, "\(file.path) does not reconcile")
  }
  #expect(result.population.count == manifest.persons)
}

@Test func theTinyPackSchemaGetsExtractsToo() throws {
  let tiny = repositoryRoot.appendingPathComponent("Tests/Fixtures/packs/tiny").path
  let pack = try PackCompiler.compile(directory: tiny).get()
  let (folder, manifest) = try generate(people: 400, seed: 2, schema: pack.schema)
  defer { folder.remove() }
  #expect(manifest.files.map(\.path) == ["people.csv", "police_contacts.csv", "social_care.csv"])
  let result = try ExtractReader(pack: pack, directory: folder.path).read()
  #expect(
    result.rejects.map { "\($0.file):\($0.line)" }.sorted()
      == manifest.badRows.map { "\($0.file):\($0.line)" }.sorted())
}
