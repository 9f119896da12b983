import Foundation
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostSynth
import SignpostTestSupport
import Testing

// Partner extracts as they really come: several sources keyed by their own ids, joined to
// person ids by a linkage file; mapping and code-list errors; and the same people scored the
// same whether they arrive as tidy tables or as partner-shaped extracts.

// MARK: Mapping and code-list errors

@Test func mappingAndCodeListErrorsAreReportedAtTheirLineAndColumn() throws {
  let pack = try PackFixture(schema: "")
  defer { pack.remove() }
  let schema = MarkedSource(
    """
    person:
      fields:
        sen: { type: enum, values: [none, sen_support, ehcp], source: school }
        attendance: { type: double, source: school }
        fsm: { type: bool, source: school }
    events:
      suspensions:
        source: school
        fields:
          reason: { type: enum, values: [assault, other] }
    relations: {}
    sources:
      school:
        gateway: test
        values:
          codes:
            sen: { N: none, K: 1️⃣sen_suport }
            fsm: { "1": 2️⃣yes_please }
            3️⃣suspension.reason: { PP: assault }
            4️⃣suspensions.reasn: { PP: assault }
            5️⃣attendence: { X: "0" }
        tables:
          - { kind: 6️⃣pupils, path: census.csv, key: UPN, id_system: upn }
          - 7️⃣{ kind: events, list: suspension, path: exclusions.csv }
          - kind: person
            path: attendance_*.csv
            key: UPN
            id_system: upn
            rows: many
            inputs: { Possible: int, Missed: int }
            derive:
              attendance: sum(rows.map(r, r.Possible)) 8️⃣- sum(rows.map(r, r.Missed))
    linkage:
      path: linkage.csv
      minimum_score: 0.8

    """)
  try expectDiagnostics(
    pack, file: "schema.yaml", schema,
    [
      (
        "1️⃣",
        "code 'K' of code list 'sen' maps to 'sen_suport', which is not one of its values; did you mean 'sen_support'?"
      ),
      (
        "2️⃣",
        "code '1' of code list 'fsm' maps to 'yes_please', which is not a yes/no spelling of source 'school'"
      ),
      (
        "3️⃣",
        "code list 'suspension.reason' names unknown event list 'suspension'; did you mean 'suspensions'?"
      ),
      ("4️⃣", "event list 'suspensions' has no field 'reasn'; did you mean 'reason'?"),
      ("5️⃣", "code list 'attendence' names no field of source 'school'; did you mean 'attendance'?"),
      ("6️⃣", "unknown table kind 'pupils'"),
      ("7️⃣", "table names unknown event list 'suspension'; did you mean 'suspensions'?"),
      ("8️⃣", "expected an expression of type double, found int"),
    ])
}

@Test func aTableKeyedByPartnerIDsNeedsALinkageFile() throws {
  let pack = try PackFixture(schema: "")
  defer { pack.remove() }
  let schema = MarkedSource(
    """
    person:
      fields:
        sen: { type: enum, values: [none, sen_support, ehcp], source: school }
    relations: {}
    sources:
      school:
        gateway: test
        tables:
          - 1️⃣{ kind: person, path: census.csv, key: UPN, id_system: upn }

    """)
  try expectDiagnostics(
    pack, file: "schema.yaml", schema,
    [
      ("1️⃣", "the table is keyed by 'upn' ids, but the schema declares no linkage file")
    ])
}

@Test func theWiganPackCompilesWithItsPartnerTablesAndLinkage() throws {
  let pack = try PackCompiler.compile(
    directory: repositoryRoot.appendingPathComponent("rules/wigan").path
  ).get()
  let partner = pack.schema.sources.flatMap(\.tables).filter { $0.idSystem != nil }
  #expect(
    Set(partner.compactMap(\.idSystem)) == ["upn", "gmp_person_ref", "nhs_number", "la_child_id"])
  #expect(pack.schema.linkage?.minimumScore == 0.85)
  // Every event list and person field has a table in each shape.
  for shapeIsPartner in [false, true] {
    let tables = pack.schema.sources.flatMap { source in
      let partnerTables = source.tables.filter { $0.idSystem != nil }
      let tidy = source.tables.filter { $0.idSystem == nil }
      return (shapeIsPartner && !partnerTables.isEmpty ? partnerTables : tidy).map { (source, $0) }
    }
    for list in pack.schema.eventLists {
      #expect(tables.contains { $0.1.content == .events(list.name) }, "\(list.name)")
    }
    for field in pack.schema.personFields {
      #expect(
        tables.contains { source, table in
          table.content == .person && field.sources.contains(source.id)
        }, "\(field.name)")
    }
  }
}

// MARK: Unmatched and duplicate ids

private let linkedSchema = """
  person:
    birth_date: date_of_birth
    fields:
      date_of_birth: { type: date, source: [register, school] }
      attendance: { type: double, source: school }
      sen: { type: enum, values: [none, sen_support, ehcp], source: school }
  events:
    police_contacts:
      source: police
      fields:
        role: { type: enum, values: [suspect, victim, witness] }
  relations:
    sibling: { symmetric: true }
  sources:
    register:
      gateway: test
      tables:
        - { kind: person, path: people.csv }
    school:
      gateway: test
      values:
        codes:
          sen: { N: none, K: sen_support, E: ehcp }
      tables:
        - { kind: person, path: school/census.csv, key: UPN, id_system: upn, columns: { date_of_birth: DOB, sen: SEN } }
        - kind: person
          path: school/attendance_*.csv
          key: UPN
          id_system: upn
          rows: many
          inputs: { Possible: int, Missed: int }
          derive:
            attendance: >-
              100.0 * double(sum(rows.map(r, r.Possible)) - sum(rows.map(r, r.Missed)))
                / double(sum(rows.map(r, r.Possible)))
    police:
      gateway: test
      values:
        dates: [dd/MM/yyyy HH:mm]
        codes:
          police_contacts.role: { SUSP: suspect, VICT: victim, WITN: witness }
      tables:
        - { kind: events, list: police_contacts, path: police.csv, key: PersonRef, id_system: police, columns: { date: When, role: Role } }
  linkage:
    path: linkage.csv
    minimum_score: 0.8

  """

private let linkedFiles = [
  "people.csv": "person_id,date_of_birth\nP1,2010-01-01\nP2,\nP3,2011-05-05\n",
  "linkage.csv": """
  system,source_id,person_id,method,score
  upn,U1,P1,deterministic,1
  upn,U2,P2,deterministic,1
  upn,U2b,P2,probabilistic,0.93
  upn,U9,P3,probabilistic,0.5
  police,A1,P1,deterministic,1
  police,A2,P1,probabilistic,0.9
  police,A3,P2,probabilistic,0.95
  police,A3,P3,probabilistic,0.92
  police,A4,P404,deterministic,1

  """,
  "school/census.csv":
    "UPN,DOB,SEN\nU1,2010-01-02,K\nU2,2009-09-09,N\nU9,2011-05-05,E\nU7,2012-01-01,N\n",
  "school/attendance_autumn.csv": "UPN,Possible,Missed\nU1,100,10\nU2,100,0\n",
  "school/attendance_spring.csv": "UPN,Possible,Missed\nU1,100,30\nU2b,50,25\nU7,50,0\n",
  "police.csv": """
  PersonRef,When,Role
  A1,28/03/2025 17:45,SUSP
  A2,30/03/2025 09:10,VICT
  A3,01/03/2025 12:00,WITN
  A4,01/03/2025 12:00,WITN
  A5,02/03/2025 12:00,SUSP
  A1,31/02/2025 10:00,SUSP

  """,
]

@Test func everyPartnerRowIsUsedRejectedOrUnmatchedAndDuplicateIDsGiveOnePersonBothRecords()
  throws
{
  let pack = try PackFixture(schema: linkedSchema)
  defer { pack.remove() }
  let folder = try TemporaryFolder(files: linkedFiles)
  defer { folder.remove() }
  let result = try ExtractReader(pack: try pack.compile().get(), directory: folder.path).read()

  func file(_ path: String) throws -> FileReport {
    try #require(result.files.first { $0.path == path }, "\(path)")
  }
  let counts = try [
    "linkage.csv", "school/census.csv", "school/attendance_autumn.csv",
    "school/attendance_spring.csv", "police.csv",
  ].map { path -> [Int] in
    let report = try file(path)
    #expect(report.reconciles, "\(path): read = used + rejected")
    return [report.rowsRead, report.rowsUsed, report.rowsRejected, report.rowsUnmatched]
  }
  #expect(
    counts == [
      [9, 8, 1, 0],  // a link to a person id in no person table is rejected
      [4, 2, 2, 2],  // U9 scores below the minimum; U7 has no linkage row
      [2, 2, 0, 0],
      [3, 2, 1, 1],  // U2b is P2's second UPN; U7 is unmatched
      [6, 2, 4, 3],  // A3 links to two persons, A4 to an unknown one, A5 to none; a bad date
    ])
  #expect(
    result.rejects.map(\.description) == [
      "linkage.csv:10: person_id: links to unknown person id 'P404'",
      "school/census.csv:4: UPN: linkage of upn id 'U9' scores 0.5, below the minimum 0.8 (unmatched)",
      "school/census.csv:5: UPN: no linkage for upn id 'U7' (unmatched)",
      "school/attendance_spring.csv:4: UPN: no linkage for upn id 'U7' (unmatched)",
      "police.csv:4: PersonRef: police id 'A3' is linked to several persons (P2, P3) (unmatched)",
      "police.csv:5: PersonRef: no linkage for police id 'A4' (unmatched)",
      "police.csv:6: PersonRef: no linkage for police id 'A5' (unmatched)",
      "police.csv:7: date: '31/02/2025 10:00' is not a date (expected dd/MM/yyyy HH:mm)",
    ])
  // Nothing is missing: the census has no attendance column, but the termly returns derive it.
  #expect(result.missingTables.isEmpty)
  #expect(result.files.allSatisfy { $0.warnings.isEmpty }, "\(result.files.map(\.warnings))")

  let population = result.population
  let p1 = try #require(population.index(of: "P1"))
  let p2 = try #require(population.index(of: "P2"))
  let p3 = try #require(population.index(of: "P3"))
  // P1 has two police ids, A1 and A2: both contacts are theirs.
  let contacts = try #require(population.events[0])
  #expect(contacts.rows(of: p1).count == 2)
  #expect(contacts.rows(of: p2).isEmpty && contacts.rows(of: p3).isEmpty)
  // Attendance is derived over both termly files, and over both of P2's UPNs.
  #expect(population.fields[1].fieldValue(p1) == .double(80))
  #expect(population.fields[1].fieldValue(p2) == .double(100.0 * 125 / 150))
  #expect(population.fields[1].fieldValue(p3) == .missing)
  // Precedence: the register's date of birth, else the census's.
  #expect(
    population.fields[0].fieldValue(p1)
      == .date(Int32(PackDate(iso: "2010-01-01")?.daysSinceEpoch ?? 0)))
  #expect(
    population.fields[0].fieldValue(p2)
      == .date(Int32(PackDate(iso: "2009-09-09")?.daysSinceEpoch ?? 0)))
  #expect(population.fields[2].fieldValue(p1) == .code(1))
}

@Test func aTableWhoseDataAnotherShapeSuppliesIsNotReportedMissing() throws {
  let pack = try PackFixture(
    schema: linkedSchema.replacingOccurrences(
      of: "      - { kind: person, path: school/census.csv",
      with:
        "      - { kind: person, path: pupils.csv }\n      - { kind: person, path: school/census.csv"
    ))
  defer { pack.remove() }
  let compiled = try pack.compile().get()
  // Partner files only: the tidy pupils.csv is not needed.
  let partner = try TemporaryFolder(files: linkedFiles)
  defer { partner.remove() }
  #expect(try ExtractReader(pack: compiled, directory: partner.path).read().missingTables.isEmpty)
  // Tidy files only: the census and termly returns are not needed, but police data is.
  let tidy = try TemporaryFolder(files: [
    "people.csv": "person_id,date_of_birth\nP1,2010-01-01\n",
    "pupils.csv": "person_id,date_of_birth,attendance,sen\nP1,2010-01-01,95.5,K\n",
  ])
  defer { tidy.remove() }
  let result = try ExtractReader(pack: compiled, directory: tidy.path).read()
  #expect(result.missingTables == ["police.csv"])
  #expect(result.rejects.isEmpty)
}

// MARK: The same people, tidy or partner-shaped

@Test func theSamePeopleScoreIdenticallyAsTidyTablesOrAsPartnerExtractsWithLinkage() throws {
  let wigan = repositoryRoot.appendingPathComponent("rules/wigan").path
  let pack = try PackCompiler.compile(directory: wigan).get()
  let asOf = try #require(PackDate(iso: "2025-04-01"))
  var outputs: [ExtractShape: (scores: [UInt8], referrals: String, manifest: SynthManifest)] = [:]
  var runs: [ExtractShape: ScoringRun] = [:]
  for shape in ExtractShape.allCases {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-partner-\(shape.rawValue)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let configuration = SynthConfiguration(people: 3000, seed: 42, asOf: asOf, shape: shape)
    let generated = try SyntheticExtract.generate(
      schema: pack.schema, configuration: configuration, to: folder.path)
    let run = try ScoringRun.run(pack: pack, inputDirectory: folder.path, asOf: asOf)
    runs[shape] = run
    outputs[shape] = (
      RunOutputs.scoresCSV(run), RunOutputs.referralsCSV(run), generated.manifest
    )
  }
  let tidy = try #require(outputs[.tidy])
  let partner = try #require(outputs[.partner])
  let tidyRun = try #require(runs[.tidy])
  let partnerRun = try #require(runs[.partner])

  // Byte for byte, although the partner shape has unmatched, duplicate and bad records.
  #expect(tidy.scores.count > 10_000)
  #expect(tidy.scores == partner.scores)
  #expect(tidy.referrals == partner.referrals)
  #expect(tidyRun.read.missingTables.isEmpty && partnerRun.read.missingTables.isEmpty)

  // The partner shape's faults are all there, and all accounted for.
  let linkage = try #require(partner.manifest.linkage)
  #expect(!linkage.duplicates.isEmpty)
  #expect(Set(linkage.unmatched.map(\.kind)) == Set(UnmatchedKind.allCases))
  for file in partnerRun.read.files {
    #expect(file.reconciles, "\(file.path)")
  }
  let unmatched = partnerRun.read.files.map(\.rowsUnmatched).reduce(0, +)
  let unknownPartnerIDs = partner.manifest.badRows.filter {
    $0.kind == .unknownPerson && $0.file.contains("/")
  }.count
  #expect(unmatched == linkage.unmatched.count + unknownPartnerIDs)
  let planted = Set(
    (partner.manifest.badRows.map { "\($0.file):\($0.line)" })
      + linkage.unmatched.map { "\($0.file):\($0.line)" })
  #expect(Set(partnerRun.read.rejects.map { "\($0.file):\($0.line)" }) == planted)
}
