import Foundation
import SignpostCEL
import SignpostRules

extension ReadState {
  // MARK: Event tables

  /// Reads a table of events: chunks are tokenized, joined to persons and parsed into columns
  /// on every core, then appended to the list in file order.
  mutating func readEventTable(_ table: ExtractReader.SuppliedTable, list listName: String)
    throws(ExtractReadError)
  {
    let file = try CSVFile(path: table.path, directory: directory)
    guard let listIndex = schema.eventLists.firstIndex(where: { $0.name == listName }) else {
      return
    }
    let list = schema.eventLists[listIndex]
    let fields = list.recordFields
    let header = file.columns
    var columns: [Int] = []
    var missingColumns: [String] = []
    for field in fields {
      let column = table.table.column(for: field.name)
      if let position = header[column] {
        columns.append(position)
      } else {
        missingColumns.append(column)
      }
    }
    guard let keyColumn = header[table.table.keyColumn], missingColumns.isEmpty else {
      let absent =
        (header[table.table.keyColumn] == nil ? [table.table.keyColumn] : []) + missingColumns
      try rejectFile(file, source: table.source.id, absent: absent)
      return
    }
    let positions = columns
    let readers = fields.map {
      table.parser.reader(for: $0.type, codeList: "\(listName).\($0.name)", field: $0)
    }
    let names = file.names
    let keyName = table.table.keyColumn
    let keys = KeyResolver(table: table.table, persons: builder.index, linkage: linkage)
    let emptyColumns = fields.map {
      Column(type: $0.type, missingAttribute: "\(listName).\($0.name)")
    }
    let path = table.path
    var totals = ChunkLedger(path: path)
    try file.readChunks(
      { EventChunk(path: path, columns: emptyColumns) },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        let person: Int
        switch keys.resolve(record.field(keyColumn, in: base, scratch: scratch)) {
        case .success(let index): person = index
        case .failure(let problem):
          if let unmatched = problem.unmatched { chunk.ledger.unmatched.count(unmatched) }
          chunk.ledger.reject(record.line, keyName, problem.reason)
          return
        }
        chunk.values.removeAll(keepingCapacity: true)
        for (n, column) in positions.enumerated() {
          switch readers[n].read(record.field(column, in: base, scratch: scratch)) {
          case .success(.missing) where n == 0:
            chunk.ledger.reject(record.line, "date", "an event must have a date")
            return
          case .success(let value): chunk.values.append(value)
          case .failure(let problem) where problem.keepsRow:
            chunk.ledger.keep(record.line, fields[n].name, problem)
            chunk.values.append(.missing)
          case .failure(let problem):
            chunk.ledger.reject(record.line, fields[n].name, problem.message)
            return
          }
        }
        for (c, value) in chunk.values.enumerated() { chunk.columns[c].append(value) }
        chunk.persons.append(Int32(person))
        chunk.ledger.used += 1
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      merge: { (chunk, firstLine) throws(ExtractReadError) in
        try absorb(chunk.ledger, firstLine: firstLine, into: &totals)
        builder.appendEvents(persons: chunk.persons, columns: chunk.columns, list: listIndex)
      })
    report(totals, file: file, source: table.source.id, warnings: [])
  }

  // MARK: Link tables

  /// The columns of a links table: the key (from), `linked_person_id` (to) and `relation`.
  static let linkColumns = (to: "linked_person_id", relation: "relation")

  mutating func readLinkTable(_ table: ExtractReader.SuppliedTable) throws(ExtractReadError) {
    let file = try CSVFile(path: table.path, directory: directory)
    let columnNames = [
      table.table.keyColumn, table.table.column(for: Self.linkColumns.to),
      table.table.column(for: Self.linkColumns.relation),
    ]
    let positions = columnNames.compactMap { file.columns[$0] }
    guard positions.count == 3 else {
      try rejectFile(
        file, source: table.source.id, absent: columnNames.filter { file.columns[$0] == nil })
      return
    }
    let names = file.names
    let keys = KeyResolver(table: table.table, persons: builder.index, linkage: linkage)
    let relationCodes = table.source.format.codes[Self.linkColumns.relation] ?? [:]
    let relations = schema.relations.map { Array($0.name.utf8) }
    let codes = relationCodes.map { (Array($0.key.utf8), relations.firstIndex(of: Array($0.value.utf8))) }
    let known = schema.relations.map(\.name).joined(separator: ", ")
    let keyName = table.table.keyColumn
    let path = table.path
    var totals = ChunkLedger(path: path)
    let symmetric = schema.relations.map(\.symmetric)
    try file.readChunks(
      { LinkChunk(ledger: ChunkLedger(path: path)) },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        let from: Int
        switch keys.resolve(record.field(positions[0], in: base, scratch: scratch)) {
        case .success(let index): from = index
        case .failure(let problem):
          chunk.ledger.reject(record.line, keyName, problem.reason)
          return
        }
        let to: Int
        switch keys.resolve(record.field(positions[1], in: base, scratch: scratch)) {
        case .success(let index): to = index
        case .failure(let problem):
          chunk.ledger.reject(record.line, Self.linkColumns.to, problem.reason)
          return
        }
        let relationBytes = record.field(positions[2], in: base, scratch: scratch)
        let relation =
          codes.first { FieldReader.equal(relationBytes, $0.0) }?.1
          ?? relations.firstIndex { FieldReader.equal(relationBytes, $0) }
        guard let relation else {
          chunk.ledger.reject(
            record.line, Self.linkColumns.relation,
            "'\(String(decoding: relationBytes, as: UTF8.self))' is not a known relation (expected one of \(known))"
          )
          return
        }
        guard from != to else {
          chunk.ledger.reject(
            record.line, Self.linkColumns.to, "a person cannot be linked to themselves")
          return
        }
        chunk.links.append(PersonLink(from: from, to: to, relation: relation))
        chunk.ledger.used += 1
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      merge: { (chunk, firstLine) throws(ExtractReadError) in
        try absorb(chunk.ledger, firstLine: firstLine, into: &totals)
        for link in chunk.links { builder.link(link, symmetric: symmetric[link.relation]) }
      })
    report(totals, file: file, source: table.source.id, warnings: [])
  }
}

/// One chunk of an event table: the events read, by column, and whose they are.
struct EventChunk: Sendable {
  var ledger: ChunkLedger
  var persons: [Int32] = []
  var columns: [Column]
  /// One row's values, reused.
  var values: [FieldValue] = []

  init(path: String, columns: [Column]) {
    ledger = ChunkLedger(path: path)
    self.columns = columns
  }
}

/// One chunk of a links table.
struct LinkChunk: Sendable {
  var ledger: ChunkLedger
  var links: [PersonLink] = []
}
