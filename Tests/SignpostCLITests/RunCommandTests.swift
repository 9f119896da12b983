import Foundation
import SignpostStore
import SignpostTestSupport
import Testing

/// `signpost run`, `changes` and `purge` through the real executable.
@Suite struct RunCommandTests {
  /// A folder with both days' extracts and a configuration for the tiny pack.
  static func setUp(strict: Bool = false, extra: String = "") throws -> TemporaryFolder {
    let folder = try TemporaryFolder("signpost-run")
    try folder.write("day1", TwoDays.day1)
    try folder.write("day2", TwoDays.day2)
    for day in ["day1", "day2"] {
      try """
      # The nightly run of the tiny pack.
      pack: \(tinyPackPath)
      input: \(day)
      store: store/runs.sqlite
      output: output
      strict: \(strict)
      \(extra)
      """.write(toFile: folder.path + "/\(day).yaml", atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test func twoNightlyRunsADayApart() throws {
    let folder = try Self.setUp()
    defer { folder.remove() }
    let first = try SignpostBinary.run(
      ["run", "--config", "day1.yaml", "--as-of", "2025-04-01"], in: folder.path)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("the first complete run: nothing to compare with"))
    let second = try SignpostBinary.run(
      ["run", "--config", "day2.yaml", "--as-of", "2025-04-02"], in: folder.path)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(
      second.stdout.contains(
        "since run 1: new to a band 2, escalated 1, de-escalated 1, no longer flagged 2, new recommendations 1"
      ))

    // No person id reaches the logs or the summary on standard output.
    for output in [first, second] {
      for id in ["A", "B", "C", "D", "E", "F", "G"] {
        #expect(!output.stderr.contains("=\(id) "), "a person id in the logs")
        #expect(!output.stdout.contains(" \(id) "), "a person id on standard output")
      }
    }
    #expect(second.stderr.contains("msg=\"run stored\" run_id=2"))
    // No progress bar in a pipe.
    #expect(!second.stderr.contains("\u{1B}[2K"))

    let changes = try SignpostBinary.run(
      ["changes", "--run", "2", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(changes.status == 0)
    #expect(
      changes.stdout == """
        run 2 (complete, as of 2025-04-02, pack tiny 0.1.0)
        compared with run 1 (complete, as of 2025-04-01, pack tiny 0.1.0)
        new to a band: 2
          D  low -> medium  score 0 -> 20  +persistent_absence
          G  not in run -> medium  score - -> 30  +recent_suspect_contact
        escalated: 1
          A  medium -> high  score 20 -> 50  +recent_suspect_contact
        de-escalated: 1
          B  high -> medium  score 50 -> 30  -persistent_absence
        no longer flagged: 2
          C  medium -> low  score 30 -> 0  -recent_suspect_contact
          F  medium -> not in run  score 20 -> -  -persistent_absence
        new recommendations: 1
          pied  #1  A  score 50  +recent_suspect_contact

        """)

    let run2 = folder.path + "/output/run-2"
    for file in ["report.html", "changes.csv", "scores.csv", "referrals.csv", "summary.json"] {
      #expect(FileManager.default.fileExists(atPath: run2 + "/" + file), "\(file)")
    }
    let latest = try FileManager.default.destinationOfSymbolicLink(
      atPath: folder.path + "/output/latest")
    #expect(latest == "run-2")

    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    let audit = try store.auditEntries().map { "\($0.command) \($0.action) \($0.runID ?? 0)" }
    #expect(
      audit == [
        "run started 1", "run stored 1", "run completed 1", "run started 2", "run stored 2",
        "run completed 2", "changes read 2",
      ])

    let missing = try SignpostBinary.run(
      ["changes", "--run", "9", "--config", "day1.yaml"], in: folder.path)
    #expect(missing.status == 4)
    let noStore = try SignpostBinary.run(
      ["changes", "--run", "1", "--store", "elsewhere.sqlite"], in: folder.path)
    #expect(noStore.status == 5)
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/elsewhere.sqlite"))

    // Purge with a period that keeps both runs: nothing goes.
    let purge = try SignpostBinary.run(
      ["purge", "--older-than", "90d", "--config", "day1.yaml"], in: folder.path)
    #expect(purge.status == 0, "\(purge.stderr)")
    #expect(purge.stdout.contains("0 runs, 0 results, 0 referrals deleted"))
    let badPeriod = try SignpostBinary.run(
      ["purge", "--older-than", "3 months", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(badPeriod.status == 64)
  }

  @Test func aConfigurationErrorIsPositionedAndExits6() throws {
    let folder = try Self.setUp(extra: "strictt: true")
    defer { folder.remove() }
    let outcome = try SignpostBinary.run(["run", "--config", "day1.yaml"], in: folder.path)
    #expect(outcome.status == 6)
    #expect(outcome.stderr.contains("day1.yaml:7:1: error:"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("strictt"))
    let missing = try SignpostBinary.run(["run", "--config", "nowhere.yaml"], in: folder.path)
    #expect(missing.status == 6)
  }

  @Test func aPackThatDoesNotCompileExits1AndTheRunIsFailed() throws {
    let folder = try Self.setUp()
    defer { folder.remove() }
    try "pack: nowhere\ninput: day1\nstore: store/runs.sqlite\noutput: output\n"
      .write(toFile: folder.path + "/bad.yaml", atomically: true, encoding: .utf8)
    let outcome = try SignpostBinary.run(["run", "--config", "bad.yaml"], in: folder.path)
    #expect(outcome.status == 1)
    let run = try RunStore(path: folder.path + "/store/runs.sqlite").run(id: 1)
    #expect(run?.status == .failed)
    #expect(run?.error == "the pack does not compile")
  }

  @Test func aBadRowUnderStrictExits2WithoutItsValue() throws {
    let folder = try Self.setUp(strict: true)
    defer { folder.remove() }
    try folder.write(
      "day1", ["people.csv": "person_id,date_of_birth,attendance\nA,2010-06-01,secret-value\n"])
    let outcome = try SignpostBinary.run(["run", "--config", "day1.yaml"], in: folder.path)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("people.csv:2"))
    #expect(!outcome.stderr.contains("secret-value"))
    let run = try RunStore(path: folder.path + "/store/runs.sqlite").run(id: 1)
    #expect(run?.status == .failed)
  }

  @Test func anUnusableStoreExits5() throws {
    let folder = try Self.setUp()
    defer { folder.remove() }
    // The store path is a folder.
    try FileManager.default.createDirectory(
      atPath: folder.path + "/store/runs.sqlite", withIntermediateDirectories: true)
    let outcome = try SignpostBinary.run(["run", "--config", "day1.yaml"], in: folder.path)
    #expect(outcome.status == 5)
  }
}
