import Foundation
import SignpostRules
import SignpostSynth
import SignpostTestSupport
import Testing

/// The as-of date the tests use.
let testAsOf = PackDate(year: 2025, month: 4, day: 1) ?? PackDate(daysSinceEpoch: 20_179)

/// The Wigan pack's schema.
func wiganSchema() throws -> Schema {
  try SynthSchemaLoader.load(directory: repositoryRoot.appendingPathComponent("rules/wigan").path)
    .get()
}

/// Generates Wigan extracts into a new temporary folder, which the caller removes.
func generate(
  people: Int, seed: UInt64, badRows: Int = SynthConfiguration.defaultBadRows,
  schema: Schema? = nil, shape: ExtractShape = .tidy
) throws -> (folder: TemporaryFolder, manifest: SynthManifest) {
  let folder = try TemporaryFolder("signpost-synth")
  let configuration = SynthConfiguration(
    people: people, seed: seed, asOf: testAsOf, badRows: badRows, shape: shape)
  let output = try SyntheticExtract.generate(
    schema: try schema ?? wiganSchema(), configuration: configuration, to: folder.path)
  return (folder, output.manifest)
}
