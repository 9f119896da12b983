import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// Person tables of the pack's own ids read one after another, each in several chunks: the
/// workers move on to the next file's chunks while the previous file's last chunks merge, and
/// look rows' ids up in the persons known when a table's merge begins (those they do not find,
/// and those of chunks read before then, are added by the merge). What comes out is what the
/// rules say, worked out here row by row: persons in the order their first usable row is read,
/// duplicates across chunks and files rejected, a field's value from the first source in its
/// precedence, rejects at their own lines.
@Suite struct PersonTableChainTests {
  /// One row of a person table as written, with the field a bad value is in, if any.
  struct Row {
    var id: String
    var values: [String: String]
    var bad: String?
    /// Lines the row takes (a quoted line break adds one).
    var lines = 1
  }

  /// The persons, fields and rejects the rules give for `tables` (file, source, rows) read in
  /// order: the expected outcome, independent of how the reader splits or overlaps its work.
  static func expected(
    _ tables: [(file: String, source: String, rows: [Row])], precedence: [String: [String]]
  ) -> (ids: [String], values: [String: [String: String]], rejects: [Reject]) {
    var ids: [String] = []
    var known: Set<String> = []
    var values: [String: [String: String]] = [:]
    var ranks: [String: [String: Int]] = [:]
    var rejects: [Reject] = []
    for (file, source, rows) in tables {
      var seen: Set<String> = []
      var line = 2
      for row in rows {
        defer { line += row.lines }
        if seen.contains(row.id) {
          rejects.append(
            Reject(
              file: file, line: line, field: "person_id", reason: "duplicate person id '\(row.id)'")
          )
          continue
        }
        seen.insert(row.id)
        if let bad = row.bad {
          rejects.append(Reject(file: file, line: line, field: bad, reason: ""))
          continue
        }
        if known.insert(row.id).inserted { ids.append(row.id) }
        for (field, value) in row.values where !value.isEmpty {
          let rank = precedence[field]?.firstIndex(of: source) ?? 0
          guard rank < ranks[row.id, default: [:]][field] ?? .max else { continue }
          ranks[row.id, default: [:]][field] = rank
          values[row.id, default: [:]][field] = value
        }
      }
    }
    return (ids, values, rejects)
  }

  /// With ids zero-padded (`sorted`), a table's new ids come in byte order and are added
  /// without a probe, placed in the index later (``PersonIndex``): a duplicate, a rejected
  /// row's id and a known id between them must still be found. Without rejected rows in
  /// people.csv (`peopleRejects` false), its chunks are merged as runs of new persons, and
  /// the duplicate in its last chunk must still be found.
  @Test(arguments: [(false, true), (true, true), (true, false)])
  func tablesReadOneAfterAnotherInManyChunksKeepEveryRule(
    sorted: Bool, peopleRejects: Bool
  ) throws {
    let fixture = try PackFixture(schema: Self.threeTables)
    defer { fixture.remove() }
    let count = 40_000
    /// The id of number `i` with a letter.
    func id(_ letter: String, _ i: Int) -> String {
      let digits = String(i)
      return letter + (sorted ? String(repeating: "0", count: 5 - digits.count) : "") + digits
    }
    // people.csv: every id but those ending in 7 (which pupils.csv adds first); a sex code
    // outside the list now and then (the row, and so its id, rejected: pupils.csv adds it);
    // one id again near the end (a duplicate several chunks after the first).
    var people: [Row] = []
    for i in 0..<count where i % 10 != 7 {
      let sex = i % 3 == 0 ? "" : i % 2 == 0 ? "female" : "male"
      people.append(
        Row(
          id: id("P", i),
          values: ["sex": peopleRejects && i % 4_999 == 1 ? "x" : sex, "ward": "Ward \(i % 13)"],
          bad: peopleRejects && i % 4_999 == 1 ? "sex" : nil))
    }
    people.append(Row(id: id("P", 4), values: ["sex": "male", "ward": "Elsewhere"]))
    // pupils.csv, with CRLF line ends and a quoted line break in every fifth row: even ids
    // and those ending in 7 (new here); a bad year now and then (the id then counts as seen);
    // then ids again: one known and used here, one new here, one whose row was rejected here.
    var pupils: [Row] = []
    for i in 0..<count where i % 2 == 0 || i % 10 == 7 {
      let school = i % 5 == 0 ? "School \(i % 7),\nAnnex" : "School \(i % 7)"
      let bad = i % 3_001 == 2
      pupils.append(
        Row(
          id: id("P", i),
          values: [
            "sex": i % 2 == 0 ? "male" : "female", "school": school,
            "year_group": bad ? "y" : String(i % 11),
          ], bad: bad ? "year_group" : nil, lines: i % 5 == 0 ? 2 : 1))
    }
    for i in [0, 17, 6_004] {
      pupils.append(
        Row(id: id("P", i), values: ["sex": "female", "school": "Late", "year_group": "1"]))
    }
    // care.csv: every third id, and ids no other table has (added last).
    var care: [Row] = []
    for i in 0..<count where i % 3 == 0 {
      care.append(Row(id: id("P", i), values: ["open": i % 2 == 0 ? "true" : "false"]))
      if i % 999 == 0 { care.append(Row(id: id("Q", i), values: ["open": "true"])) }
    }
    care.append(Row(id: id("Q", 0), values: ["open": "false"]))

    func csv(_ rows: [Row], columns: [String], lineEnd: String = "\n") -> String {
      var text = "person_id," + columns.joined(separator: ",") + lineEnd
      for row in rows {
        let fields = columns.map { column -> String in
          let value = row.values[column] ?? ""
          return value.contains(",") ? "\"\(value)\"" : value
        }
        text += ([row.id] + fields).joined(separator: ",") + lineEnd
      }
      return text
    }
    let files = [
      "people.csv": csv(people, columns: ["sex", "ward"]),
      "pupils.csv": csv(pupils, columns: ["sex", "school", "year_group"], lineEnd: "\r\n"),
      "care.csv": csv(care, columns: ["open"]),
    ]
    for (name, text) in files where name != "care.csv" {
      #expect(text.utf8.count > 1 << 19, "\(name) is read in several chunks")
    }
    let result = try fixture.read(files)
    let expected = Self.expected(
      [
        ("people.csv", "council", people), ("pupils.csv", "education", pupils),
        ("care.csv", "care", care),
      ],
      precedence: ["sex": ["council", "education"]])

    #expect(result.population.ids == expected.ids)
    #expect(
      result.rejects.map { "\($0.file):\($0.line):\($0.field ?? "")" }
        == expected.rejects.map { "\($0.file):\($0.line):\($0.field ?? "")" })
    for (got, want) in zip(result.rejects, expected.rejects)
    where want.reason.hasPrefix("duplicate") {
      #expect(got.reason == want.reason)
    }
    #expect(result.rejects.count > 10)
    let fields = ["sex", "ward", "school", "year_group", "open"]
    for (p, id) in result.population.ids.enumerated() {
      for (f, name) in fields.enumerated() {
        let want = expected.values[id]?[name]
        let got = result.population.fields[f].fieldValue(p)
        switch got {
        case .missing: #expect(want == nil, "\(id).\(name)")
        case .string(let s): #expect(want == s, "\(id).\(name)")
        case .int(let n): #expect(want == String(n), "\(id).\(name)")
        case .bool(let b): #expect(want == String(b), "\(id).\(name)")
        case .code(let c): #expect(want == ["female", "male"][Int(c)], "\(id).\(name)")
        default: Issue.record("\(id).\(name): \(got)")
        }
      }
    }
    for (name, rows) in [("people.csv", people), ("pupils.csv", pupils), ("care.csv", care)] {
      let report = try #require(result.files.first { $0.path == name })
      let rejected = expected.rejects.filter { $0.file == name }.count
      #expect(
        (report.rowsRead, report.rowsUsed, report.rowsRejected)
          == (rows.count, rows.count - rejected, rejected), "\(name)")
    }
  }

  /// A glob of files for one `rows: many` table whose `derive` reads every row of every file,
  /// read right after the people table (the workers run ahead into each next file).
  @Test func aGlobOfManyRowsFilesAfterPeopleDerivesOverEveryRow() throws {
    let fixture = try PackFixture(
      schema: """
        person:
          fields:
            ward: { type: string, source: council }
            sessions_missed: { type: int, source: school }
        sources:
          council:
            gateway: test
            tables:
              - { kind: person, path: people.csv }
          school:
            gateway: test
            tables:
              - kind: person
                path: absence_*.csv
                rows: many
                inputs: { missed: int }
                derive:
                  sessions_missed: sum(rows.map(r, r.missed))
                default: { sessions_missed: 0 }
        """)
    defer { fixture.remove() }
    let count = 30_000
    var files: [String: String] = [:]
    files["people.csv"] =
      "person_id,ward\n" + (0..<count).map { "P\($0),Ward \($0 % 17)\n" }.joined()
    var total = [Int](repeating: 0, count: count)
    for term in 1...3 {
      var text = "person_id,missed\r\n"
      for i in stride(from: term, to: count, by: 2) {
        text += "P\(i),\(term)\r\n"
        total[i] += term
      }
      files["absence_\(term).csv"] = text
    }
    let result = try fixture.read(files)
    #expect(result.population.ids == (0..<count).map { "P\($0)" })
    #expect(result.rejects.isEmpty)
    let missed = result.population.fields[1]
    for p in 0..<count { #expect(missed.fieldValue(p) == .int(Int64(total[p])), "P\(p)") }
    #expect(
      result.files.map(\.path) == ["people.csv", "absence_1.csv", "absence_2.csv", "absence_3.csv"])
  }

  /// People, pupils and care records, each a source of its own; the sex comes from the
  /// council, else the school census.
  static let threeTables = """
    person:
      fields:
        sex: { type: enum, values: [female, male], source: [council, education] }
        ward: { type: string, source: council }
        school: { type: string, source: education }
        year_group: { type: int, source: education }
        open: { type: bool, source: care }
    sources:
      council:
        gateway: test
        tables:
          - { kind: person, path: people.csv }
      education:
        gateway: test
        tables:
          - { kind: person, path: pupils.csv }
      care:
        gateway: test
        tables:
          - { kind: person, path: care.csv }
    """

  static let people =
    "person_id,ward\n" + (0..<30_000).map { "P\($0),Ward \($0 % 17)\n" }.joined()
  static let care =
    "person_id,open\n" + (0..<30_000).map { "P\($0),\($0 % 2 == 0)\n" }.joined()

  /// A chained table whose file lacks its key column rejects every row, and the table after
  /// it is read as before.
  @Test func aTableWithNoKeyColumnBetweenChainedOnesRejectsEveryRow() throws {
    let fixture = try PackFixture(schema: Self.threeTables)
    defer { fixture.remove() }
    let pupils = "pupil,school\nP1,A\nP2,B\n"
    let result = try fixture.read(
      ["people.csv": Self.people, "pupils.csv": pupils, "care.csv": Self.care])
    #expect(result.population.count == 30_000)
    #expect(result.rejects.map(\.line) == [2, 3])
    #expect(result.rejects.allSatisfy { $0.file == "pupils.csv" && $0.field == "person_id" })
    #expect(result.population.fields[4].fieldValue(4) == .bool(true))
    #expect(result.population.fields[4].fieldValue(5) == .bool(false))
  }

  /// A stray quote that fails a table read in many chunks, whose workers came from the
  /// previous table and would go on to the next, fails the read with the quote's line and
  /// returns (the next table's workers are stopped, not left waiting).
  @Test func aStrayQuoteInAChainedTableFailsTheReadAndStopsTheNext() throws {
    let fixture = try PackFixture(schema: Self.threeTables)
    defer { fixture.remove() }
    var pupils = "person_id,school\n"
    for i in 0..<40_000 { pupils += i == 20_000 ? "P\(i),\"Stray\n" : "P\(i),School \(i % 9)\n" }
    #expect(pupils.utf8.count > 1 << 19)
    do {
      _ = try fixture.read(["people.csv": Self.people, "pupils.csv": pupils, "care.csv": Self.care])
      Issue.record("the read did not fail")
    } catch let error as ExtractReadError {
      #expect(error.reject.file == "pupils.csv")
      #expect(error.reject.line == 20_002)
    }
  }
}
