import Foundation
import SignpostCEL
import SignpostRules

extension ReadState {
  // MARK: Event tables

  mutating func readEventTable(_ table: ExtractReader.SuppliedTable, list listName: String)
    throws(ExtractReadError)
  {
    let (header, _, rows, malformed, read) = try records(table)
    guard let listIndex = schema.eventLists.firstIndex(where: { $0.name == listName }) else {
      return
    }
    let list = schema.eventLists[listIndex]
    let fields = list.recordFields
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
    let keyColumn = header[table.table.keyColumn]
    guard let keyColumn, missingColumns.isEmpty else {
      let absent = (keyColumn == nil ? [table.table.keyColumn] : []) + missingColumns
      try rejectFile(
        path: table.path, source: table.source.id, bytes: table.bytes, rows: rows, read: read,
        absent: absent)
      return
    }
    var used = 0
    var rejected = malformed
    var unmatched = 0
    rows: for row in rows {
      let person: Int
      switch resolve(row.fields[keyColumn], table) {
      case .success(let index): person = index
      case .failure(let problem):
        rejected += 1
        if case .unmatched = problem { unmatched += 1 }
        try reject(table.path, row.line, table.table.keyColumn, problem.reason)
        continue rows
      }
      var values: [FieldValue] = []
      for (field, column) in zip(fields, columns) {
        let text = row.fields[column]
        if field.name == "date", table.parser.isNull(text) {
          rejected += 1
          try reject(table.path, row.line, "date", "an event must have a date")
          continue rows
        }
        switch table.parser.parse(text, as: field.type, codeList: "\(listName).\(field.name)") {
        case .success(let value): values.append(value)
        case .failure(let problem):
          rejected += 1
          try reject(table.path, row.line, field.name, problem.message)
          continue rows
        }
      }
      builder.appendEvent(values, person: person, list: listIndex)
      used += 1
    }
    report(
      table, read: read, used: used, rejected: rejected, unmatched: unmatched, warnings: [])
  }

  // MARK: Link tables

  /// The columns of a links table: the key (from), `linked_person_id` (to) and `relation`.
  static let linkColumns = (to: "linked_person_id", relation: "relation")

  mutating func readLinkTable(_ table: ExtractReader.SuppliedTable) throws(ExtractReadError) {
    let (header, _, rows, malformed, read) = try records(table)
    let names = [
      table.table.keyColumn, table.table.column(for: Self.linkColumns.to),
      table.table.column(for: Self.linkColumns.relation),
    ]
    let positions = names.compactMap { header[$0] }
    guard positions.count == 3 else {
      let absent = names.filter { header[$0] == nil }
      try rejectFile(
        path: table.path, source: table.source.id, bytes: table.bytes, rows: rows, read: read,
        absent: absent)
      return
    }
    var used = 0
    var rejected = malformed
    for row in rows {
      let (from, to, relation) = (
        row.fields[positions[0]], row.fields[positions[1]], row.fields[positions[2]]
      )
      if let problem = addLink(from: from, to: to, relation: relation, table: table, line: row.line)
      {
        rejected += 1
        try reject(table.path, row.line, problem.field, problem.reason)
      } else {
        used += 1
      }
    }
    report(table, read: read, used: used, rejected: rejected, warnings: [])
  }

  /// Adds a link, or says why it cannot be added.
  private mutating func addLink(
    from: String, to: String, relation: String, table: ExtractReader.SuppliedTable, line: Int
  ) -> (field: String, reason: String)? {
    let a: Int
    let b: Int
    switch (resolve(from, table), resolve(to, table)) {
    case (.failure(let problem), _): return (table.table.keyColumn, problem.reason)
    case (_, .failure(let problem)): return (Self.linkColumns.to, problem.reason)
    case (.success(let x), .success(let y)): (a, b) = (x, y)
    }
    let code = table.source.format.codes[Self.linkColumns.relation]?[relation] ?? relation
    guard let r = schema.relations.firstIndex(where: { $0.name == code }) else {
      let known = schema.relations.map(\.name)
      return (
        Self.linkColumns.relation,
        "'\(relation)' is not a known relation (expected one of \(known.joined(separator: ", ")))"
      )
    }
    guard a != b else { return (Self.linkColumns.to, "a person cannot be linked to themselves") }
    builder.link(PersonLink(from: a, to: b, relation: r), symmetric: schema.relations[r].symmetric)
    return nil
  }
}
