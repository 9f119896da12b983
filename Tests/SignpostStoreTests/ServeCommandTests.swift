import Foundation
import SignpostStore
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `signpost serve` and `signpost audit` through the real executable.
@Suite(.serialized) struct ServeCommandTests {
  /// Two nightly runs of the tiny pack and a configuration with a serve: section on `port`.
  static func setUp(port: Int) throws -> TemporaryFolder {
    let folder = try RunCommandTests.setUp(
      extra: """
        serve:
          address: 127.0.0.1
          port: \(port)
          session_secret_file: session.key
          users:
            - { name: admin, role: admin, password_hash: "$2b$04$abcdefghijklmnopqrstuu" }
        """)
    try String(repeating: "s", count: 48).write(
      toFile: folder.path + "/session.key", atomically: true, encoding: .utf8)
    for (day, date) in [("day1", "2025-04-01"), ("day2", "2025-04-02")] {
      let run = try SignpostBinary.run(
        ["run", "--config", "\(day).yaml", "--as-of", date], in: folder.path)
      #expect(run.status == 0, "\(run.stderr)")
    }
    return folder
  }

  @Test func servesUntilSIGTERMThenStopsGracefully() async throws {
    let port = Int.random(in: 20_000..<40_000)
    let folder = try Self.setUp(port: port)
    defer { folder.remove() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try SignpostBinary.require())
    process.arguments = ["serve", "--config", "day2.yaml"]
    process.currentDirectoryURL = folder.url
    let err = folder.path + "/serve.stderr"
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    func stderr() -> String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }
    var health: (Data, URLResponse)?
    for _ in 0..<600 where health == nil && process.isRunning {
      try await Task.sleep(for: .milliseconds(100))
      health = try? await URLSession.shared.data(
        from: URL(string: "http://127.0.0.1:\(port)/health")!)
    }
    let (body, response) = try #require(health, "the service never answered: \(stderr())")
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    #expect(String(decoding: body, as: UTF8.self) == "ok\n")
    let (_, ready) = try await URLSession.shared.data(
      from: URL(string: "http://127.0.0.1:\(port)/ready")!)
    #expect((ready as? HTTPURLResponse)?.statusCode == 200)
    process.terminate()  // SIGTERM
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0, "\(stderr())")
    #expect(stderr().contains("msg=serving"))
    #expect(stderr().contains("msg=stopped"))
    #expect(stderr().contains("run_id=2"))
  }

  @Test func aBadServeSectionIsPositionedAndExits6() throws {
    let folder = try Self.setUp(port: 0)
    defer { folder.remove() }
    let serve = try SignpostBinary.run(["serve", "--config", "day2.yaml"], in: folder.path)
    #expect(serve.status == 6)
    #expect(serve.stderr.contains("day2.yaml:"))
    #expect(serve.stderr.contains("'port' in serve must be 1 to 65535, not 0"))
  }

  @Test func auditListsTheReadsAndDecisionsOfOnePerson() throws {
    let folder = try Self.setUp(port: 8080)
    defer { folder.remove() }
    let store = try RunStore(path: folder.path + "/store/runs.sqlite")
    try store.recordPersonReads(
      ["B", "A"], page: "queue:pied", user: "pied-lead", role: "programme_lead", runID: 2)
    try store.recordDecision(
      programme: "pied", personID: "B", kind: .accept, reason: .meetsCriteria, note: "",
      user: "pied-lead", runID: 2, packHash: "abc")
    let audit = try SignpostBinary.run(
      ["audit", "--person", "B", "--store", "store/runs.sqlite"], in: folder.path)
    #expect(audit.status == 0, "\(audit.stderr)")
    let lines = audit.stdout.split(separator: "\n")
    #expect(lines.first == "person B: 1 reads, 1 decisions")
    #expect(lines.count == 3)
    #expect(lines[1].hasSuffix("shown  pied-lead (programme_lead)  queue:pied run 2"))
    #expect(lines[2].hasSuffix("decided  pied-lead  pied: accept, meets_criteria  run 2"))
    #expect(try store.auditEntries().last?.command == "audit")
  }
}
