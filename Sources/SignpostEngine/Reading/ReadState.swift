import SignpostCEL
import SignpostRules
import SignpostSource

/// The working state of one read: persons found so far, rejects and per-file counts.
struct ReadState {
  let schema: Schema
  let strict: Bool
  var suppliedSources: Set<String> = []
  var files: [FileReport] = []
  var rejects: [Reject] = []

  // Persons in order of first appearance, with the field values found for them.
  private var ids: [String] = []
  private var index: [String: Int] = [:]
  private var values: [[CELValue?]] = []
  /// Whether any supplied table maps each person field.
  private var fieldMapped: [Bool]
  var population = Population(suppliedSources: [])
  /// Events and links of nested (NDJSON) persons, added once every person is known.
  var pendingNested: [NestedPerson] = []

  /// A nested person's events and links, waiting for the population to be built.
  struct NestedPerson {
    var file: String
    var line: Int
    var id: String
    var events: [(list: Int, event: EventRecord)]
    var links: [(to: String, relation: String)]
    var table: ExtractReader.SuppliedTable
  }

  init(schema: Schema, strict: Bool) {
    self.schema = schema
    self.strict = strict
    fieldMapped = [Bool](repeating: false, count: schema.personFields.count)
  }

  enum NestedPass {
    case persons
    case eventsAndLinks
  }

  // MARK: Bookkeeping

  /// Records a reject; under `--strict` it ends the read.
  mutating func reject(_ file: String, _ line: Int, _ field: String?, _ reason: String)
    throws(ExtractReadError)
  {
    let reject = Reject(file: file, line: line, field: field, reason: reason)
    if strict { throw ExtractReadError(reject: reject) }
    rejects.append(reject)
  }

  mutating func report(
    _ table: ExtractReader.SuppliedTable, read: Int, used: Int, rejected: Int, warnings: [String]
  ) {
    var sha = SHA256()
    sha.update(table.bytes)
    files.append(
      FileReport(
        path: table.path, source: table.source.id, sha256: sha.hexDigest(), rowsRead: read,
        rowsUsed: used, rowsRejected: rejected, warnings: warnings))
  }

  /// The header and data records of a CSV table; malformed records are rejected.
  mutating func records(_ table: ExtractReader.SuppliedTable) throws(ExtractReadError) -> (
    header: [String: Int], width: Int, rows: [CSVParser.Record], rejected: Int, read: Int
  ) {
    var parser = CSVParser(table.bytes)
    guard let first = parser.next() else { return ([:], 0, [], 0, 0) }
    guard case .success(let headerRecord) = first else {
      try reject(table.path, 1, nil, "the header row cannot be read")
      return ([:], 0, [], 0, 0)
    }
    var header: [String: Int] = [:]
    for (i, name) in headerRecord.fields.enumerated() where header[name] == nil {
      header[name] = i
    }
    var rows: [CSVParser.Record] = []
    var rejected = 0
    var read = 0
    while let next = parser.next() {
      read += 1
      switch next {
      case .success(let record):
        if record.fields.count != headerRecord.fields.count {
          rejected += 1
          try reject(
            table.path, record.line, nil,
            "\(record.fields.count) columns where the header has \(headerRecord.fields.count)")
        } else {
          rows.append(record)
        }
      case .failure(let problem):
        rejected += 1
        try reject(table.path, problem.line, nil, problem.message)
      }
    }
    return (header, headerRecord.fields.count, rows, rejected, read)
  }

  // MARK: Person tables

  mutating func readPersonTable(_ table: ExtractReader.SuppliedTable) throws(ExtractReadError) {
    let (header, _, rows, malformed, read) = try records(table)
    var warnings: [String] = []
    guard let keyColumn = header[table.table.keyColumn] else {
      for row in rows {
        try reject(table.path, row.line, table.table.keyColumn, "the file has no person id column")
      }
      report(table, read: read, used: 0, rejected: read, warnings: ["no column '\(table.table.keyColumn)'"])
      return
    }
    // The fields this table supplies: its source's person fields whose column is present.
    var mapped: [(field: Int, column: Int)] = []
    for (i, field) in schema.personFields.enumerated() where field.source == table.source.id {
      let column = table.table.column(for: field.name)
      if let position = header[column] {
        mapped.append((i, position))
        fieldMapped[i] = true
      } else {
        warnings.append("column '\(column)' for field '\(field.name)' is missing")
      }
    }
    var seen = Set<String>()
    var used = 0
    var rejected = malformed
    rows: for row in rows {
      let id = row.fields[keyColumn]
      guard !id.isEmpty, !table.parser.isNull(id) else {
        rejected += 1
        try reject(table.path, row.line, table.table.keyColumn, "the person id is empty")
        continue
      }
      guard seen.insert(id).inserted else {
        rejected += 1
        try reject(table.path, row.line, table.table.keyColumn, "duplicate person id '\(id)'")
        continue
      }
      var parsed: [(Int, CELValue)] = []
      for (fieldIndex, column) in mapped {
        let field = schema.personFields[fieldIndex]
        switch table.parser.parse(
          row.fields[column], as: field.type, missing: "person.\(field.name)", codeList: field.name)
        {
        case .success(let value): parsed.append((fieldIndex, value))
        case .failure(let problem):
          rejected += 1
          try reject(table.path, row.line, field.name, problem.message)
          continue rows
        }
      }
      setFields(parsed, of: id)
      used += 1
    }
    report(table, read: read, used: used, rejected: rejected, warnings: warnings)
  }

  /// Stores field values found for a person; the first table (in schema order) with a value
  /// wins.
  mutating func setFields(_ parsed: [(Int, CELValue)], of id: String) {
    let person = personIndex(id)
    for (fieldIndex, value) in parsed {
      if case .unknown = value { continue }
      if values[person][fieldIndex] == nil { values[person][fieldIndex] = value }
    }
  }

  /// Marks a person field as supplied by some table.
  mutating func markMapped(_ field: Int) {
    fieldMapped[field] = true
  }

  mutating func personIndex(_ id: String) -> Int {
    if let existing = index[id] { return existing }
    index[id] = ids.count
    ids.append(id)
    values.append([CELValue?](repeating: nil, count: schema.personFields.count))
    return ids.count - 1
  }

  /// The population of everyone found in the person tables, with what was not found
  /// marked as missing (a value absent) or unknown (a source or column not supplied).
  func buildPopulation(supplied: [ExtractReader.SuppliedTable]) -> Population {
    var population = Population(suppliedSources: suppliedSources)
    let suppliedLists = Set(
      supplied.flatMap { table -> [String] in
        switch table.table.content {
        case .events(let list): return [list]
        case .nested: return schema.eventLists.filter { $0.source == table.source.id }.map(\.name)
        default: return []
        }
      })
    for (p, id) in ids.enumerated() {
      let fields = schema.personFields.enumerated().map { i, field -> CELValue in
        if let value = values[p][i] { return value }
        if fieldMapped[i] { return .unknown(CELUnknown(["person.\(field.name)"])) }
        return .unknown(CELUnknown(["source \(field.source ?? "?")"]))
      }
      let events: [[EventRecord]?] = schema.eventLists.map {
        suppliedLists.contains($0.name) ? [] : nil
      }
      population.add(PersonRecord(id: id, fields: fields, events: events))
    }
    return population
  }
}
