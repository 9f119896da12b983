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
  /// Rows the table's `where:` leaves to other tables (or to none).
  public var rowsSkipped: Int = 0
  /// Of the rejected rows, those whose id the linkage could not join to a person, by why.
  public var unmatched: UnmatchedCounts
  /// Of the rejected rows, those whose id the linkage could not join to a person.
  public var rowsUnmatched: Int { unmatched.total }
  /// Problems with the file as a whole, such as a mapped column missing from the header.
  public var warnings: [String]
  /// Unmatched ids the linkage holds in another case (`ab123` for `AB123`).
  public var caseMismatches = 0

  /// Whether read = used + rejected + skipped.
  public var reconciles: Bool { rowsRead == rowsUsed + rowsRejected + rowsSkipped }
}

/// Everything read from a folder of extracts.
public struct ExtractReadResult: Sendable {
  public var population: Population
  public var files: [FileReport]
  public var rejects: [Reject]
  /// Tables the schema declares whose files were not in the folder.
  public var missingTables: [String]
  /// Files in the input folder that no table (nor the linkage) reads.
  public var ignoredFiles: [String] = []
  /// The input folder.
  var directory = ""
  /// The files of tables that add persons (keyed by the pack's own ids).
  var personTablePaths: Set<String> = []

  /// Stops a run that would score no one: when no person was read, says what each table that
  /// adds persons gave, as `people.csv: 3 rows, 3 rejected (missing columns: person_id)`.
  public func requirePersons() throws(ExtractReadError) {
    guard population.count == 0 else { return }
    let listing = files.filter { personTablePaths.contains($0.path) }.map { file in
      var text = "\(file.path): \(file.rowsRead) row\(file.rowsRead == 1 ? "" : "s")"
      if file.rowsRejected > 0 { text += ", \(file.rowsRejected) rejected" }
      if !file.warnings.isEmpty { text += " (\(file.warnings.joined(separator: "; ")))" }
      return text
    }
    throw ExtractReadError(.noPersons(directory: directory, tables: listing))
  }
}

/// Why a read stopped: a bad row under `--strict`, or an input that cannot be read at all.
public struct ExtractReadError: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// `--strict` met a row that cannot be used.
    case strictReject
    /// The `--input` folder does not exist (or is not a folder).
    case inputMissing
    /// No table of the pack finds a file in the input folder.
    case noFiles
    /// A file a table maps cannot be opened or read.
    case unreadableFile
    /// A quote is never closed, or a quoted field swallows more lines than a record can.
    case strayQuote
    /// A table path leaves the input folder.
    case outsideInput
    /// A CSV file has no header line: it is empty or blank.
    case noHeader
    /// The folder's tables list no person at all, so there is no one to score.
    case noPersons
  }

  public var kind: Kind
  /// Where and why: the file (or folder), the line (0 for a whole file) and the reason.
  public var reject: Reject

  public init(kind: Kind, reject: Reject) {
    self.kind = kind
    self.reject = reject
  }

  init(reject: Reject) {
    self.init(kind: .strictReject, reject: reject)
  }

  init(_ problem: InputProblem) {
    switch problem {
    case .inputMissing(let path):
      self.init(
        kind: .inputMissing,
        reject: Reject(file: path, line: 0, field: nil, reason: "the input folder does not exist"))
    case .noFiles(let path, let expected):
      self.init(
        kind: .noFiles,
        reject: Reject(
          file: path, line: 0, field: nil,
          reason:
            "no file here is one the pack reads (expected one of \(expected.prefix(6).joined(separator: ", "))\(expected.count > 6 ? ", …" : ""))"
        ))
    case .unreadableFile(let path, let reason):
      self.init(
        kind: .unreadableFile,
        reject: Reject(
          file: path, line: 0, field: nil, reason: "the file cannot be read: \(reason)"))
    case .strayQuote(let path, let line, let reason):
      self.init(
        kind: .strayQuote, reject: Reject(file: path, line: line, field: nil, reason: reason))
    case .outsideInput(let path, let reason):
      self.init(
        kind: .outsideInput, reject: Reject(file: path, line: 0, field: nil, reason: reason))
    case .noHeader(let path):
      self.init(
        kind: .noHeader,
        reject: Reject(
          file: path, line: 0, field: nil,
          reason: "the file has no header line naming its columns: it is empty or blank"))
    case .noPersons(let directory, let tables):
      self.init(
        kind: .noPersons,
        reject: Reject(
          file: directory, line: 0, field: nil,
          reason: "no person was read, so there is no one to score: "
            + (tables.isEmpty
              ? "no table that lists persons has a file here"
              : tables.joined(separator: "; "))))
    }
  }

  /// `file:line: error: reason` (no line for a whole file or folder).
  public var description: String {
    "\(reject.file):" + (reject.line > 0 ? "\(reject.line):" : "") + " error: "
      + (reject.field.map { "\($0): " } ?? "") + reject.reason
  }
}

/// Inputs that stop a read.
enum InputProblem {
  case inputMissing(String)
  case noFiles(String, expected: [String])
  case unreadableFile(path: String, reason: String)
  case strayQuote(path: String, line: Int, reason: String)
  case outsideInput(path: String, reason: String)
  case noHeader(path: String)
  /// What each table that lists persons gave, as `file: n rows, n rejected (warnings)`.
  case noPersons(directory: String, tables: [String])
}
