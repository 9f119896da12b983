import Foundation

extension RowFilter {
  /// The tables of one file told apart by `where:` filters that each test the same single
  /// column for equality (every event of a warehouse in one file, by its `type`): the table
  /// a row belongs to is found from that column's bytes with one lookup, instead of each
  /// table's filter being tried in turn. It gives the table trying the filters in order would
  /// (the first that takes the row), or none.
  struct Dispatch: Sendable {
    /// The column every filter tests; `nil` when no filter before the first table without
    /// one names a column the file has (every row then goes to that table).
    let column: Int?
    /// Each value some filter takes: its key (the bytes as ``ByteSpellings/Key`` forms it
    /// from the first and last eight), its bytes `bytes[starts[i]..<starts[i + 1]]`, and the
    /// first table whose filter takes it.
    private let keys: [ByteSpellings.Key]
    private let bytes: [UInt8]
    private let starts: [Int]
    private let tables: [Int]
    /// The table of a row whose value no filter before it takes: the first table with no
    /// filter, if any.
    private let otherwise: Int?

    /// The dispatch of tables whose filters are `filters`, in the file's order of trying
    /// them; `nil` when a filter before the first table without one tests more than one
    /// column, or two test different columns (then each filter is tried in turn).
    init?(_ filters: [RowFilter]) {
      var column: Int?
      var values: [[UInt8]] = []
      var tables: [Int] = []
      var otherwise: Int?
      for (table, filter) in filters.enumerated() {
        guard let test = filter.tests.first else {
          otherwise = table
          break
        }
        guard filter.tests.count == 1 else { return nil }
        // A column the file lacks: the filter takes no row.
        guard let tested = test.column else { continue }
        if let column, column != tested { return nil }
        column = tested
        for value in test.values where !values.contains(value) {
          values.append(value)
          tables.append(table)
        }
      }
      guard column != nil || otherwise != nil else { return nil }
      self.column = column
      keys = values.map { value in value.withUnsafeBytes { ByteSpellings.Key($0) } }
      bytes = values.flatMap { $0 }
      starts = values.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
      self.tables = tables
      self.otherwise = otherwise
    }

    /// The table a record belongs to, if any.
    @inline(__always)
    func table(of record: CSVRecord, base: UnsafePointer<UInt8>, scratch: FieldScratch) -> Int? {
      guard let column else { return otherwise }
      return table(of: record.field(column, in: base, scratch: scratch))
    }

    /// The table a row whose tested column holds `value` belongs to, if any.
    func table(of value: UnsafeBufferPointer<UInt8>) -> Int? {
      let key = ByteSpellings.Key(UnsafeRawBufferPointer(value))
      for i in keys.indices where keys[i] == key {
        // Keys of up to 16 bytes hold every byte; a longer value's middle is compared.
        if value.count <= 16 { return tables[i] }
        let same = bytes.withUnsafeBufferPointer { stored in
          guard let kept = stored.baseAddress, let read = value.baseAddress else { return false }
          return memcmp(kept + starts[i], read, value.count) == 0
        }
        if same { return tables[i] }
      }
      return otherwise
    }
  }
}
