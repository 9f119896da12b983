import SignpostRules

/// The generator in one call: build the population a configuration describes and write it
/// as the extracts a schema describes.
public enum SyntheticExtract {
  /// What one generation produced.
  public struct Output: Sendable {
    /// What was written, with the bad rows.
    public var manifest: SynthManifest
    /// The calibration figures of the population written.
    public var statistics: SynthStatistics
  }

  /// Generates and writes synthetic extracts for `schema` under `directory`.
  public static func generate(
    schema: Schema, configuration: SynthConfiguration, to directory: String
  ) throws -> Output {
    guard configuration.people > 0 else {
      throw SynthError.invalidConfiguration("the number of people must be at least 1")
    }
    guard configuration.badRows >= 0 else {
      throw SynthError.invalidConfiguration("the number of bad rows cannot be negative")
    }
    let population = SyntheticPopulation(configuration)
    let manifest = try ExtractWriter.write(population, schema: schema, to: directory)
    return Output(manifest: manifest, statistics: population.statistics)
  }
}
