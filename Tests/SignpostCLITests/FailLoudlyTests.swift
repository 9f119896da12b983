import Foundation
import SignpostStore
import SignpostTestSupport
import Testing

/// `signpost run` through the real executable when the input goes missing or drops: the run
/// fails or is held, with its exit status and a report in red, and the next good run compares
/// with the last complete one instead of "unflagging" everyone.
@Suite struct FailLoudlyTests {
  /// A folder with day 1 run and complete, and a configuration `night.yaml` reading `night`.
  static func afterDayOne(extra: String = "") throws -> TemporaryFolder {
    let folder = try RunCommandTests.setUp()
    try """
    pack: \(tinyPackPath)
    input: night
    store: store/runs.sqlite
    output: output
    \(extra)
    """.write(toFile: folder.path + "/night.yaml", atomically: true, encoding: .utf8)
    let first = try SignpostBinary.run(
      ["run", "--config", "day1.yaml", "--as-of", "2025-04-01"], in: folder.path)
    #expect(first.status == 0, "\(first.stderr)")
    return folder
  }

  static func night(_ folder: TemporaryFolder, _ extra: [String] = []) throws
    -> SignpostBinary.Outcome
  {
    try SignpostBinary.run(
      ["run", "--config", "night.yaml", "--as-of", "2025-04-02"] + extra, in: folder.path)
  }

  static func store(_ folder: TemporaryFolder) throws -> RunStore {
    try RunStore(path: folder.path + "/store/runs.sqlite")
  }

  /// The report `OUTPUT/latest` points at, and its red alerts.
  static func latestReport(_ folder: TemporaryFolder) throws -> (run: String, alerts: String) {
    let output = folder.path + "/output"
    let run = try FileManager.default.destinationOfSymbolicLink(atPath: output + "/latest")
    let html = try String(contentsOfFile: output + "/\(run)/report.html", encoding: .utf8)
    guard let start = html.range(of: "<section class=\"alert\"") else { return (run, "") }
    let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
    return (run, String(html[start.lowerBound..<(end?.upperBound ?? html.endIndex)]))
  }

  /// After a night that was refused, a good night compares with day 1, not the refused one.
  static func expectNextNightComparesWithDayOne(_ folder: TemporaryFolder) throws {
    try? FileManager.default.removeItem(atPath: folder.path + "/night")
    try folder.write("night", TwoDays.day2)
    let next = try night(folder)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(
      next.stdout.contains(
        "since run 1: new to a band 2, escalated 1, de-escalated 1, no longer flagged 2, new recommendations 1"
      ), "\(next.stdout)")
  }

  @Test func aMissingInputFolderFailsWithExit2AndSaysSoInRed() throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    let outcome = try Self.night(folder)
    #expect(outcome.status == 2)
    #expect(
      outcome.stderr.contains("night: error: the input folder does not exist"), "\(outcome.stderr)")
    let run = try #require(try Self.store(folder).run(id: 2))
    #expect(run.status == .failed)
    #expect(run.error?.contains("does not exist") == true)
    #expect(try Self.store(folder).latestCompleteRun()?.id == 1)
    let report = try Self.latestReport(folder)
    #expect(report.run == "run-2")
    #expect(report.alerts.contains("does not exist"))
    try Self.expectNextNightComparesWithDayOne(folder)
  }

  @Test func anEmptyInputFolderFailsWithExit2() throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    try folder.write("night", [:])
    let outcome = try Self.night(folder)
    #expect(outcome.status == 2)
    #expect(try Self.store(folder).run(id: 2)?.status == .failed)
    #expect(try Self.latestReport(folder).alerts.contains("no file here is one the pack reads"))
    // Files of the right names but no rows: no people.
    try folder.write("night", ["people.csv": "person_id,date_of_birth,attendance\n"])
    let noPeople = try Self.night(folder)
    #expect(noPeople.status == 2)
    #expect(try Self.store(folder).run(id: 3)?.error?.contains("no person was read") == true)
    try Self.expectNextNightComparesWithDayOne(folder)
  }

  @Test func aSourceThatSuppliedRowsLastNightAndNoneTonightHoldsTheRun() throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    var day2 = TwoDays.day2
    day2["police_contacts.csv"] = nil
    try folder.write("night", day2)
    let held = try Self.night(folder)
    #expect(held.status == 8, "\(held.stderr)")
    #expect(held.stderr.contains("--accept-drop"))
    let run = try #require(try Self.store(folder).run(id: 2))
    #expect(run.status == .held)
    #expect(run.error == "source police supplied 2 rows in run 1 and none tonight")
    #expect(try Self.store(folder).results(runID: 2).isEmpty)
    #expect(try Self.latestReport(folder).alerts.contains("supplied 2 rows in run 1 and none"))

    let accepted = try Self.night(folder, ["--accept-drop"])
    #expect(accepted.status == 0, "\(accepted.stderr)")
    #expect(try Self.store(folder).run(id: 3)?.status == .complete)
    let report = try Self.latestReport(folder)
    #expect(report.run == "run-3")
    #expect(report.alerts.contains("Accepted with --accept-drop: source police supplied 2 rows"))
  }

  @Test func aDropInPeopleBeyondTheThresholdHoldsTheRun() throws {
    // Day 1 has 6 people; 4 tonight is a drop of a third.
    var fewer = TwoDays.day1
    fewer["people.csv"] = """
      person_id,date_of_birth,attendance
      A,2010-06-01,85
      B,2010-06-01,80
      C,2010-06-01,97
      D,2010-06-01,97

      """
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    try folder.write("night", fewer)
    let held = try Self.night(folder)
    #expect(held.status == 8)
    let reason = try #require(try Self.store(folder).run(id: 2)?.error)
    #expect(reason.contains("4 people tonight against 6 in run 1, a drop of more than 20%"))

    let lenient = try Self.afterDayOne(extra: "drop_threshold_percent: 50")
    defer { lenient.remove() }
    try lenient.write("night", fewer)
    let allowed = try Self.night(lenient)
    #expect(allowed.status == 0, "\(allowed.stderr)")
  }

  @Test func aDropThresholdOutOfRangeIsAConfigurationError() throws {
    let folder = try RunCommandTests.setUp(extra: "drop_threshold_percent: 120")
    defer { folder.remove() }
    let outcome = try SignpostBinary.run(["run", "--config", "day1.yaml"], in: folder.path)
    #expect(outcome.status == 6)
    #expect(outcome.stderr.contains("day1.yaml:7:"), "\(outcome.stderr)")
  }

  @Test func aOneCharacterStorePathWorksForRunChangesAndPurge() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    try "pack: \(tinyPackPath)\ninput: day1\nstore: x\noutput: o\n"
      .write(toFile: folder.path + "/c.yaml", atomically: true, encoding: .utf8)
    let run = try SignpostBinary.run(
      ["run", "--config", "c.yaml", "--as-of", "2025-04-01"], in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    let changes = try SignpostBinary.run(
      ["changes", "--run", "1", "--store", "x"], in: folder.path)
    #expect(changes.status == 0, "\(changes.stderr)")
    let purge = try SignpostBinary.run(
      ["purge", "--older-than", "90d", "--store", "x"], in: folder.path)
    #expect(purge.status == 0, "\(purge.stderr)")
  }
}
