import Foundation
import Logging
import SignpostRun
import SignpostStore
import SignpostTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The nightly run as a library (`SignpostRun`): each way it ends is a typed outcome, with
/// the store and the outputs left as `signpost run` leaves them.
@Suite struct NightlyRunTests {
  /// The run's log lines are checked through the real binary (RunCommandTests); here they
  /// would only be noise.
  static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  func config(_ folder: TemporaryFolder, _ day: String) throws -> RunConfig {
    try RunConfig.load(path: folder.path + "/\(day).yaml").get()
  }

  @Test func aCompleteRunPassesEveryStageInOrderAndSaysWhereItsOutputsAre() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    let stages = Mutex<[RunStage]>([])
    let points = Mutex<[String]>([])
    let run = NightlyRun(
      config: try config(folder, "day1"), asOf: try date("2025-04-01"), user: "test",
      observer: RunObserver(
        stageStarted: { stage in stages.withLock { $0.append(stage) } },
        reached: { point in points.withLock { $0.append(point) } }), logger: Self.quiet)
    let result = run.perform()
    #expect(result.outcome == .complete(reconciled: true), "\(result.errors)")
    #expect(result.runID == 1)
    #expect(result.errors.isEmpty)
    #expect(stages.withLock { $0 } == RunStage.allCases)
    #expect(
      points.withLock { $0 }.starts(with: ["started", "scored", "store.begin"]),
      "\(points.withLock { $0 })")
    #expect(points.withLock { $0 }.last == "outputs.written")
    #expect(result.summary?.contains("the first complete run: nothing to compare with") == true)
    let report = try #require(result.folder) + "/report.html"
    #expect(try String(contentsOfFile: report, encoding: .utf8).contains("Signpost run 1"))
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    #expect(try store.latestCompleteRun()?.id == 1)
  }

  @Test func aStopRequestedBeforeTheRunIsStoredRollsItBack() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    let run = NightlyRun(
      config: try config(folder, "day1"), asOf: try date("2025-04-01"), user: "test",
      observer: RunObserver(stopRequested: { SIGTERM }), logger: Self.quiet)
    let result = run.perform()
    #expect(result.outcome == .interrupted(signal: SIGTERM))
    #expect(
      result.errors == [
        "signpost: stopped by SIGTERM before run 1 was stored; nothing of it is kept"
      ])
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    #expect(try store.run(id: 1)?.status == .failed)
    #expect(try store.latestCompleteRun() == nil)
  }

  @Test func anEmptyInputIsRejectedAndADropIsHeldEachWithAReportInRed() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    var settings = try config(folder, "day1")
    #expect(
      NightlyRun(config: settings, user: "test", logger: Self.quiet).perform().outcome
        == .complete(reconciled: true))
    // Tonight one person instead of six: held.
    try folder.write(
      "small", ["people.csv": "person_id,date_of_birth,attendance\nA,2010-06-01,85\n"])
    settings.input = folder.path + "/small"
    let held = NightlyRun(config: settings, user: "test", logger: Self.quiet).perform()
    #expect(held.outcome == .held)
    #expect(held.errors.last?.hasPrefix("run held:") == true, "\(held.errors)")
    let heldReport = try String(
      contentsOfFile: try #require(held.folder) + "/report.html", encoding: .utf8)
    #expect(heldReport.contains("Signpost run 2: HELD"))
    #expect(heldReport.contains("The last complete run is run 1"))
    // Accepted, it completes.
    #expect(
      NightlyRun(config: settings, acceptDrop: true, user: "test", logger: Self.quiet).perform()
        .outcome
        == .complete(reconciled: true))

    try folder.write("empty", [:])
    settings.input = folder.path + "/empty"
    let empty = NightlyRun(config: settings, user: "test", logger: Self.quiet).perform()
    #expect(empty.outcome == .inputRejected)
    #expect(empty.errors.first?.contains("no file here is one the pack reads") == true)
  }

  @Test func aStoreThatCannotBeOpenedIsAStoreError() throws {
    let folder = try RunCommandTests.setUp()
    defer { folder.remove() }
    var settings = try config(folder, "day1")
    try Data("not a database".utf8).write(to: folder.url.appendingPathComponent("bad.sqlite"))
    settings.store = folder.path + "/bad.sqlite"
    let result = NightlyRun(config: settings, user: "test", logger: Self.quiet).perform()
    #expect(result.outcome == .storeError)
    #expect(result.runID == nil)
    #expect(result.errors.first?.hasPrefix("error: ") == true)
  }
}
