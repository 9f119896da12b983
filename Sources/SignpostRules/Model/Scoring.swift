import SignpostSource

/// `scoring.yaml`: domains with their caps, and the bands a score falls into.
public struct Scoring: Sendable {
  public var domains: [Domain]
  /// Bands from the highest threshold to the lowest; the last has `minimum` 0.
  public var bands: [Band]
  /// Who is scored: persons for whom this is false are context only (a parent read by a
  /// familial rule), with no score, band or referral. `nil` scores everyone.
  public var scope: PackExpression?

  /// A group of indicators whose points are summed and capped together.
  public struct Domain: Sendable {
    public var id: String
    public var name: String
    /// The most points the domain can contribute.
    public var cap: Int
    public var location: SourceLocation
    /// `scoring.yaml`, and where `cap` is written in it.
    public var file: SourceFile
    public var capLocation: SourceLocation
  }

  /// A named score range: a person is in the first band whose minimum the score reaches.
  public struct Band: Sendable {
    public var id: String
    public var minimum: Int
    public var description: String
  }

  /// The band for a score.
  public func band(for score: Int) -> Band? {
    bands.first { score >= $0.minimum }
  }
}
