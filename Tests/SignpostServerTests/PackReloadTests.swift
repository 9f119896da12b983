import Foundation
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
    let reloaded = try fixture.service.reload(with: loader).get()
    #expect(reloaded.version == "0.1.1")
    #expect(reloaded.hash != before.hash)
    #expect(fixture.service.pack.version == "0.1.1")
  }

  @Test func aPackThatDoesNotCompileIsRefused() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let before = fixture.service.pack
    try edit(
      fixture, "indicators/education.yaml", "when: attendance <= 90.0", "when: attendance <= ")
    let loader = PackLoader(packPath: fixture.packFolder.path, inputDirectory: fixture.input)
    guard case .failure(let error) = fixture.service.reload(with: loader) else {
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
    guard case .failure(let error) = fixture.service.reload(with: loader) else {
      Issue.record("a pack whose tests fail was served")
      return
    }
    #expect(error.isPackProblem)
    #expect(error.description.contains("tests of the pack"))
    #expect(error.description.contains("recent suspect contact is referred to PIED"))
    #expect(fixture.service.pack.hash == before.hash)
  }
}
