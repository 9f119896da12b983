import Foundation

/// Disproportionality in one run: for each band and each programme's referrals, the count
/// and rate of each group against the scored population, the relative rate index with its
/// 95% interval, and whether it is flagged; small counts suppressed.
public struct FairnessReport: Sendable, Codable, Equatable {
  /// One group's figures for one outcome.
  public struct Group: Sendable, Codable, Equatable {
    public var group: String
    public var population: PublishedCount
    public var selected: PublishedCount
    /// Selected over population, when both are shown.
    public var rate: Double?
    /// The relative rate index and its interval, when the counts behind them are shown (with
    /// 0.5 added to each count when a rate is zero).
    public var rateRatio: Double?
    public var lower: Double?
    public var upper: Double?
    public var flagged: Bool
  }

  /// One grouping's figures for one outcome.
  public struct Dimension: Sendable, Codable, Equatable {
    public var field: String
    public var role: String
    public var groups: [Group]
  }

  /// One outcome (a band, or referral to a programme) over every grouping.
  public struct Outcome: Sendable, Codable, Equatable {
    /// `band`, `programme`.
    public var kind: String
    public var id: String
    /// The band's id, or `referred`.
    public var category: String
    public var selected: Int
    public var rate: Double
    public var dimensions: [Dimension]

    /// `band high`, `programme pied: referred`.
    public var label: String { id.isEmpty ? "\(kind) \(category)" : "\(kind) \(id): \(category)" }
  }

  /// A flagged group, for the headline.
  public struct Flag: Sendable, Codable, Equatable {
    public var outcome: String
    public var field: String
    public var group: String
    public var rateRatio: Double
    public var lower: Double
    public var upper: Double

    /// `band high by ethnicity: black 2.41 (1.62-3.58)`.
    public var text: String {
      "\(outcome) by \(field): \(group) \(Self.ratio(rateRatio)) (\(Self.ratio(lower))-\(Self.ratio(upper)))"
    }

    static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
  }

  /// Counts from 1 to this less are shown as `<N`.
  public var minimumCount: Int
  /// `[low, high]`: a group is flagged when its index is outside and its interval excludes 1.
  public var rateRatioRange: [Double]
  public var scored: Int
  public var outcomes: [Outcome]
  public var flags: [Flag]

  /// The report as JSON with sorted keys, so that it is the same bytes for the same run.
  public var json: String { MeasureJSON.encode(self) }

  /// A report read back from JSON (as stored in a run's summary).
  public init(json: String) throws {
    self = try MeasureJSON.decode(Self.self, from: json)
  }

  init(
    minimumCount: Int, rateRatioRange: [Double], scored: Int, outcomes: [Outcome],
    flags: [Flag]
  ) {
    self.minimumCount = minimumCount
    self.rateRatioRange = rateRatioRange
    self.scored = scored
    self.outcomes = outcomes
    self.flags = flags
  }
}

/// The JSON shape shared by the measures: snake_case keys, sorted, indented.
enum MeasureJSON {
  static func encode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Encoding plain structs of strings, numbers and booleans cannot fail.
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, from json: String) throws -> T {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(type, from: Data(json.utf8))
  }

  /// A value rounded to `places` decimals, so that printed JSON stays short and stable.
  static func rounded(_ value: Double, _ places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
  }
}
