import Foundation
import SignpostRules
import SignpostStore
import SignpostTestSupport
import Testing

/// What `signpost run` and `explain` write is safe to open: CSV cells cannot run as formulas,
/// files holding personal data are readable by their owner only, and text from the data
/// cannot drive the terminal.
@Suite struct SafeOutputsTests {
  /// Day 1 of ``TwoDays`` with A, B and C given ids that a spreadsheet would run.
  static let formulaIDs: [String: String] = [
    "people.csv": """
    person_id,date_of_birth,attendance
    =1+2,2010-06-01,85
    +B,2010-06-01,80
    -C,2010-06-01,97
    @D,2010-06-01,88

    """,
    "police_contacts.csv": """
    person_id,date,role
    =1+2,2025-04-01,suspect
    +B,2025-03-30,suspect

    """,
    "social_care.csv": """
    person_id,open_to_service
    =1+2,false
    +B,false

    """,
  ]

  @Test func cellsThatWouldStartAFormulaAreWrittenAsText() throws {
    // Fewer people on day 2 than day 1: allowed, to get to the outputs.
    let folder = try RunCommandTests.setUp(extra: "drop_threshold_percent: 100")
    defer { folder.remove() }
    try folder.write("day2", Self.formulaIDs)
    let first = try SignpostBinary.run(
      ["run", "--config", "day1.yaml", "--as-of", "2025-04-01"], in: folder.path)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try SignpostBinary.run(
      ["run", "--config", "day2.yaml", "--as-of", "2025-04-02"], in: folder.path)
    #expect(second.status == 0, "\(second.stderr)")
    let run = folder.path + "/output/run-2/"
    for file in ["scores.csv", "referrals.csv", "changes.csv"] {
      let text = try String(contentsOfFile: run + file, encoding: .utf8)
      let cells = text.split(separator: "\r\n").flatMap { $0.split(separator: ",") }
      for cell in cells {
        #expect(
          !["=", "+", "-", "@", "\t", "\r"].contains(where: { cell.hasPrefix($0) }),
          "\(file): a cell a spreadsheet would run: \(cell)")
      }
      #expect(text.contains("\"'=1+2\""), "\(file): \(text)")
    }
    let scores = try String(contentsOfFile: run + "scores.csv", encoding: .utf8)
    for id in ["+B", "-C", "@D"] { #expect(scores.contains("\"'\(id)\""), "\(id)") }
  }

  @Test func storeAndOutputsAreOwnerOnlyWhateverTheUmask() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    let outcome = try SignpostBinary.run(
      ["run", "--config", "day1.yaml", "--as-of", "2025-04-01"], in: folder.path, umask: "000")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    var checked = 0
    for top in ["store", "output"] {
      let root = folder.path + "/" + top
      var paths = [root]
      let enumerator = FileManager.default.enumerator(atPath: root)
      while let name = enumerator?.nextObject() as? String { paths.append(root + "/" + name) }
      for path in paths {
        var info = stat()
        #expect(lstat(path, &info) == 0, "\(path)")
        if (info.st_mode & S_IFMT) == S_IFLNK { continue }
        #expect(
          info.st_mode & 0o077 == 0, "\(path) is mode \(String(info.st_mode & 0o777, radix: 8))")
        checked += 1
      }
    }
    // The store, its lock, write-ahead log and shared memory; the output folders and files.
    #expect(checked >= 12, "only \(checked) files and folders checked")
  }

  @Test func explainEscapesControlCharactersFromTheData() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    let escape = "\u{1B}]0;owned\u{07}\u{1B}[2J"
    try folder.write(
      "day1",
      ["people.csv": "person_id,date_of_birth,attendance\n\"E\(escape)\",2010-06-01,85\n"])
    let outcome = try SignpostBinary.run(
      [
        "explain", "--pack", tinyPackPath, "--input", "day1", "--as-of", "2025-04-01", "--id",
        "E\(escape)",
      ], in: folder.path)
    let printed = outcome.stdout + outcome.stderr
    #expect(!printed.contains("\u{1B}"), "a raw escape reached the terminal")
    #expect(!printed.contains("\u{07}"))
    #expect(printed.contains("E\\u{1B}]0;owned\\u{7}\\u{1B}[2J"), "\(printed)")
  }

  @Test func explainTakesTheAsOfDateOfTheLatestRunAndSaysSo() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    let run = try SignpostBinary.run(
      ["run", "--config", "day2.yaml", "--as-of", "2025-04-02"], in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    // A was recommended for PIED in that run (a suspect contact on 2025-04-01, within 7 days).
    let explain = try SignpostBinary.run(
      ["explain", "--pack", tinyPackPath, "--input", "day2", "--id", "A", "--config", "day2.yaml"],
      in: folder.path)
    #expect(explain.status == 0, "\(explain.stderr)")
    #expect(
      explain.stdout.hasPrefix(
        "as of 2025-04-02: the as-of date of run 1, the latest complete run in "),
      "\(explain.stdout)")
    #expect(explain.stdout.contains("Score 50 of 100, band high."))
    #expect(explain.stdout.contains("PIED: recommended"))
    let withStore = try SignpostBinary.run(
      [
        "explain", "--pack", tinyPackPath, "--input", "day2", "--id", "A", "--store",
        "store/runs.sqlite",
      ], in: folder.path)
    #expect(withStore.stdout == explain.stdout)
    // Without a date or a store there is no silent "today".
    let neither = try SignpostBinary.run(
      ["explain", "--pack", tinyPackPath, "--input", "day2", "--id", "A"], in: folder.path)
    #expect(neither.status == 64)
    #expect(neither.stderr.contains("--as-of"))
    let given = try SignpostBinary.run(
      ["explain", "--pack", tinyPackPath, "--input", "day2", "--id", "A", "--as-of", "2025-04-02"],
      in: folder.path)
    #expect(given.stdout.hasPrefix("as of 2025-04-02: given with --as-of\n"))
  }

  @Test func todayIsTheCivilDateInThePacksTimeZone() throws {
    // 00:30 in London on 2 July 2025 is 23:30 UTC on 1 July.
    let lateUTC = try #require(ISO8601DateFormatter().date(from: "2025-07-01T23:30:00Z"))
    #expect(PackDate.today(inTimeZone: "Europe/London", now: lateUTC).description == "2025-07-02")
    #expect(PackDate.today(inTimeZone: "UTC", now: lateUTC).description == "2025-07-01")
    // In winter London is on UTC.
    let winter = try #require(ISO8601DateFormatter().date(from: "2025-01-01T23:30:00Z"))
    #expect(PackDate.today(inTimeZone: "Europe/London", now: winter).description == "2025-01-01")
  }
}
