import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import SignpostEngine
import SignpostRules
import SignpostServer
import SignpostStore
import SignpostTestSupport
import Testing

/// A run store with two complete runs of the tiny pack (with school and ward fields added),
/// the service over it, and one account per role.
///
/// As of 2025-04-01 (high >= 50, medium >= 20; PIED takes suspects of the last 7 days aged
/// 10-17 not open to a service):
///
/// | person | school       | ward  | run 1                 | run 2                       |
/// |--------|--------------|-------|-----------------------|-----------------------------|
/// | A      | North High   | Abbey | absence: medium       | absence + suspect: high, PIED (new) |
/// | B      | South Academy| Bryn  | both: high, PIED      | both: high, PIED            |
/// | C      | North High   | Abbey | attendance 97: low    | suspect: medium, PIED (new) |
/// | D      | North High   | Bryn  | absence: medium       | absence: medium             |
/// | E      | South Academy| Bryn  | low                   | low                         |
struct ServiceFixture {
  static let password = "correct horse battery staple"
  static let asOf = "2025-04-01"

  let folder: URL
  let store: RunStore
  /// The fixture's copy of the tiny pack, which tests may change and reload.
  let packFolder: URL
  /// The second day's extracts, which the service serves.
  let input: String
  let service: TriageService
  let renderer: PageRenderer

  /// One account per role; `lead-other` leads a programme the pack does not have.
  static let users: [ServerUser] = {
    let hash = Bcrypt.hash(password, cost: 4)
    return [
      ServerUser(name: "admin", role: .admin, passwordHash: hash),
      ServerUser(name: "triage", role: .triage, passwordHash: hash),
      ServerUser(name: "lead", role: .programmeLead, passwordHash: hash, programmes: ["pied"]),
      ServerUser(
        name: "lead-other", role: .programmeLead, passwordHash: hash, programmes: ["other"]),
      ServerUser(name: "school", role: .school, passwordHash: hash, schools: ["North High"]),
      ServerUser(name: "analyst", role: .analyst, passwordHash: hash),
    ]
  }()

  /// Each account's API token (the same name, role and scope): `spt_test_NAME`.
  static func token(_ name: String) -> String { "spt_test_\(name)" }

  static let tokens: [APIToken] = users.map {
    APIToken(user: $0, sha256: APIToken.digest(token($0.name)))
  }

  static let day1 = [
    "people.csv": """
    person_id,date_of_birth,attendance,school,ward
    A,2010-06-01,85,North High,Abbey
    B,2010-06-01,80,South Academy,Bryn
    C,2010-06-01,97,North High,Abbey
    D,2010-06-01,88,North High,Bryn
    E,2010-06-01,99,South Academy,Bryn

    """,
    "police_contacts.csv": """
    person_id,date,role
    B,2025-03-30,suspect

    """,
    "social_care.csv": """
    person_id,open_to_service
    A,false
    B,false
    C,false

    """,
  ]

  static let day2 = day1.merging([
    "police_contacts.csv": """
    person_id,date,role
    A,2025-03-31,suspect
    B,2025-03-30,suspect
    C,2025-03-29,suspect

    """
  ]) { _, new in new }

  init(secureCookies: Bool = true) async throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-serve-\(UUID().uuidString)")
    packFolder = folder.appendingPathComponent("pack")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("packs/tiny"), to: packFolder)
    let schemaURL = packFolder.appendingPathComponent("schema.yaml")
    let schema = try String(contentsOf: schemaURL, encoding: .utf8)
    let withFields = schema.replacingOccurrences(
      of: "    open_to_service:",
      with: """
            school: { type: string, source: school, description: School of registration }
            ward: { type: string, source: school, description: Ward of the home address }
            open_to_service:
        """)
    #expect(withFields != schema, "the tiny pack's schema no longer has open_to_service")
    try withFields.write(to: schemaURL, atomically: true, encoding: .utf8)
    let pack = try PackCompiler.compile(directory: packFolder.path).get()
    store = try RunStore(path: folder.appendingPathComponent("runs.sqlite").path)
    let date = try #require(PackDate(iso: Self.asOf))
    var input = ""
    for (n, day) in [Self.day1, Self.day2].enumerated() {
      input = try Self.write(day, into: folder.appendingPathComponent("day\(n + 1)"))
      let id = try store.startRun(user: "batch")
      let run = try ScoringRun.run(pack: pack, inputDirectory: input, asOf: date)
      try store.storeRun(id: id, run, user: "batch")
      try store.finishRun(id: id, as: .complete, user: "batch")
    }
    self.input = input
    let scoring = try ServedScoring.load(pack: pack, inputDirectory: input, store: store)
    let settings = ServeSettings(
      sessionSecret: Array("a session secret of at least 32 bytes".utf8),
      secureCookies: secureCookies, schoolField: "school", wardField: "ward", users: Self.users,
      tokens: Self.tokens)
    service = TriageService(
      store: store, settings: settings, scoring: scoring, metrics: ServerMetrics(),
      loader: PackLoader(packPath: packFolder.path, inputDirectory: input))
    renderer = try PageRenderer.load()
  }

  private static func write(_ files: [String: String], into input: URL) throws -> String {
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    for (file, text) in files {
      try Data(text.utf8).write(to: input.appendingPathComponent(file))
    }
    return input.path
  }

  /// The router, with fresh sessions and throttle.
  func router() -> TriageRouter {
    TriageRouter(
      service: service,
      sessions: SessionStore(signer: MessageSigner(key: service.settings.sessionSecret)),
      throttle: LoginThrottle(), renderer: renderer)
  }

  /// Runs `body` with the in-process test client on a fresh router.
  func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void)
    async throws
  {
    try await Application(router: router().build()).test(.router, body)
  }

  /// Runs `body` with a browser on a fresh router, signed in as `user` when one is named.
  func browse(
    as user: String? = nil, _ body: @escaping @Sendable (inout Browser) async throws -> Void
  )
    async throws
  {
    try await test { client in
      var browser = Browser(client)
      if let user { try await browser.signIn(user) }
      try await body(&browser)
    }
  }

  func user(_ name: String) throws -> ServerUser {
    try #require(Self.users.first { $0.name == name })
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }
}
