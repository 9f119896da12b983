import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// Nothing is lost without a word: inputs that cannot be read stop the read with a typed
/// error, and rows that cannot be used are rejected with their line and reason.
@Suite struct MalformedInputTests {
  let people = "person_id,date_of_birth,attendance\n"

  func read(_ files: [String: String], pack: CompiledPack? = nil) throws -> ExtractReadResult {
    let folder = try TemporaryFolder(files: files)
    defer { folder.remove() }
    return try ExtractReader(pack: pack ?? tinyPack(), directory: folder.path).read()
  }

  func readError(_ files: [String: String]) throws -> ExtractReadError? {
    do {
      _ = try read(files)
      return nil
    } catch let error as ExtractReadError {
      return error
    }
  }

  @Test func aMissingInputFolderIsAnError() throws {
    let missing = "/nonexistent-\(UUID().uuidString)"
    let pack = try tinyPack()
    #expect {
      try ExtractReader(pack: pack, directory: missing).read()
    } throws: { error in
      (error as? ExtractReadError)?.kind == .inputMissing
    }
  }

  @Test func aFolderWhereNoTableFindsAFileIsAnError() throws {
    let error = try readError(["notes.txt": "hello\n"])
    #expect(error?.kind == .noFiles)
    #expect(error?.description.contains("expected one of people.csv") == true)
  }

  @Test func aFileThatCannotBeOpenedIsAnError() throws {
    // A folder where the table expects a file: found, but it cannot be read as one.
    let error = try readError(["people.csv/inner.txt": "x\n"])
    #expect(error?.kind == .unreadableFile)
    #expect(error?.reject.file == "people.csv")
  }

  @Test(arguments: ["", "\u{FEFF}", "\n\r\n"])
  func aCSVFileWithNoHeaderLineIsAnError(content: String) throws {
    // An export that wrote nothing is not a table with no rows: its rules would quietly fail.
    let error = try readError([
      "people.csv": people + "P1,2010-01-01,90\n", "police_contacts.csv": content,
    ])
    #expect(error?.kind == .noHeader)
    #expect(
      error?.description
        == "police_contacts.csv: error: the file has no header line naming its columns: it is empty or blank"
    )
  }

  @Test func scoringNoPersonIsAnErrorSayingWhatEachPersonTableGave() throws {
    func scoringError(_ files: [String: String]) throws -> ExtractReadError? {
      let folder = try TemporaryFolder(files: files)
      defer { folder.remove() }
      do {
        _ = try ScoringRun.run(pack: tinyPack(), inputDirectory: folder.path, asOf: asOf)
        return nil
      } catch let error as ExtractReadError {
        return error
      }
    }
    let contacts = "person_id,date,role\nP1,2025-03-30,suspect\n"
    let headerOnly = try scoringError(["people.csv": people, "police_contacts.csv": contacts])
    #expect(headerOnly?.kind == .noPersons)
    #expect(
      headerOnly?.reject.reason
        == "no person was read, so there is no one to score: people.csv: 0 rows")
    let noKey = try scoringError([
      "people.csv": "id,date_of_birth,attendance\nP1,2010-01-01,90\n"
    ])
    #expect(noKey?.kind == .noPersons)
    #expect(
      noKey?.reject.reason.hasPrefix(
        "no person was read, so there is no one to score: people.csv: 1 row, 1 rejected (missing columns: person_id"
      ) == true)
    // One empty person table is not an error while another lists persons.
    let other = try scoringError([
      "people.csv": people, "social_care.csv": "person_id,open_to_service\nP1,true\n",
    ])
    #expect(other == nil)
  }

  @Test func anUnterminatedQuoteNamesItsLineAndTheRestIsStillRead() throws {
    let result = try read([
      "people.csv": people
        + "P1,2010-01-01,90\nP2,\"2011-01-01,80\nP3,2012-01-01,70\nP4,2012-02-01,60\n"
    ])
    #expect(
      result.rejects.map(\.description) == [
        "people.csv:3: a quote opened on this line is never closed (it would swallow the 2 lines to the end of the file)"
      ])
    #expect(result.population.ids == ["P1", "P3", "P4"])
    let file = try #require(result.files.first { $0.path == "people.csv" })
    #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (4, 3, 1))
  }

  @Test func aStrayQuoteSwallowingManyLinesFailsTheFile() throws {
    let rows = (1...20).map { "P\($0),2010-01-01,90\n" }.joined()
    let error = try readError(["people.csv": people + "P0,\"2010-01-01,90\n" + rows])
    #expect(error?.kind == .strayQuote)
    #expect(error?.reject.line == 2)
    #expect(
      error?.description.hasPrefix("people.csv:2: error: a quote opened on this line") == true)
  }

  @Test func invalidUTF8IsRejectedWithItsLineAndAnEncodingHint() throws {
    let folder = try TemporaryFolder(files: [:])
    defer { folder.remove() }
    var bytes = Array("person_id,date_of_birth,attendance\nP1,2010-01-01,90\nP".utf8)
    bytes += [0x92]  // Windows-1252 right single quote
    bytes += Array("2,2011-01-01,80\n".utf8)
    try Data(bytes).write(to: folder.url.appendingPathComponent("people.csv"))
    let result = try ExtractReader(pack: tinyPack(), directory: folder.path).read()
    #expect(
      result.rejects.map(\.description) == [
        "people.csv:3: person_id: the value is not valid UTF-8 (the file looks Windows-1252 encoded; save it as UTF-8)"
      ])
    let file = try #require(result.files.first)
    #expect(
      file.warnings.contains(
        "the file is not UTF-8 (first at line 3); it looks Windows-1252 encoded"))
  }

  @Test(arguments: [
    ("P1 ", "ends with a space"), (" P1", "starts with a space"),
    ("P\u{0}1", "holds a NUL byte"), ("P\u{7}1", "holds a control character"),
    ("P\u{200B}1", "holds an invisible (zero-width) character"),
    ("P\u{FEFF}1", "holds an invisible (zero-width) character"),
  ])
  func personIDsWithInvisibleOrControlCharactersAreRejected(id: String, reason: String) throws {
    let result = try read([
      "people.csv": people + "P1,2010-01-01,90\n\"\(id)\",2010-01-01,90\n",
      "social_care.csv": "person_id,open_to_service\n\"\(id)\",true\n",
    ])
    #expect(result.population.ids == ["P1"])
    #expect(result.rejects.count == 2)
    #expect(result.rejects.allSatisfy { $0.field == "person_id" && $0.reason.contains(reason) })
  }

  @Test func repeatedHeaderNamesAndOtherDelimitersAreNamed() throws {
    let result = try read([
      "people.csv": "person_id,date_of_birth,attendance,attendance\nP1,2010-01-01,90,91\n",
      "social_care.csv": "person_id;open_to_service\nP1;true\n",
    ])
    let people = try #require(result.files.first { $0.path == "people.csv" })
    #expect(
      people.warnings.contains(
        "the header names column 'attendance' more than once (the first is read)"))
    let care = try #require(result.files.first { $0.path == "social_care.csv" })
    #expect(
      care.warnings.contains(
        "the header is one column 'person_id;open_to_service': it looks separated by semicolons, but CSV files here are separated by commas"
      ))
  }

  @Test func filesNoTableReadsAreListedAsIgnored() throws {
    let result = try read([
      "people.csv": people + "P1,2010-01-01,90\n", "police_contacts_2024.csv": "x\n",
      "sub/notes.txt": "n\n",
    ])
    #expect(result.ignoredFiles == ["police_contacts_2024.csv", "sub/notes.txt"])
  }

  @Test func aSourceWhoseRowsAreAllRejectedIsNotEvaluated() throws {
    let folder = try TemporaryFolder(files: [
      "people.csv": people + "P1,2010-06-01,80\n",
      "police_contacts.csv": "person_id,date,role\nP1,2025-03-30,suspct\nP1,2025-03-31,suspct\n",
      "social_care.csv": "person_id,open_to_service\nP1,false\n",
    ])
    defer { folder.remove() }
    let run = try ScoringRun.run(pack: try tinyPack(), inputDirectory: folder.path, asOf: asOf)
    let police = try #require(run.read.files.first { $0.path == "police_contacts.csv" })
    #expect(
      police.warnings == [
        "every row of source 'police' was rejected: rules that need it are not evaluated"
      ])
    #expect(run.result(for: 0).outcomes[1] == .notEvaluated(missing: [.source("police")]))
  }

  /// The hang this guards against was forever, so a generous limit still catches it. Alone
  /// the test takes milliseconds, but a 1-minute limit failed once in a full run on a loaded
  /// 2-core machine, when other suites' blocking tests held the shared test threads.
  @Test(.timeLimit(.minutes(10))) func twoTablesOnOneFileReadItOnceEachWithoutHanging() throws {
    let fixture = try PackFixture(
      schema: """
        person:
          fields:
            attendance: { type: double, source: school }
        events:
          contacts:
            source: school
            fields: {}
        relations:
          sibling: { symmetric: true }
        sources:
          school:
            gateway: test
            tables:
              - { kind: person, path: people.csv }
              - { kind: events, list: contacts, path: "*.csv" }
        """)
    defer { fixture.remove() }
    let result = try read(
      ["people.csv": "person_id,attendance,date\nP1,90,2025-01-01\n"],
      pack: try fixture.compile().get())
    #expect(result.files.map(\.path) == ["people.csv", "people.csv"])
    #expect(result.files.allSatisfy { $0.reconciles })
    #expect(result.population.events[0]?.count == 1)
  }

  @Test func aOneCharacterTablePathIsReadWithoutCrashing() throws {
    // Foundation's `deletingLastPathComponent` crashes on a one-character relative path.
    for path in ["?", "p"] {
      let fixture = try PackFixture(
        schema: """
          person:
            fields:
              attendance: { type: double, source: school }
          sources:
            school:
              gateway: test
              tables:
                - { kind: person, path: "\(path)" }
          """)
      defer { fixture.remove() }
      let result = try read(
        ["p": "person_id,attendance\nP1,90\n"], pack: try fixture.compile().get())
      #expect(result.files.map(\.path) == ["p"])
      #expect(result.population.ids == ["P1"])
    }
  }

  @Test func tablePathsMustStayInsideTheInputFolder() throws {
    for path in ["../../etc/passwd", "/etc/passwd"] {
      let fixture = try PackFixture(
        schema: """
          person:
            fields:
              attendance: { type: double, source: school }
          sources:
            school:
              gateway: test
              tables:
                - { kind: person, path: "\(path)" }
          """)
      defer { fixture.remove() }
      #expect(
        fixture.diagnosticLines().contains {
          $0.contains("schema.table-path") || $0.contains("inside the input folder")
        })
    }
  }

  @Test func aSymlinkLeavingTheInputFolderIsAnError() throws {
    let outside = try TemporaryFolder(files: [
      "secret.csv": "person_id,date_of_birth,attendance\nX,2010-01-01,1\n"
    ])
    defer { outside.remove() }
    let folder = try TemporaryFolder(files: [:])
    defer { folder.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appendingPathComponent("people.csv").path,
      withDestinationPath: outside.url.appendingPathComponent("secret.csv").path)
    let pack = try tinyPack()
    #expect {
      try ExtractReader(pack: pack, directory: folder.path).read()
    } throws: { error in
      (error as? ExtractReadError)?.kind == .outsideInput
    }
  }
}
