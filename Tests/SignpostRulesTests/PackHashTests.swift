import Foundation
import SignpostRules
import SignpostTestSupport
import Testing

/// A pack's hash is its identity in the run store: it must not depend on how its folder was
/// named on the command line, only on its files' names (inside the folder) and contents.
@Suite struct PackHashTests {
  static func hash(_ directory: String) throws -> String {
    try PackCompiler.compile(directory: directory).get().contentHash
  }

  /// `path` written relative to the working directory, with `..` steps where needed.
  static func relative(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath.split(separator: "/")
    let there = path.split(separator: "/")
    var common = 0
    while common < min(here.count, there.count) && here[common] == there[common] { common += 1 }
    let ups = Array(repeating: "..", count: here.count - common)
    return (ups + there[common...].map(String.init)).joined(separator: "/")
  }

  @Test func theSamePackNamedFourWaysHashesTheSame() throws {
    let absolute = fixtures.appendingPathComponent("packs/tiny").path
    let parent = fixtures.appendingPathComponent("packs").path
    let spellings = [
      absolute, absolute + "/", parent + "/../packs/tiny", Self.relative(absolute),
    ]
    let hashes = try spellings.map(Self.hash)
    #expect(Set(hashes).count == 1, "\(zip(spellings, hashes).map { "\($0): \($1)" })")
    // A copy in another folder is the same pack.
    let copy = try PackFixture()
    defer { copy.remove() }
    #expect(try copy.compile().get().contentHash == hashes[0])
  }

  @Test func aChangedOrRenamedFileChangesTheHash() throws {
    let original = try PackFixture()
    defer { original.remove() }
    let edited = try PackFixture(edits: ["scoring.yaml": { $0 + "# a comment\n" }])
    defer { edited.remove() }
    let renamed = try PackFixture()
    defer { renamed.remove() }
    let indicators = renamed.directory.appendingPathComponent("indicators")
    try FileManager.default.moveItem(
      at: indicators.appendingPathComponent("education.yaml"),
      to: indicators.appendingPathComponent("school.yaml"))
    let hashes = try [original, edited, renamed].map { try $0.compile().get().contentHash }
    #expect(Set(hashes).count == 3)
  }
}
