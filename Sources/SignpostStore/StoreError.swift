import GRDB

/// Why the store could not do what was asked. Messages name tables and SQL, never the values
/// bound to them, so they are safe to log.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure it is.
  public enum Kind: Sendable, Hashable {
    /// The file could not be opened or created, or is not a Signpost store.
    case open
    /// The store was migrated by a newer Signpost that knows migrations this one does not.
    case newerSchema
    /// Another run holds the store's lock.
    case locked
    /// No run has the id asked for.
    case notFound
    /// The run exists but is not complete, so it has no results to read.
    case notComplete
    /// SQLite refused a read or a write.
    case database
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }

  /// A stored word this Signpost does not know (written by a newer version, or by hand):
  /// refused rather than read as some other word.
  static func unknownWord(_ word: String, column: String) -> StoreError {
    StoreError(.database, "\(column) '\(word)' is not one this Signpost knows")
  }

  /// Wraps any error thrown inside a store operation.
  static func wrap(_ error: any Error, doing what: String) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? DatabaseError {
      // DatabaseError prints the SQL and SQLite's message, not the arguments (GRDB's
      // default, `publicStatementArguments = false`).
      return StoreError(.database, "\(what): \(error.description)")
    }
    return StoreError(.database, "\(what): \(error)")
  }
}
