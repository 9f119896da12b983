import Foundation
import SignpostStore
import SignpostTestSupport
import Testing

/// `signpost run` of the `fair` pack over the `fair` extract (a disparity planted by ward,
/// none by sex or age; Fixtures/extracts/fair/README.md), then `fairness` and `profile` on the
/// stored run, through the real executable.
@Suite struct ResponsibleUseCommandTests {
  /// A folder with a stored run 1 of the fair pack, and its output folder.
  static func storedRun() throws -> TemporaryFolder {
    let folder = try TemporaryFolder("signpost-fair")
    try """
    pack: \(fixtures.appendingPathComponent("packs/fair").path)
    input: \(fixtures.appendingPathComponent("extracts/fair").path)
    store: store/runs.sqlite
    output: output
    """.write(toFile: folder.path + "/run.yaml", atomically: true, encoding: .utf8)
    let run = try SignpostBinary.run(
      ["run", "--config", "run.yaml", "--as-of", "2025-04-01"], in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    return folder
  }

  /// A copy of the fair pack at `path` with each `(file, old, new)` edit applied.
  static func fairPackCopy(at path: String, edits: [(String, String, String)]) throws {
    try FileManager.default.copyItem(
      atPath: fixtures.appendingPathComponent("packs/fair").path, toPath: path)
    for (file, old, new) in edits {
      let text = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
      #expect(text.contains(old), "\(file) no longer holds \(old)")
      try text.replacing(old, with: new).write(
        toFile: path + "/" + file, atomically: true, encoding: .utf8)
    }
  }

  @Test func fairnessShowsThePlantedWardAndExitsEightWhenAGroupIsFlagged() throws {
    let folder = try Self.storedRun()
    defer { folder.remove() }
    let fairness = try SignpostBinary.run(
      ["fairness", "--run", "1", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(fairness.status == 8, "\(fairness.stderr)")
    // North: 240 of 600 against 123 of 1205, so 3.92 with interval exp(±1.96 × 0.099).
    #expect(fairness.stdout.contains("flagged: 5\n"))
    #expect(fairness.stdout.contains("  band flagged by ward: north 3.92 (3.23-4.76)\n"))
    #expect(fairness.stdout.contains("  band none by ward: north 0.67 (0.62-0.71)\n"))
    #expect(!fairness.stdout.contains("by sex:"), "sex was planted with no difference")
    #expect(fairness.stdout.contains("band flagged: 363 of 1805 (20.1%)"))
    // West's 3 is withheld, and so is east beside it.
    #expect(fairness.stdout.contains("  ward       west               5        <5\n"))
    #expect(fairness.stdout.contains("  ward       east             600         c\n"))
    #expect(
      fairness.stdout.contains(
        "  ward       north            600       240  40.0%   3.92     3.23-4.76  !\n"))

    let json = try SignpostBinary.run(
      ["fairness", "--run", "1", "--store", "store/runs.sqlite", "--format", "json"],
      in: folder.path)
    #expect(json.stdout.contains("\"rate_ratio_range\" : [\n    0.8,\n    1.25\n  ]"))

    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    #expect(try store.auditEntries().filter { $0.command == "fairness" }.count == 2)

    let missing = try SignpostBinary.run(
      ["fairness", "--run", "7", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(missing.status == 4)
    #expect(missing.stderr.contains("run 7 does not exist"))
    let both = try SignpostBinary.run(
      ["fairness", "--run", "1", "--summary", "x.json"], in: folder.path)
    #expect(both.status == 64, "a usage error")
  }

  @Test func profileCountsIndicatorsAndBandsByWardWithoutPersonIDs() throws {
    let folder = try Self.storedRun()
    defer { folder.remove() }
    let csv = try SignpostBinary.run(
      ["profile", "--run", "1", "--store", "store/runs.sqlite", "--format", "csv"], in: folder.path)
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = csv.stdout.components(separatedBy: "\r\n")
    #expect(
      lines.first
        == "field,group,people,band flagged,band none,indicator persistent_absence: fired")
    #expect(lines.contains("ward,north,600,240,360,240"))
    #expect(lines.contains { $0.hasPrefix("ward,west,5,<5,") })
    #expect(!csv.stdout.contains("north1"), "no person id")
    // The summary written by the run gives the same profile without the store.
    let fromSummary = try SignpostBinary.run(
      ["profile", "--summary", "output/run-1/summary.json", "--format", "csv"], in: folder.path)
    #expect(fromSummary.stdout == csv.stdout)
  }

  @Test(
    .tags(.long), .enabled(if: longTestsEnabled, "SIGNPOST_SKIP_LONG_TESTS=1"),
    .timeLimit(.minutes(10)))
  func theRunReportShowsTheFairnessSectionInChromium() throws {
    try #require(
      Chromium.path != nil,
      "chromium is not installed (.ci/run installs Debian's chromium package)")
    let folder = try Self.storedRun()
    defer { folder.remove() }
    let dom = Chromium.dumpDOM(folder.path + "/output/run-1/report.html")
    #expect(dom.contains("Fairness: who is selected, by group"), "\(dom.prefix(300))")
    #expect(dom.contains("id=\"chart-fairness\""))
    #expect(dom.contains("5 flagged:"))
    #expect(dom.contains("band flagged by ward: north 3.92 (3.23-4.76)"))
    // The five flagged groups are drawn in red, the others with an index in blue.
    #expect(dom.components(separatedBy: "class=\"rri-flagged\"").count - 1 == 5)
    #expect(dom.components(separatedBy: "class=\"rri-group\"").count - 1 >= 6)
  }
}
