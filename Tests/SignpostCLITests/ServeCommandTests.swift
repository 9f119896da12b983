import Foundation
import SignpostStore
import SignpostTestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
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

  /// A running `signpost serve --config day2.yaml` and its standard error.
  struct Server {
    let process: Process
    let stderrPath: String
    let port: Int

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Starts the service and waits until `/health` answers.
    static func start(in folder: TemporaryFolder, port: Int, config: String = "day2.yaml")
      async throws -> Server
    {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: try SignpostBinary.require())
      process.arguments = ["serve", "--config", config]
      process.currentDirectoryURL = folder.url
      let path = folder.path + "/serve.stderr"
      _ = FileManager.default.createFile(atPath: path, contents: nil)
      process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      let server = Server(process: process, stderrPath: path, port: port)
      for _ in 0..<600 where process.isRunning {
        if (try? await server.get("/health")) != nil { return server }
        try await Task.sleep(for: .milliseconds(100))
      }
      process.terminate()
      Issue.record("the service never answered: \(server.stderr)")
      throw CancellationError()
    }

    /// The status and body of a GET.
    func get(_ path: String) async throws -> (status: Int, body: String) {
      guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else {
        throw URLError(.badURL)
      }
      let (body, response) = try await URLSession.shared.data(from: url)
      return (
        (response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: body, as: UTF8.self)
      )
    }

    /// Waits until standard error holds `text` (or the time runs out).
    func waitFor(_ text: String) async throws -> Bool {
      for _ in 0..<600 {
        if stderr.contains(text) { return true }
        try await Task.sleep(for: .milliseconds(100))
      }
      return false
    }
  }

  @Test func servesUntilSIGTERMThenStopsGracefully() async throws {
    let port = Int.random(in: 20_000..<40_000)
    let folder = try Self.setUp(port: port)
    defer { folder.remove() }
    let server = try await Server.start(in: folder, port: port)
    let health = try await server.get("/health")
    #expect(health.status == 200)
    #expect(health.body == "ok\n")
    #expect(try await server.get("/ready").status == 200)
    server.process.terminate()  // SIGTERM
    server.process.waitUntilExit()
    #expect(server.process.terminationReason == .exit)
    #expect(server.process.terminationStatus == 0, "\(server.stderr)")
    #expect(server.stderr.contains("msg=serving"))
    #expect(server.stderr.contains("msg=stopped"))
    #expect(server.stderr.contains("run_id=2"))
  }

  @Test func sighupReloadsAPackOnlyIfItCompilesAndPassesItsTests() async throws {
    let port = Int.random(in: 20_000..<40_000)
    let folder = try Self.setUp(port: port)
    defer { folder.remove() }
    // Serve a copy of the tiny pack, so that the test can change it.
    try FileManager.default.copyItem(atPath: tinyPackPath, toPath: folder.path + "/pack")
    let config = folder.path + "/day2.yaml"
    try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(of: "pack: \(tinyPackPath)", with: "pack: pack")
      .write(toFile: config, atomically: true, encoding: .utf8)
    func edit(_ file: String, _ old: String, _ new: String) throws {
      let path = folder.path + "/pack/" + file
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains(old))
      try text.replacingOccurrences(of: old, with: new)
        .write(toFile: path, atomically: true, encoding: .utf8)
    }
    let server = try await Server.start(in: folder, port: port)
    defer {
      server.process.terminate()
      server.process.waitUntilExit()
    }
    #expect(try await server.get("/login").body.contains("Pack tiny 0.1.0"))

    try edit("pack.yaml", "version: 0.1.0", "version: 0.1.1")
    kill(server.process.processIdentifier, SIGHUP)
    #expect(try await server.waitFor("msg=\"pack reloaded\""), "\(server.stderr)")
    #expect(try await server.get("/login").body.contains("Pack tiny 0.1.1"))

    // A pack test now fails: the reload is refused and 0.1.1 keeps serving.
    try edit("pack.yaml", "version: 0.1.1", "version: 0.1.2")
    try edit("indicators/education.yaml", "points: 20", "points: 25")
    kill(server.process.processIdentifier, SIGHUP)
    #expect(try await server.waitFor("pack not reloaded"), "\(server.stderr)")
    #expect(server.stderr.contains("tests of the pack"))
    #expect(try await server.get("/login").body.contains("Pack tiny 0.1.1"))
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
