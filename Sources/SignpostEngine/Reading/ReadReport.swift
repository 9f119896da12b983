/// A row that could not be used, with where it is and why.
public struct Reject: Sendable, Hashable {
  public var file: String
  /// The line the row starts on; the header is line 1.
  public var line: Int
  /// The record field (or column) at fault, if one is.
  public var field: String?
  public var reason: String

  public init(file: String, line: Int, field: String?, reason: String) {
    self.file = file
    self.line = line
    self.field = field
    self.reason = reason
  }

  /// `file:line: field: reason`.
  public var description: String {
    "\(file):\(line): " + (field.map { "\($0): " } ?? "") + reason
  }
}

/// What became of one input file: every data row is used or rejected.
public struct FileReport: Sendable {
  public var path: String
  public var source: String
  /// SHA-256 of the file's bytes.
  public var sha256: String
  public var rowsRead: Int
  public var rowsUsed: Int
  public var rowsRejected: Int
  /// Of the rejected rows, those whose id the linkage could not join to a person.
  public var rowsUnmatched: Int
  /// Problems with the file as a whole, such as a mapped column missing from the header.
  public var warnings: [String]

  /// Whether read = used + rejected.
  public var reconciles: Bool { rowsRead == rowsUsed + rowsRejected }
}

/// Everything read from a folder of extracts.
public struct ExtractReadResult: Sendable {
  public var population: Population
  public var files: [FileReport]
  public var rejects: [Reject]
  /// Tables the schema declares whose files were not in the folder.
  public var missingTables: [String]
}

/// Raised under `--strict` at the first row that cannot be read, or when no file can be read.
public struct ExtractReadError: Error, Sendable, CustomStringConvertible {
  public var reject: Reject

  public var description: String { reject.description }
}
