import Foundation

/// `synth-manifest.json`: what was generated, the rows of every file, and each deliberately
/// bad row, so that tests can check a reader rejects exactly those.
public struct SynthManifest: Codable, Sendable, Hashable {
  /// One file written.
  public struct File: Codable, Sendable, Hashable {
    /// The path under the output folder, as the schema names it.
    public var path: String
    /// `person`, `events`, `links` or `linkage`.
    public var kind: String
    /// The header's columns.
    public var columns: [String]
    /// Data rows (not counting the header), the bad ones included.
    public var rows: Int
    /// How many of ``rows`` are bad.
    public var badRows: Int
  }

  /// One deliberately bad row.
  public struct BadRow: Codable, Sendable, Hashable {
    /// The file's path under the output folder.
    public var file: String
    /// The line number, counting the header as line 1.
    public var line: Int
    /// What kind of mistake it is.
    public var kind: BadRowKind
    /// The column holding the bad value, if it is one cell.
    public var column: String?
    /// The bad value, if it is one cell.
    public var value: String?
    /// What is wrong, in a sentence.
    public var problem: String
  }

  /// What the linkage file of a partner shape holds, and the records it leaves unmatched.
  public struct Linkage: Codable, Sendable, Hashable {
    /// One id system's share of the linkage file.
    public struct System: Codable, Sendable, Hashable {
      public var system: String
      /// Rows of the linkage file for this system.
      public var rows: Int
      /// Persons with a second id in this system.
      public var secondIds: Int
      /// Extra records in this system's files that the linkage leaves unmatched.
      public var unmatchedRecords: Int
    }

    /// A person with two ids in one system, both linked to them: their records are filed
    /// under either.
    public struct Duplicate: Codable, Sendable, Hashable {
      public var system: String
      public var personId: String
      /// The person's first id, then their second.
      public var sourceIds: [String]
    }

    /// An extra record that cannot be joined to one person.
    public struct Unmatched: Codable, Sendable, Hashable {
      public var file: String
      /// The line number, counting the header as line 1.
      public var line: Int
      public var system: String
      public var sourceId: String
      public var kind: UnmatchedKind
      public var problem: String
    }

    /// The linkage file's path under the output folder.
    public var path: String
    public var minimumScore: Double
    public var systems: [System]
    public var duplicates: [Duplicate]
    public var unmatched: [Unmatched]
  }

  /// `signpost synth`.
  public var generator: String
  /// The shape of the files written.
  public var shape: ExtractShape
  /// The seed the files were generated from.
  public var seed: UInt64
  /// Young people aged 0–25.
  public var people: Int
  /// Everyone in the register: young people and the adults in their households.
  public var persons: Int
  /// Households, each in one ward.
  public var households: Int
  /// The as-of date, `YYYY-MM-DD`.
  public var asOf: String
  /// Every file written, in the schema's order, then the linkage file if any.
  public var files: [File]
  /// Every bad row, by file, then line.
  public var badRows: [BadRow]
  /// The linkage file and what it leaves unmatched, for a partner shape.
  public var linkage: Linkage?
  /// Tables of the schema not written (NDJSON ones), with why.
  public var skipped: [String]

  /// The file a path names.
  public func file(_ path: String) -> File? { files.first { $0.path == path } }

  /// The manifest as pretty JSON with sorted keys and snake_case names.
  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return try encoder.encode(self)
  }

  /// Reads a manifest written by ``json()``.
  public static func read(_ data: Data) throws -> SynthManifest {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(SynthManifest.self, from: data)
  }
}
