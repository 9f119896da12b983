import Foundation
import SignpostStore
import SignpostTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGTERM, SIGINT and SIGKILL sent to the real `signpost run` at each phase (through
/// `SIGNPOST_TEST_PAUSE_AT`): before the run is stored it rolls back and exits 128 + the
/// signal; after, it finishes, so a stored run is also a seen one; and no partial output
/// file, named or hidden, survives any of them. Each test has its own folder and process, so
/// they run in parallel.
@Suite struct SignalTests {
  static let arguments = ["run", "--config", "day2.yaml", "--as-of", "2025-04-02"]

  /// A folder where day 1 is run and complete: run once for the suite, which is expensive
  /// (the real binary); each test works on its own copy.
  static let dayOne = Result { () throws -> TemporaryFolder in
    let folder = try RunCommandTests.setUp()
    let first = try SignpostBinary.run(
      ["run", "--config", "day1.yaml", "--as-of", "2025-04-01"], in: folder.path)
    guard first.status == 0 else { throw FixtureError("day 1 failed: \(first.stderr)") }
    return folder
  }

  /// A copy of ``dayOne`` for one test.
  static func afterDayOne() throws -> TemporaryFolder {
    let folder = try TemporaryFolder("signpost-signal")
    try FileManager.default.removeItem(at: folder.url)
    try FileManager.default.copyItem(at: try dayOne.get().url, to: folder.url)
    return folder
  }

  /// Every file and folder under the output folder, relative to it.
  static func outputTree(_ folder: TemporaryFolder) -> [String] {
    let root = folder.path + "/output"
    var names: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let name = enumerator?.nextObject() as? String { names.append(name) }
    return names.sorted()
  }

  static func expectNoHiddenFiles(_ folder: TemporaryFolder, after what: String) {
    let hidden = outputTree(folder).filter {
      $0.split(separator: "/").contains { $0.hasPrefix(".") }
    }
    #expect(hidden.isEmpty, "after \(what): \(hidden)")
  }

  @Test(arguments: ["started", "scored", "store.begin", "store.results", "store.commit"])
  func aSignalBeforeTheRunIsStoredRollsItBack(point: String) throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    let before = Self.outputTree(folder)
    let stop = try SignpostBinary.killRun(
      Self.arguments, in: folder.path, pausePoint: point, signal: SIGTERM)
    #expect(stop.killedWhileRunning)
    #expect(!stop.endedBySignal, "at \(point): the signal killed it instead of being handled")
    #expect(stop.status == 143, "at \(point): \(stop.stderr)")
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    let run = try #require(try store.run(id: 2))
    #expect(run.status == .failed)
    #expect(run.error == "stopped by SIGTERM before the run was stored")
    #expect(try store.results(runID: 2).isEmpty)
    #expect(try store.latestCompleteRun()?.id == 1)
    #expect(Self.outputTree(folder) == before, "at \(point): outputs changed")
  }

  @Test func sigintExits130() throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    let stop = try SignpostBinary.killRun(
      Self.arguments, in: folder.path, pausePoint: "scored", signal: SIGINT)
    #expect(stop.status == 130, "\(stop.stderr)")
    let run = try RunStore(path: folder.path + "/store/runs.sqlite").run(id: 2)
    #expect(run?.error == "stopped by SIGINT before the run was stored")
  }

  @Test(arguments: ["stored", "outputs.scores.ndjson", "outputs.report.html", "outputs.written"])
  func aSignalAfterTheRunIsStoredLetsItFinish(point: String) throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    let stop = try SignpostBinary.killRun(
      Self.arguments, in: folder.path, pausePoint: point, signal: SIGTERM)
    #expect(stop.status == 0, "at \(point): \(stop.stderr)")
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    #expect(try store.run(id: 2)?.status == .complete)
    let latest = try FileManager.default.destinationOfSymbolicLink(
      atPath: folder.path + "/output/latest")
    #expect(latest == "run-2")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/output/run-2")
    #expect(
      files.sorted() == [
        "changes.csv", "referrals.csv", "rejects.csv", "report.html", "scores.csv",
        "scores.ndjson", "summary.json",
      ])
    Self.expectNoHiddenFiles(folder, after: "SIGTERM at \(point)")
  }

  @Test func aKillWhileWritingOutputsLeavesNoPartialFileAndTheRunIsNotSeen() throws {
    let folder = try Self.afterDayOne()
    defer { folder.remove() }
    // Halfway through scores.ndjson: the file before it is whole, it is absent.
    let first = try SignpostBinary.killRun(
      Self.arguments, in: folder.path, pausePoint: "outputs.scores.ndjson")
    #expect(first.killedWhileRunning)
    Self.expectNoHiddenFiles(folder, after: "SIGKILL in scores.ndjson")
    let firstFiles = try FileManager.default.contentsOfDirectory(
      atPath: folder.path + "/output/run-2")
    #expect(firstFiles == ["scores.csv"], "\(firstFiles)")
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    #expect(try store.run(id: 2)?.status == .stored)

    // Halfway through report.html; this run first marks run 2 and removes its half folder.
    let second = try SignpostBinary.killRun(
      Self.arguments, in: folder.path, pausePoint: "outputs.report.html")
    #expect(second.killedWhileRunning)
    Self.expectNoHiddenFiles(folder, after: "SIGKILL in report.html")
    #expect(try store.run(id: 2)?.status == .outputsMissing)
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/output/run-2"))
    #expect(try store.run(id: 3)?.status == .stored)
    let written = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/output/run-3")
    #expect(!written.contains("report.html"), "a partial report survived")
    #expect(written.contains("scores.ndjson"))
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: folder.path + "/output/latest")
        == "run-1")

    // The next run marks the unseen one, and compares with the last run that was seen.
    let next = try SignpostBinary.run(Self.arguments, in: folder.path)
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stderr.contains("marked outputs_missing"))
    #expect(try store.run(id: 3)?.status == .outputsMissing)
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/output/run-3"))
    #expect(
      next.stdout.contains(
        "since run 1: new to a band 2, escalated 1, de-escalated 1, no longer flagged 2, new recommendations 1"
      ), "\(next.stdout)")
  }
}
