import SignpostRules

/// A table's `where:` over a file's columns: a row belongs to the table when every named
/// column holds one of its values. Checked on the bytes, before anything else is read.
struct RowFilter: Sendable {
  /// Each named column's position (`nil` when the file lacks it) and the values it may hold.
  let tests: [(column: Int?, values: [[UInt8]])]
  /// The `where:` columns the file lacks.
  let missingColumns: [String]

  init(_ filter: [(column: String, values: [String])], header: [String: Int]) {
    tests = filter.map { (header[$0.column], $0.values.map { Array($0.utf8) }) }
    missingColumns = filter.map(\.column).filter { header[$0] == nil }
  }

  var isEmpty: Bool { tests.isEmpty }

  func matches(_ record: CSVRecord, base: UnsafePointer<UInt8>, scratch: FieldScratch) -> Bool {
    for (column, values) in tests {
      guard let column else { return false }
      let bytes = record.field(column, in: base, scratch: scratch)
      guard values.contains(where: { FieldReader.equal(bytes, $0) }) else { return false }
    }
    return true
  }
}
