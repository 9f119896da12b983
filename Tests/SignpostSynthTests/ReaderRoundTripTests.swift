import Foundation
import SignpostEngine
import SignpostRules
import SignpostSynth
import Testing

/// The Wigan schema as a pack of its own (placeholder manifest and scoring, no indicators),
/// so that the reader can be run on the extracts whatever state the pack's rules are in.
func wiganSchemaPack() throws -> CompiledPack {
  let folder = temporaryFolder("pack")
  defer { removeFolder(folder) }
  try FileManager.default.createDirectory(
    at: folder.appendingPathComponent("indicators"), withIntermediateDirectories: true)
  try FileManager.default.copyItem(
    at: repositoryRoot.appendingPathComponent("rules/wigan/schema.yaml"),
    to: folder.appendingPathComponent("schema.yaml"))
  try "id: schema\nversion: 0.0.0\nowner: tests\neffective: 2025-01-01\n".write(
    to: folder.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
  try "domains:\n  - { id: none, name: None, cap: 0 }\nbands:\n  - { id: none, min: 0 }\n".write(
    to: folder.appendingPathComponent("scoring.yaml"), atomically: true, encoding: .utf8)
  return try PackCompiler.compile(directory: folder.path).get()
}

@Test func theReaderRejectsExactlyTheBadRows() throws {
  let (folder, manifest) = try generate(people: 2500, seed: 8, badRows: 12)
  defer { removeFolder(folder) }
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
