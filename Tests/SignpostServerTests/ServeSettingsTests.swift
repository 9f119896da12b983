import Foundation
import SignpostServer
import SignpostSource
import SignpostTestSupport
import Testing

@Suite struct ServeSettingsTests {
  func parse(_ text: String, secret: String = String(repeating: "k", count: 40)) throws
    -> Result<ServeSettings, DiagnosticsError>
  {
    let folder = try TemporaryFolder(
      "signpost-settings", files: ["session.key": secret, "signpost.yaml": text])
    defer { folder.remove() }
    return ServeSettings.load(path: folder.path + "/signpost.yaml")
  }

  @Test func readsTheServeSection() throws {
    let settings = try parse(
      """
      pack: rules/wigan
      store: runs.sqlite
      serve:
        address: 0.0.0.0
        port: 9090
        session_secret_file: session.key
        secure_cookies: false
        school_field: school
        users:
          - { name: ann, role: admin, password_hash: "$2b$04$abcdefghijklmnopqrstuv" }
          - { name: st-marys, role: school, password_hash: "$2b$04$x", schools: [St Mary's] }
          - { name: pied, role: programme_lead, password_hash: "$2b$04$x", programmes: [pied] }
      """
    ).get()
    #expect(settings.address == "0.0.0.0")
    #expect(settings.port == 9090)
    #expect(settings.sessionSecret.count == 40)
    #expect(!settings.secureCookies)
    #expect(settings.users.map(\.role) == [.admin, .school, .programmeLead])
    #expect(settings.user(named: "st-marys")?.schools == ["St Mary's"])
  }

  @Test func namesEachProblemWithItsLine() throws {
    let result = try parse(
      """
      serve:
        port: 70000
        session_secret_file: session.key
        users:
          - { name: ann, role: superuser, password_hash: "$2b$04$x" }
          - { name: bob, role: school, password_hash: "plain" }
          - { name: cy, role: analyst, password_hash: "$2b$04$x", colour: blue }
      """, secret: "short")
    guard case .failure(let error) = result else {
      Issue.record("the section was accepted")
      return
    }
    let ids = error.diagnostics.map(\.id)
    #expect(ids.contains("serve.port"))
    #expect(ids.contains("serve.secret"))
    #expect(ids.contains("serve.role"))
    #expect(ids.contains("serve.password-hash"))
    #expect(ids.contains("serve.school-scope"))
    #expect(ids.contains("yaml.unknown-key"))
    let role = try #require(error.diagnostics.first { $0.id == "serve.role" })
    #expect(role.range?.start.line == 5)
    #expect(role.locationText.hasSuffix("signpost.yaml:5:26"))
  }

  @Test func readsTokensByTheirHashOnly() throws {
    let (token, sha256) = APIToken.generate()
    #expect(token.hasPrefix("spt_") && token.count == 68)
    let settings = try parse(
      """
      serve:
        session_secret_file: session.key
        school_field: school
        users:
          - { name: ann, role: admin, password_hash: "$2b$04$x" }
        tokens:
          - { name: portal, role: school, token_sha256: "\(sha256)", schools: [North High] }
      """
    ).get()
    #expect(settings.tokens.map(\.user.name) == ["portal"])
    #expect(settings.tokens.first?.user.schools == ["North High"])
    #expect(settings.tokens.first?.sha256 == APIToken.digest(token))
    #expect(settings.user(named: "portal") == nil, "a token cannot sign in to the pages")
  }

  @Test func refusesATokenThatIsNotAHashOrReusesAName() throws {
    let result = try parse(
      """
      serve:
        session_secret_file: session.key
        users:
          - { name: ann, role: admin, password_hash: "$2b$04$x" }
        tokens:
          - { name: portal, role: triage, token_sha256: "spt_the-token-itself" }
          - { name: ann, role: triage, token_sha256: "\(String(repeating: "a", count: 64))" }
      """)
    guard case .failure(let error) = result else {
      Issue.record("the section was accepted")
      return
    }
    let hash = try #require(error.diagnostics.first { $0.id == "serve.token-hash" })
    #expect(hash.range?.start.line == 6)
    #expect(error.diagnostics.contains { $0.id == "serve.duplicate-user" })
  }
}
