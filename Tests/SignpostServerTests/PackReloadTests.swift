import Foundation
import Hummingbird
import HummingbirdTesting
import SignpostServer
import Testing

/// A pack is served only if it compiles and its tests pass; otherwise the one in use stays.
@Suite struct PackReloadTests {
  func edit(_ fixture: ServiceFixture, _ file: String, _ old: String, _ new: String) throws {
    let url = fixture.packFolder.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    let changed = text.replacingOccurrences(of: old, with: new)
    #expect(changed != text, "\(file) has no '\(old)'")
    try changed.write(to: url, atomically: true, encoding: .utf8)
  }

  @Test func aPackThatCompilesAndPassesItsTestsIsSwappedIn() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let before = fixture.service.pack
    try edit(fixture, "pack.yaml", "version: 0.1.0", "version: 0.1.1")
    let loader = PackLoader(packPath: fixture.packFolder.path, inputDirectory: fixture.input)
    let reloaded = try fixture.service.reload(with: loader, by: "SIGHUP").get()
    #expect(reloaded.version == "0.1.1")
    #expect(reloaded.hash != before.hash)
    #expect(fixture.service.pack.version == "0.1.1")
    let audited = try #require(try fixture.store.auditEntries().last)
    #expect(audited.user == "SIGHUP")
    #expect(audited.action == "reload pack")
    #expect(audited.detail.hasPrefix("reloaded: tiny 0.1.0"))
  }

  @Test func anAdminReloadsThePackFromTheAccountsPageByTheSameRuleAndItIsAudited() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let app = Application(router: fixture.router().build())
    try await app.test(.router) { client in
      var admin = Browser(client)
      try await admin.signIn("admin")
      let accounts = try await admin.request("/admin/users")
      #expect(accounts.text.contains("action=\"/admin/pack\""))
      let token = try #require(Browser.csrf(in: accounts))

      // A pack whose tests fail is refused from the page as from SIGHUP.
      try edit(fixture, "indicators/education.yaml", "points: 20", "points: 25")
      let refused = try await admin.request("/admin/pack", method: .post, form: ["csrf": token])
      #expect(refused.status == .ok)
      #expect(refused.text.contains("The pack was not reloaded"))
      #expect(refused.text.contains("tests of the pack"))
      #expect(fixture.service.pack.version == "0.1.0")

      try edit(fixture, "indicators/education.yaml", "points: 25", "points: 20")
      try edit(fixture, "pack.yaml", "version: 0.1.0", "version: 0.1.1")
      let reloaded = try await admin.request("/admin/pack", method: .post, form: ["csrf": token])
      #expect(reloaded.text.contains("The pack was reloaded: tiny 0.1.1"))
      #expect(reloaded.text.contains("Pack tiny 0.1.1"), "the page shows the pack now served")
      #expect(fixture.service.pack.version == "0.1.1")

      var triage = Browser(client)
      try await triage.signIn("triage")
      let page = try await triage.request("/")
      let forbidden = try await triage.request(
        "/admin/pack", method: .post, form: ["csrf": Browser.csrf(in: page) ?? ""])
      #expect(forbidden.status == .forbidden)
    }
    let reloads = try fixture.store.auditEntries().filter { $0.action == "reload pack" }
    #expect(reloads.map(\.user) == ["admin", "admin"])
    #expect(reloads.first?.detail.hasPrefix("refused, tiny 0.1.0") == true)
    #expect(reloads.last?.detail.hasPrefix("reloaded: tiny 0.1.0") == true)
  }

  @Test func aPackThatDoesNotCompileIsRefused() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let before = fixture.service.pack
    try edit(
      fixture, "indicators/education.yaml", "when: attendance <= 90.0", "when: attendance <= ")
    let loader = PackLoader(packPath: fixture.packFolder.path, inputDirectory: fixture.input)
    guard case .failure(let error) = try fixture.service.reload(with: loader, by: "SIGHUP") else {
      Issue.record("a pack that does not compile was served")
      return
    }
    #expect(error.isPackProblem)
    #expect(error.description.contains("education.yaml:"))
    #expect(fixture.service.pack.hash == before.hash)
  }

  @Test func aPackWhoseTestsFailIsRefused() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let before = fixture.service.pack
    try edit(fixture, "indicators/education.yaml", "points: 20", "points: 25")
    let loader = PackLoader(packPath: fixture.packFolder.path, inputDirectory: fixture.input)
    guard case .failure(let error) = try fixture.service.reload(with: loader, by: "SIGHUP") else {
      Issue.record("a pack whose tests fail was served")
      return
    }
    #expect(error.isPackProblem)
    #expect(error.description.contains("tests of the pack"))
    #expect(error.description.contains("recent suspect contact is referred to PIED"))
    #expect(fixture.service.pack.hash == before.hash)
  }
}
