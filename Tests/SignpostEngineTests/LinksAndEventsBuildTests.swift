import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// Reading events, and building the population from them: the files' digests taken off the
/// read's path, event files read several at once and taken in in order, and event lists
/// grouped without moving rows when their file is in person order.
@Suite struct LinksAndEventsBuildTests {
  /// A pack with one person table, three event files and a links file, the events' rows
  /// spread over persons so that each file has rejects of its own.
  static let schema = """
    person:
      fields:
        ward: { type: string, source: hub }
    events:
      contacts:
        source: hub
        fields:
          role: { type: enum, values: [suspect, victim] }
      visits:
        source: hub
        fields:
          hours: { type: double }
      notes:
        source: hub
        fields:
          text: { type: string }
    relations:
      sibling: { symmetric: true }
    sources:
      hub:
        gateway: test
        tables:
          - { kind: person, path: people.csv }
          - { kind: events, list: contacts, path: contacts.csv }
          - { kind: links, path: links.csv }
          - { kind: events, list: visits, path: visits.csv }
          - { kind: events, list: notes, path: notes.csv }
    """

  static func files() -> [String: String] {
    var people = "person_id,ward\n"
    for p in 0..<50 { people += "P\(1000 + p),W\(p % 3)\n" }
    var contacts = "person_id,date,role\n"
    var visits = "person_id,date,hours\n"
    var notes = "person_id,date,text\n"
    for i in 0..<400 {
      let person = "P\(1000 + i % 50)"
      contacts += i % 37 == 5 ? "X\(i),2024-01-01,suspect\n" : "\(person),2024-02-03,victim\n"
      visits += i % 41 == 9 ? "\(person),2024-01-01,lots\n" : "\(person),2024-03-04,\(i % 9)\n"
      notes += i % 43 == 11 ? "\(person),,n\(i)\n" : "\(person),2024-04-05,n\(i)\n"
    }
    let links = "person_id,linked_person_id,relation\nP1000,P1001,sibling\nP1002,Z,sibling\n"
    return [
      "people.csv": people, "contacts.csv": contacts, "visits.csv": visits, "notes.csv": notes,
      "links.csv": links,
    ]
  }

  /// Every file's SHA-256 in the run summary is that of its bytes, a file of a header and
  /// no rows too, though a background thread computes them.
  @Test func everyFilesDigestIsTheSHA256OfItsBytes() throws {
    let fixture = try PackFixture(schema: Self.schema)
    defer { fixture.remove() }
    var files = Self.files()
    files["notes.csv"] = "person_id,date,text\n"
    let result = try fixture.read(files)
    #expect(result.files.count == 5)
    for file in result.files {
      var sha = SHA256()
      sha.update(Array(try #require(files[file.path]).utf8))
      #expect(file.sha256 == sha.hexDigest(), "\(file.path)")
    }
  }

  /// A scoring run evaluates while the files are still being hashed, and its read still
  /// holds every file's SHA-256, a file of several megabytes included; the wait for them is
  /// a timing of its own.
  @Test func aScoringRunsDigestsAreFinishedAfterEvaluation() throws {
    let fixture = try PackFixture(schema: Self.schema)
    defer { fixture.remove() }
    var files = Self.files()
    files["notes.csv"]! += String(repeating: "P1000,2024-04-05,long note\n", count: 200_000)
    let folder = try TemporaryFolder("signpost-digests", files: files)
    defer { folder.remove() }
    let run = try ScoringRun.run(
      pack: try fixture.compile().get(), inputDirectory: folder.path,
      asOf: PackDate(daysSinceEpoch: 20_179))
    #expect(run.read.files.count == 5)
    for file in run.read.files {
      var sha = SHA256()
      sha.update(Array(try #require(files[file.path]).utf8))
      #expect(file.sha256 == sha.hexDigest(), "\(file.path)")
    }
    #expect(run.timings.map(\.phase) == ["read", "evaluate", "allocate", "digests"])
  }

  /// The digests of files the background thread has not reached are finished by the thread
  /// that asks; a file that cannot be read is an error naming it, not a digest.
  @Test func digestsAreFinishedWhenAskedAndAnUnreadableFileIsAnError() throws {
    let folder = try TemporaryFolder(
      "signpost-digests",
      files: ["a.csv": "x\n1\n", "b.csv": String(repeating: "y", count: 3 << 20)])
    defer { folder.remove() }
    let digests = FileDigests(directory: folder.path, paths: ["a.csv", "b.csv", "a.csv"])
    let found = try digests.hexDigests()
    for (path, text) in [("a.csv", "x\n1\n"), ("b.csv", String(repeating: "y", count: 3 << 20))] {
      var sha = SHA256()
      sha.update(Array(text.utf8))
      #expect(found[path] == sha.hexDigest())
    }
    let missing = FileDigests(directory: folder.path, paths: ["a.csv", "gone.csv"])
    #expect {
      _ = try missing.hexDigests()
    } throws: { error in
      guard let error = error as? ExtractReadError else { return false }
      return error.description.contains("gone.csv")
    }
  }

  /// Event files read at once are taken in in the schema's order: rejects stay in file and
  /// line order (the links file's between the first event file's and the others'), each
  /// file's ledger reconciles, and every event lands with its person in file order.
  @Test func eventFilesReadTogetherKeepTheirOrderAndLedgers() throws {
    let fixture = try PackFixture(schema: Self.schema)
    defer { fixture.remove() }
    let result = try fixture.read(Self.files())
    #expect(
      result.files.map(\.path) == [
        "people.csv", "contacts.csv", "links.csv", "visits.csv", "notes.csv",
      ])
    var expected: [String] = []
    for i in 0..<400 where i % 37 == 5 {
      expected.append("contacts.csv:\(i + 2): person_id: unknown person id 'X\(i)'")
    }
    expected.append("links.csv:3: linked_person_id: unknown person id 'Z'")
    for i in 0..<400 where i % 41 == 9 {
      expected.append("visits.csv:\(i + 2): hours: 'lots' is not a number")
    }
    for i in 0..<400 where i % 43 == 11 {
      expected.append("notes.csv:\(i + 2): date: an event must have a date")
    }
    #expect(result.rejects.map(\.description) == expected)
    for file in result.files { #expect(file.reconciles, "\(file.path)") }
    let notes = try #require(result.population.events[2])
    let p = try #require(result.population.index(of: "P1007"))
    let texts = notes.rows(of: p).map { notes.columns[1].fieldValue($0) }
    let written = (0..<400).filter { $0 % 50 == 7 && $0 % 43 != 11 }.map {
      FieldValue.string("n\($0)")
    }
    #expect(texts == written)
  }

  /// Under `--strict` the error is the first bad row in the schema's order of files, though
  /// later event files were read at the same time.
  @Test func strictStopsAtTheFirstFilesFirstReject() throws {
    let fixture = try PackFixture(schema: Self.schema)
    defer { fixture.remove() }
    #expect(try Self.strictError(fixture, Self.files())?.contains("contacts.csv:7") == true)
  }

  /// The error a `--strict` read of `files` stops with, if any.
  static func strictError(_ fixture: PackFixture, _ files: [String: String]) throws -> String? {
    let folder = try TemporaryFolder("signpost-extract", files: files)
    defer { folder.remove() }
    let reader = ExtractReader(
      pack: try fixture.compile().get(), directory: folder.path, strict: true)
    do {
      _ = try reader.read()
      return nil
    } catch {
      return error.description
    }
  }

  /// A links file is read beside the event files, before its turn, and taken in at its turn:
  /// one that lacks a column has every row rejected for it there, between the event files'
  /// rejects; one with a stray quote fails the read naming its line, though the event file
  /// after it was read at the same time; under `--strict`, its first reject is the error
  /// when it comes first in the schema's order, though later event files were read beside it.
  @Test func aLinksFileReadEarlyFailsOrIsRejectedAtItsTurn() throws {
    let fixture = try PackFixture(schema: Self.schema)
    defer { fixture.remove() }
    var files = Self.files()
    files["links.csv"] = "person_id,linked_person_id\nP1000,P1001\nP1002,P1003\n"
    let lacking = try fixture.read(files)
    #expect(
      lacking.files.map(\.path) == [
        "people.csv", "contacts.csv", "links.csv", "visits.csv", "notes.csv",
      ])
    let rejects = lacking.rejects.map(\.description)
    let linkRejects = rejects.filter { $0.hasPrefix("links.csv") }
    #expect(
      linkRejects == [
        "links.csv:2: relation: the file has no column 'relation'",
        "links.csv:3: relation: the file has no column 'relation'",
      ])
    let first = try #require(rejects.firstIndex(of: linkRejects[0]))
    #expect(rejects[..<first].allSatisfy { $0.hasPrefix("contacts.csv") })
    #expect(rejects[(first + 2)...].allSatisfy { !$0.hasPrefix("contacts.csv") })
    #expect(lacking.population.links.isEmpty)
    for file in lacking.files { #expect(file.reconciles, "\(file.path)") }

    files["links.csv"] =
      "person_id,linked_person_id,relation\nP1000,P1001,sibling\nP1002,\"P1003,sibling\n"
      + String(repeating: "P1004,P1005,sibling\n", count: 20)
    #expect {
      _ = try fixture.read(files)
    } throws: { error in
      (error as? ExtractReadError)?.description.contains("links.csv:3") == true
    }

    files["links.csv"] =
      "person_id,linked_person_id,relation\nP1000,P1001,sibling\nQ9,P1001,sibling\n"
    files["contacts.csv"] = "person_id,date,role\nP1000,2024-02-03,victim\n"
    #expect(try Self.strictError(fixture, files)?.contains("links.csv:3") == true)
  }

  /// An event list whose rows come in person order is grouped without moving them; rows out
  /// of person order take the general path. Both give each person's rows in input order.
  @Test func eventListsInPersonOrderAndOutOfItGroupAlike() throws {
    let column = { (values: [Int]) in
      var c = Column(type: .int, missingAttribute: "x.n")
      for v in values { c.append(.int(Int64(v))) }
      return c
    }
    for persons in [[0, 0, 2, 2, 2, 5], [2, 0, 2, 5, 0, 2], [], [4, 4]] {
      let table = PopulationBuilder.eventTable(
        persons: persons, columns: [column(Array(persons.indices))], count: 6)
      #expect(table.offsets.count == 7)
      #expect(table.count == persons.count)
      for p in 0..<6 {
        let rows = table.rows(of: p).map { table.columns[0].fieldValue($0) }
        let expected = persons.indices.filter { persons[$0] == p }.map { FieldValue.int(Int64($0)) }
        #expect(rows == expected, "\(persons) person \(p)")
      }
    }
  }

  /// Where each person's rows start, for rows in person order (filled a run of persons at a
  /// time) and out of it: the number of rows of the persons before, whoever comes first or
  /// last, with runs of persons with no rows anywhere.
  @Test func eventListStartsAreTheRowsOfThePersonsBefore() {
    var generator = SystemRandomNumberGenerator()
    for trial in 0..<300 {
      let count = 1 + trial % 40
      var persons = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
        Int.random(in: 0..<count, using: &generator)
      }
      if trial % 3 != 0 { persons.sort() }
      let table = PopulationBuilder.eventTable(persons: persons, columns: [], count: count)
      let expected = (0...count).map { p in Int32(persons.filter { $0 < p }.count) }
      #expect(table.offsets == expected, "\(persons) of \(count)")
    }
  }
}
