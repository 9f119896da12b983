import Foundation
import SignpostRules
import SignpostSynth
import SignpostTestSupport
import Testing

/// The shape of clean extracts (no bad rows): counts, ids, links and dates.
@Suite struct ExtractShapeTests {
  /// 3,000 young people without bad rows, every file read back: generated once for the
  /// suite (Swift Testing makes a new instance of the suite for every test).
  struct Generated: Sendable {
    let manifest: SynthManifest
    let tables: [String: [[String]]]

    init() throws {
      let (folder, manifest) = try generate(people: 3000, seed: 5, badRows: 0)
      defer { folder.remove() }
      self.manifest = manifest
      var tables: [String: [[String]]] = [:]
      for file in manifest.files {
        tables[file.path] = try readCSV(folder.url.appendingPathComponent(file.path))
      }
      self.tables = tables
    }
  }

  static let generated = Result { try Generated() }

  let manifest: SynthManifest
  let tables: [String: [[String]]]

  init() throws {
    let generated = try Self.generated.get()
    (manifest, tables) = (generated.manifest, generated.tables)
  }

  func rows(_ path: String) -> [[String]] { Array((tables[path] ?? []).dropFirst()) }

  @Test func everyTableOfTheSchemaIsWrittenWithItsHeaderAndCounts() throws {
    let schema = try wiganSchema()
    // The tidy shape: every table keyed by person ids (partner tables have an id system), but
    // not those that take rows of a shared file (`where:`, the one-events-file shape).
    let paths = schema.sources.flatMap {
      $0.tables.filter { $0.idSystem == nil && $0.filter.isEmpty }.map(\.path)
    }
    #expect(manifest.files.map(\.path) == paths)
    for file in manifest.files {
      let table = try #require(tables[file.path])
      #expect(table.first == file.columns, "\(file.path) header")
      #expect(table.count - 1 == file.rows, "\(file.path) rows")
      for (index, row) in table.enumerated() {
        #expect(row.count == file.columns.count, "\(file.path):\(index + 1) cells")
      }
    }
    #expect(manifest.badRows.isEmpty)
    #expect(tables["events.csv"] == nil)
  }

  @Test func theRegisterHoldsTheYoungPeopleAndTheirAdults() {
    let people = rows("people.csv")
    #expect(people.count == manifest.persons)
    #expect(Set(people.map { $0[0] }).count == people.count)
    // Social care holds every young person, and only them.
    #expect(rows("social_care.csv").count == 3000)
    let ages = people.compactMap { PackDate(iso: $0[1]) }.map { birth -> Int in
      let (y, m, d) = testAsOf.components
      let (by, bm, bd) = birth.components
      return y - by - ((m, d) < (bm, bd) ? 1 : 0)
    }
    let young = Set(rows("social_care.csv").map { $0[0] })
    for (row, age) in zip(people.filter { !$0[1].isEmpty }, ages) where young.contains(row[0]) {
      #expect((0...25).contains(age), "\(row[0]) is \(age)")
    }
    let schoolAge = ages.filter { (5...16).contains($0) }.count
    #expect(Double(schoolAge) / 3000 > 0.5, "most young people are of school age")
    #expect(Set(people.map { $0[4] }).subtracting([""]).count == 25, "Wigan's 25 wards")
  }

  @Test func everyEventAndLinkNamesAPersonInTheRegister() {
    let known = Set(rows("people.csv").map { $0[0] })
    for file in manifest.files where file.kind != "person" {
      for row in rows(file.path) {
        #expect(known.contains(row[0]), "\(file.path): \(row[0])")
        if file.kind == "links" { #expect(known.contains(row[1]), "\(file.path): \(row[1])") }
      }
    }
    let pupils = rows("pupils.csv").map { $0[0] }
    #expect(Set(pupils).isSubset(of: known))
  }

  @Test func symmetricLinksAreWrittenOncePerPairAndParentsAreOlder() {
    let links = rows("links.csv")
    var pairs = Set<String>()
    for link in links {
      #expect(link[0] != link[1], "self-link \(link)")
      let key = "\(link[2]):\(link[0]):\(link[1])"
      #expect(pairs.insert(key).inserted, "duplicate link \(link)")
      if link[2] != "parent_carer" {
        #expect(!pairs.contains("\(link[2]):\(link[1]):\(link[0])"), "both ways: \(link)")
      }
    }
    let relations = Set(links.map { $0[2] })
    // No "peer" (known associates) relation in the Wigan schema: only co-suspects.
    #expect(relations == ["sibling", "parent_carer", "household", "co_offender"])
    let births = Dictionary(
      uniqueKeysWithValues: rows("people.csv").map { ($0[0], $0[1]) })
    for link in links where link[2] == "parent_carer" {
      guard let child = births[link[0]], let carer = births[link[1]], !child.isEmpty,
        !carer.isEmpty
      else { continue }
      #expect(carer < child, "\(link[1]) cares for \(link[0]) but is younger")
    }
  }

  @Test func coOffendersWereSuspectsOnTheSameDay() {
    var suspectDays: [String: Set<String>] = [:]
    for row in rows("police_contacts.csv") where row[2] == "suspect" {
      suspectDays[row[0], default: []].insert(row[1])
    }
    let links = rows("links.csv").filter { $0[2] == "co_offender" }
    #expect(!links.isEmpty)
    for link in links {
      let shared = (suspectDays[link[0]] ?? []).intersection(suspectDays[link[1]] ?? [])
      #expect(!shared.isEmpty, "\(link[0]) and \(link[1]) never suspects on the same day")
    }
  }

  @Test func eventsFallInTheEighteenMonthsBeforeTheAsOfDate() throws {
    let start = testAsOf.daysSinceEpoch - 548
    var recent = 0
    for file in manifest.files where file.kind == "events" {
      for row in rows(file.path) {
        let date = try #require(PackDate(iso: row[1]), "\(file.path): \(row[1])")
        #expect(date.daysSinceEpoch >= start && date < testAsOf, "\(file.path): \(row[1])")
        if date.daysSinceEpoch >= testAsOf.daysSinceEpoch - 7 { recent += 1 }
      }
    }
    #expect(recent > 0, "some events fall in the last 7 days")
  }

  @Test func aFewValuesAreMissingButRolesNeverAre() throws {
    let pupils = rows("pupils.csv")
    let column = try #require(tables["pupils.csv"]?.first?.firstIndex(of: "attendance"))
    let blankAttendance = pupils.filter { $0[column].isEmpty }.count
    let share = Double(blankAttendance) / Double(pupils.count)
    #expect(share > 0.01 && share < 0.06)
    #expect(rows("police_contacts.csv").allSatisfy { !$0[2].isEmpty })
    // Attendance is written unrounded enough to test 90% on the sessions: four decimals.
    for row in pupils where !row[column].isEmpty {
      #expect(row[column].split(separator: ".").last?.count == 4, "four decimals: \(row[column])")
    }
  }
}
