import Foundation
import SignpostTestSupport
import Testing

/// `signpost backtest` of the fair pack on the fair extract as a snapshot of 2024-04-01, with
/// outcomes whose answer is known (Fixtures/backtest/README.md), through the real executable.
@Suite struct BacktestCommandTests {
  static func backtest(_ extra: [String] = [], snapshot: String = "2024-04-01") throws -> (
    TemporaryFolder, SignpostBinary.Outcome
  ) {
    let folder = try TemporaryFolder("signpost-backtest")
    try FileManager.default.createDirectory(
      atPath: folder.path + "/snapshots/" + snapshot, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: fixtures.appendingPathComponent("extracts/fair/people.csv").path,
      toPath: folder.path + "/snapshots/\(snapshot)/people.csv")
    let outcome = try SignpostBinary.run(
      [
        "backtest", "--pack", fixtures.appendingPathComponent("packs/fair").path, "--snapshots",
        "snapshots", "--outcomes",
        fixtures.appendingPathComponent("backtest/fair-outcomes.csv").path,
      ] + extra, in: folder.path)
    return (folder, outcome)
  }

  @Test func calibrationPrecisionAndRecallAreTheKnownAnswer() throws {
    let (folder, result) = try Self.backtest()
    defer { folder.remove() }
    #expect(result.status == 0, "\(result.stderr)")
    let out = result.stdout
    #expect(out.contains("outcome rows: 182 read, 181 used, 1 rejected\n"))
    #expect(out.contains("fair-outcomes.csv:182: rejected: date 'not-a-date' is not YYYY-MM-DD\n"))
    #expect(
      out.contains(
        "  2024-04-01: 1805 scored, 10 left out (had it already), 150 had it within the window\n"))
    #expect(out.contains("  flagged     363       100  27.5%\n"))
    #expect(out.contains("  none       1432        50   3.5%\n"))
    #expect(out.contains("  flagged              363      27.5%   66.7%\n"))
    #expect(out.contains("  none                1795       8.4%  100.0%\n"))
    #expect(out.contains("  support       10000          363      27.5%   66.7%\n"))
    #expect(
      out.contains(
        "  ward       north            600       100  16.7%       240      41.7%  100.0%\n"))
  }

  @Test func oneOutcomeCanBeChosen() throws {
    // Only the youth justice contacts: east's permanent exclusions no longer count.
    let (folder, result) = try Self.backtest(["--outcome", "youth_justice_contact"])
    defer { folder.remove() }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("100 had it within the window\n"))
    #expect(result.stdout.contains("  flagged              363      27.5%  100.0%\n"))
    let (other, unknown) = try Self.backtest(["--outcome", "arrest"])
    defer { other.remove() }
    #expect(unknown.status == 4)
    #expect(unknown.stderr.contains("has no outcome 'arrest'"))
  }

  @Test func aSnapshotFolderMustBeNamedByItsDate() throws {
    let (folder, result) = try Self.backtest(snapshot: "april")
    defer { folder.remove() }
    #expect(result.status == 2)
    #expect(result.stderr.contains("snapshot folders must be named YYYY-MM-DD: april"))
  }
}

/// The repository's root folder.

/// `signpost synth --snapshot` then `signpost backtest` on what it wrote: the outcomes were
/// planted on the latent risk that also drives the events the rules read, so people the rules
/// select must have the outcome more often than those they do not.
@Suite struct SynthBacktestTests {
  @Test func synthesisedSnapshotsAndOutcomesBacktestEndToEnd() throws {
    let folder = try TemporaryFolder("signpost-synth-backtest")
    defer { folder.remove() }
    let synth = try SignpostBinary.run(
      [
        "synth", "--people", "4000", "--seed", "11", "--out", "history", "--bad-rows", "0",
        "--pack", repositoryRoot.appendingPathComponent("rules/wigan").path, "--snapshot",
        "2024-04-01", "--snapshot",
        "2025-04-01",
      ], in: folder.path)
    #expect(synth.status == 0, "\(synth.stderr)")
    for date in ["2024-04-01", "2025-04-01"] {
      #expect(
        FileManager.default.fileExists(
          atPath: folder.path + "/history/snapshots/\(date)/people.csv"))
    }
    let outcomes = try String(
      contentsOfFile: folder.path + "/history/outcomes.csv", encoding: .utf8
    )
    .split(separator: "\n").dropFirst()
    #expect(outcomes.count > 30)
    let people = try String(
      contentsOfFile: folder.path + "/history/snapshots/2024-04-01/people.csv", encoding: .utf8)
    let ids = Set(people.split(separator: "\n").map { $0.split(separator: ",").first ?? "" })
    #expect(
      outcomes.allSatisfy { ids.contains($0.split(separator: ",")[0]) }, "outcomes name real people"
    )

    let backtest = try SignpostBinary.run(
      [
        "backtest", "--pack", repositoryRoot.appendingPathComponent("rules/wigan").path,
        "--snapshots", "history/snapshots",
        "--outcomes", "history/outcomes.csv",
      ], in: folder.path)
    #expect(backtest.status == 0, "\(backtest.stderr)")
    // Precision of "low and above" against everyone ("none and above").
    let lines = backtest.stdout.split(separator: "\n")
    let section = try #require(lines.firstIndex(of: "selecting each band and those above it:"))
    func precision(_ band: String) throws -> Double {
      let line = try #require(
        lines[section...].first { $0.hasPrefix("  \(band) ") }, "no \(band) in\n\(backtest.stdout)")
      return try #require(Double(line.split(separator: " ")[2].dropLast()))
    }
    #expect(try precision("low") > 2 * precision("none"), "\(backtest.stdout)")
  }
}
