import Foundation
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
