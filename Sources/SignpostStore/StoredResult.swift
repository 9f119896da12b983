import GRDB

/// One person's stored result in one run: score, band, the indicators that fired and those
/// that could not be evaluated.
public struct StoredResult: Sendable, Hashable, FetchableRecord {
  public var personID: String
  public var score: Int
  public var band: String
  /// Fired indicator ids, in pack order.
  public var fired: [String]
  /// Ids of indicators not evaluated for want of data, in pack order.
  public var notEvaluated: [String]

  public init(
    personID: String, score: Int, band: String, fired: [String], notEvaluated: [String]
  ) {
    self.personID = personID
    self.score = score
    self.band = band
    self.fired = fired
    self.notEvaluated = notEvaluated
  }

  public init(row: Row) throws {
    personID = row["person_id"]
    score = row["score"]
    band = row["band"]
    fired = Self.ids(row["fired"])
    notEvaluated = Self.ids(row["not_evaluated"])
  }

  /// The separator of id lists in text columns; ids are identifiers and never contain it.
  public static let separator: Character = ";"

  /// Ids joined into one text column.
  static func column(_ ids: [String]) -> String {
    ids.joined(separator: String(separator))
  }

  /// The ids of a text column.
  static func ids(_ column: String) -> [String] {
    column.split(separator: separator).map(String.init)
  }
}
