/// One table of a source, by the source's id and the table's position among its tables: the
/// key of what the pack and the readers keep per table (its derived fields, its files).
public struct SourceTableKey: Sendable, Hashable {
  public var source: String
  /// The table's position in the source's `tables`.
  public var table: Int

  public init(source: String, table: Int) {
    self.source = source
    self.table = table
  }
}
