import Foundation
import SignpostEngine
import SignpostRules
import SignpostSynth
import SignpostTestSupport
import Testing

/// `signpost synth --shape partner`: the partners' own extracts, keyed by their own ids and
/// joined by a linkage file with unmatched and duplicate ids.
@Suite struct PartnerShapeTests {
  /// The Wigan partner shape of 2,500 young people with 12 bad rows, read back: generated
  /// once for the suite (Swift Testing makes a new instance of the suite for every test).
  struct Generated: Sendable {
    let manifest: SynthManifest
    /// Every file written, as rows of cells (header first), by path.
    let tables: [String: [[String]]]
    let result: ExtractReadResult

    init() throws {
      let (folder, manifest) = try generate(
        people: 2500, seed: 8, badRows: 12, shape: .partner)
      self.manifest = manifest
      var tables: [String: [[String]]] = [:]
      for file in manifest.files {
        tables[file.path] = try readCSV(folder.url.appendingPathComponent(file.path))
      }
      self.tables = tables
      result = try ExtractReader(pack: try wiganSchemaPack(), directory: folder.path).read()
    }
  }

  static let generated = Result { try Generated() }

  let manifest: SynthManifest
  let tables: [String: [[String]]]
  let linkage: [[String]]
  let result: ExtractReadResult

  init() throws {
    let generated = try Self.generated.get()
    (manifest, tables, result) = (generated.manifest, generated.tables, generated.result)
    let path = try #require(manifest.linkage?.path)
    linkage = Array(try #require(tables[path], "\(path) was not written").dropFirst())
  }

  /// The file at `path`, header first.
  func table(_ path: String) throws -> [[String]] {
    try #require(tables[path], "\(path) was not written")
  }

  func rows(_ prefix: String) throws -> [[String]] {
    let file = try #require(manifest.files.first { $0.path.hasPrefix(prefix) }, "\(prefix)")
    return Array(try table(file.path).dropFirst())
  }

  @Test func theFilesAreThePartnersOwnInTheSchemasFolders() throws {
    #expect(manifest.shape == .partner)
    #expect(
      manifest.files.map(\.path) == [
        "people.csv", "links.csv", "education/census_2025-04-01.csv",
        "education/attendance_2024-autumn.csv", "education/attendance_2025-spring.csv",
        "education/suspensions_2025-04-01.csv", "education/permanent_exclusions_2025-04-01.csv",
        "education/cme_2025-04-01.csv", "police/contacts_2025-04-01.csv",
        "police/missing_2025-04-01.csv", "police/domestic_abuse_2025-04-01.csv",
        "health/ecds_2025-04-01.csv", "health/mhsds_referrals_2025-04-01.csv",
        "social_care/cin_2025-04-01.csv", "linkage/matches_2025-04-01.csv",
      ])
    let census = try table("education/census_2025-04-01.csv")
    #expect(
      census[0] == [
        "UPN", "DOB", "Gender", "SchoolName", "URN", "NCyearActual", "SENprovision",
        "FSMeligible",
      ])
    #expect(Set(census.dropFirst().map { $0[2] }) == ["F", "M"])
    #expect(census.dropFirst().allSatisfy { $0[4].wholeMatch(of: /9[123]\d{4}/) != nil })
    #expect(census.dropFirst().contains { $0[5] == "R" }, "reception written as R")
    #expect(
      Set(census.dropFirst().map { $0[6] }).isSubset(of: ["N", "K", "E", "", "Kx", "Ex", "Nx"]))
    let contacts = try rows("police/contacts")
    let dateTime = /\d\d\/\d\d\/\d{4} \d\d:\d\d/
    #expect(
      contacts.allSatisfy { $0[1].wholeMatch(of: dateTime) != nil || $0[1].contains("30/02") })
    #expect(Set(contacts.map { $0[2] }).isSuperset(of: ["SUSP", "VICT", "WITN"]))
    // Real codes: Home Office offence subgroups, DfE exclusion reasons (MT is online misuse,
    // OW the weapon code), never the record model's own values.
    #expect(Set(contacts.map { $0[3] }).isSuperset(of: ["Violence without injury", "Shoplifting"]))
    #expect(!contacts.contains { $0[3].contains("_") })
    let suspensions = try rows("education/suspensions")
    let reasons = Set(suspensions.map { $0[3] })
    #expect(reasons.isSuperset(of: ["PD", "PP", "VA"]))
    // Two-letter codes (or empty), but for at most one planted bad row.
    #expect(reasons.filter { $0.count > 2 }.count <= 1, "\(reasons)")
    let attendance = try rows("education/attendance_2024-autumn")
    #expect(attendance.allSatisfy { $0[1] == "Autumn 2024" })
  }

  @Test func theReaderRejectsExactlyTheBadRowsAndTheUnmatchedRecords() throws {
    let linkageManifest = try #require(manifest.linkage)
    let planted =
      manifest.badRows.map { "\($0.file):\($0.line)" }
      + linkageManifest.unmatched.map { "\($0.file):\($0.line)" }
    #expect(
      result.rejects.map { "\($0.file):\($0.line)" }.sorted() == planted.sorted(),
      "\(result.rejects.map(\.description))")
    #expect(result.missingTables.isEmpty)
    for file in result.files {
      #expect(file.reconciles, "\(file.path) does not reconcile")
      #expect(file.warnings.isEmpty, "\(file.path): \(file.warnings)")
      guard let written = manifest.file(file.path) else {
        Issue.record("\(file.path) is not in the manifest")
        continue
      }
      #expect(file.rowsRead == written.rows, "\(file.path)")
      // Unmatched: the planned extra records, and bad rows naming an id the linkage lacks.
      let expected =
        linkageManifest.unmatched.filter { $0.file == file.path }.count
        + manifest.badRows.filter { $0.file == file.path && $0.kind == .unknownPerson }.count
      #expect(file.rowsUnmatched == expected, "\(file.path)")
    }
    #expect(result.population.count == manifest.persons)
  }

  @Test func partnerIDsLookLikeTheRealOnes() throws {
    let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
    for row in linkage {
      let (system, id) = (row[0], row[1])
      #expect(!id.hasPrefix("P0"), "\(id) looks like a person id")
      switch system {
      case "upn":
        #expect(id.wholeMatch(of: /[A-Z]359\d{9}/) != nil, "\(id)")
        let digits = id.dropFirst().compactMap(\.wholeNumberValue)
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset + 2) }
        #expect(id.first == letters[sum % 23], "\(id): check letter")
      case "nhs_number":
        #expect(id.wholeMatch(of: /9\d{9}/) != nil, "\(id)")
        let digits = id.compactMap(\.wholeNumberValue)
        let sum = digits.prefix(9).enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
        #expect((11 - sum % 11) % 11 == digits[9], "\(id): check digit")
      case "gmp_person_ref": #expect(id.wholeMatch(of: /GMP\d{8}/) != nil, "\(id)")
      case "la_child_id": #expect(id.wholeMatch(of: /LA\d{8}/) != nil, "\(id)")
      default: Issue.record("unexpected system \(system)")
      }
    }
    // One id, one person, except the ids deliberately linked to two.
    var persons: [String: Set<String>] = [:]
    for row in linkage { persons[row[0] + ":" + row[1], default: []].insert(row[2]) }
    let ambiguous = try #require(manifest.linkage).unmatched.filter { $0.kind == .ambiguous }
    #expect(persons.values.filter { $0.count > 1 }.count == ambiguous.count)
  }

  @Test func aPersonWithTwoIDsHasRecordsUnderBothAndBothLinkToThem() throws {
    let duplicates = try #require(manifest.linkage).duplicates
    #expect(duplicates.count >= 10)
    var keys: [String: Int] = [:]
    for file in manifest.files where file.path.contains("/") && file.kind != "linkage" {
      for row in try table(file.path).dropFirst() {
        keys[row[0], default: 0] += 1
      }
    }
    for duplicate in duplicates {
      #expect(duplicate.sourceIds.count == 2)
      for id in duplicate.sourceIds {
        #expect(
          linkage.contains {
            $0[0] == duplicate.system && $0[1] == id && $0[2] == duplicate.personId
          },
          "\(id) links to \(duplicate.personId)")
        #expect((keys[id] ?? 0) > 0, "\(id) has records")
      }
    }
  }
}

@Test func bothShapesHoldTheSamePeopleAndTheSameRegister() throws {
  let tidy = try generate(people: 1500, seed: 11, badRows: 0)
  let partner = try generate(people: 1500, seed: 11, badRows: 0, shape: .partner)
  defer {
    tidy.folder.remove()
    partner.folder.remove()
  }
  #expect(tidy.manifest.persons == partner.manifest.persons)
  for name in ["people.csv", "links.csv"] {
    let a = try Data(contentsOf: tidy.folder.url.appendingPathComponent(name))
    let b = try Data(contentsOf: partner.folder.url.appendingPathComponent(name))
    #expect(a == b, "\(name) differs between the shapes")
  }
  // The same events: as many police contacts, less the records left unmatched.
  let tidyContacts = try #require(tidy.manifest.file("police_contacts.csv")).rows
  let partnerContacts = try #require(partner.manifest.file("police/contacts_2025-04-01.csv")).rows
  let unmatched = try #require(partner.manifest.linkage).unmatched.filter {
    $0.file == "police/contacts_2025-04-01.csv"
  }
  #expect(partnerContacts == tidyContacts + unmatched.count)
  #expect(tidy.manifest.linkage == nil)
}

@Test func theSameSeedGivesTheSamePartnerBytes() throws {
  let first = try generate(people: 800, seed: 5, shape: .partner)
  let second = try generate(people: 800, seed: 5, shape: .partner)
  defer {
    first.folder.remove()
    second.folder.remove()
  }
  let a = try contents(of: first.folder.url)
  let b = try contents(of: second.folder.url)
  #expect(a.map(\.name) == b.map(\.name))
  #expect(a.count == 16)
  for (x, y) in zip(a, b) {
    #expect(x.data == y.data, "\(x.name) differs between two runs with the same seed")
  }
}
