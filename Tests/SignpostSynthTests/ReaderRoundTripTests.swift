import Foundation
import SignpostEngine
import SignpostRules
import SignpostSynth
import SignpostTestSupport
import Testing

/// The Wigan schema as a pack of its own (placeholder manifest and scoring, no indicators),
/// so that the reader can be run on the extracts whatever state the pack's rules are in.
func wiganSchemaPack() throws -> CompiledPack {
  try schemaPack(
    String(
      contentsOf: repositoryRoot.appendingPathComponent("rules/wigan/schema.yaml"),
      encoding: .utf8))
}

@Test func theReaderRejectsExactlyTheBadRows() throws {
  let (folder, manifest) = try generate(people: 2500, seed: 8, badRows: 12)
  defer { folder.remove() }
  let result = try ExtractReader(pack: try wiganSchemaPack(), directory: folder.path).read()
  let rejected = result.rejects.map { "\($0.file):\($0.line)" }
  let planted = manifest.badRows.map { "\($0.file):\($0.line)" }
  #expect(rejected.sorted() == planted.sorted(), "\(result.rejects.map(\.description))")
  #expect(result.missingTables.isEmpty)
  for file in result.files {
    #expect(file.reconciles, "\(file.path) does not reconcile")
    let written = try #require(manifest.file(file.path))
    #expect(file.rowsRead == written.rows, "\(file.path)")
    #expect(file.rowsRejected == written.badRows, "\(file.path)")
  }
  #expect(result.population.count == manifest.persons)
}
