import Foundation
import SignpostTestSupport
import Testing

/// Each exit status means one thing for every command (`RunExit`): output files that could not
/// be written are 7, whichever command failed to write them; 2 is only ever rejected input.
@Suite struct ExitStatusTests {
  @Test func synthThatCannotWriteItsFilesExits7NotTheStrictRejectStatus() throws {
    let folder = try TemporaryFolder("signpost-exit")
    defer { folder.remove() }
    // A regular file where the output folder should go: no one can write under it, root included.
    try Data("a file".utf8).write(to: folder.url.appendingPathComponent("taken"))
    let synth = try SignpostBinary.run(
      [
        "synth", "--people", "10", "--seed", "1", "--out", "taken/extracts", "--pack",
        repositoryRoot.appendingPathComponent("rules/wigan").path, "--as-of", "2025-04-01",
      ], in: folder.path)
    #expect(synth.status == 7, "\(synth.stderr)")
    #expect(synth.stderr.hasPrefix("error: "))

    let history = try SignpostBinary.run(
      [
        "synth", "--people", "10", "--seed", "1", "--out", "taken/history", "--pack",
        repositoryRoot.appendingPathComponent("rules/wigan").path, "--snapshot", "2025-04-01",
      ], in: folder.path)
    #expect(history.status == 7, "\(history.stderr)")
  }

  @Test func docsThatCannotWriteTheRecordExits7() throws {
    let folder = try TemporaryFolder("signpost-exit")
    defer { folder.remove() }
    try Data("a file".utf8).write(to: folder.url.appendingPathComponent("taken"))
    let docs = try SignpostBinary.run(
      ["docs", fixtures.appendingPathComponent("packs/fair").path, "--out", "taken/record"],
      in: folder.path)
    #expect(docs.status == 7, "\(docs.stderr)")
    #expect(docs.stderr.contains("the record could not be written"))
  }
}
