import SignpostSource

/// A rule pack as loaded from its folder, before compilation.
public struct RulePack: Sendable {
  /// The folder the pack was loaded from.
  public var directory: String
  public var manifest: PackManifest
  public var schema: Schema
  public var indicators: [Indicator]
  public var scoring: Scoring
  public var programmes: [Programme]
  public var tests: [PackTestCase]
  /// Every file read, for the content hash.
  public var files: [SourceFile]
  /// The groups fairness is measured over (`fairness.yaml`; none when the file is absent).
  public var fairness: FairnessSettings = .none
}
