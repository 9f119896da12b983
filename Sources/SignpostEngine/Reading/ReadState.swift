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

  /// The population as it is built.
  var builder: PopulationBuilder
  /// For each person and field, the precedence rank of the source its value came from
  /// (`UInt8.max` while unset).
  private var ranks: [UInt8] = []
  /// Whether any supplied table maps each person field.
  private var fieldMapped: [Bool]
  /// The linkage file, once read.
  var linkage: LinkageIndex?
  /// Splits CSV files into records ahead of their turn; `prefetchOrder` gives each path's turn.
  var prefetcher: TokenizingPrefetcher?
  var prefetchOrder: [String: Int] = [:]
  /// SHA-256 of the files hashed while they were split into records, by path.
  private var hashes: [String: String] = [:]
  /// Events and links of nested (NDJSON) persons, added once every person is known.
  var pendingNested: [NestedPerson] = []
  /// Person fields mapped or derived, by source and field.
  private var sourceMapped: Set<String> = []
  /// Missing-column warnings held until every person table is read: (file report, source,
  /// field, text).
  private var pendingWarnings: [(Int, String, Int, String)] = []

  /// The rows of one person table that its derived fields read, by person, across all the
  /// files its path matches.
  struct DerivationRows {
    /// Persons in the order their first row was read.
    private(set) var order: [Int] = []
    private(set) var rows: [Int: [CELValue]] = [:]

    mutating func append(_ row: CELValue, of person: Int) {
      if rows[person] == nil { order.append(person) }
      rows[person, default: []].append(row)
    }
  }

  /// A nested person's events and links, waiting for every person to be known.
  struct NestedPerson {
    var file: String
    var line: Int
    var id: String
    var events: [(list: Int, values: [FieldValue])]
    var links: [(to: String, relation: String)]
  }

  init(schema: Schema, strict: Bool) {
    self.schema = schema
    self.strict = strict
    builder = PopulationBuilder(schema: schema)
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
    _ table: ExtractReader.SuppliedTable, read: Int, used: Int, rejected: Int, unmatched: Int = 0,
    warnings: [String]
  ) {
    report(
      path: table.path, source: table.source.id, bytes: table.bytes, read: read, used: used,
      rejected: rejected, unmatched: unmatched, warnings: warnings)
  }

  mutating func report(
    path: String, source: String, bytes: [UInt8], read: Int, used: Int, rejected: Int,
    unmatched: Int = 0, warnings: [String]
  ) {
    let sha256 =
      hashes[path]
      ?? {
        var sha = SHA256()
        sha.update(bytes)
        return sha.hexDigest()
      }()
    files.append(
      FileReport(
        path: path, source: source, sha256: sha256, rowsRead: read,
        rowsUsed: used, rowsRejected: rejected, rowsUnmatched: unmatched, warnings: warnings))
  }

  /// Rejects every row of a file that lacks columns its mapping needs, and reports the file.
  mutating func rejectFile(
    path: String, source: String, bytes: [UInt8], rows: [CSVParser.Record], read: Int,
    absent: [String]
  ) throws(ExtractReadError) {
    let names = absent.joined(separator: "', '")
    for row in rows {
      try reject(path, row.line, absent.first, "the file has no column '\(names)'")
    }
    report(
      path: path, source: source, bytes: bytes, read: read, used: 0, rejected: read,
      warnings: ["missing columns: \(absent.joined(separator: ", "))"])
  }

  /// The header and data records of a CSV table; malformed records are rejected.
  mutating func records(_ table: ExtractReader.SuppliedTable) throws(ExtractReadError) -> (
    header: [String: Int], width: Int, rows: [CSVParser.Record], rejected: Int, read: Int
  ) {
    try records(path: table.path, bytes: table.bytes)
  }

  mutating func records(path: String, bytes: [UInt8]) throws(ExtractReadError) -> (
    header: [String: Int], width: Int, rows: [CSVParser.Record], rejected: Int, read: Int
  ) {
    let file =
      prefetchOrder[path].map { prefetcher?.take($0) ?? TokenizedFile(bytes) }
      ?? TokenizedFile(bytes)
    hashes[path] = file.sha256
    let records = file.records
    var parser = records.makeIterator()
    guard let first = parser.next() else { return ([:], 0, [], 0, 0) }
    guard case .success(let headerRecord) = first else {
      try reject(path, 1, nil, "the header row cannot be read")
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
            path, record.line, nil,
            "\(record.fields.count) columns where the header has \(headerRecord.fields.count)")
        } else {
          rows.append(record)
        }
      case .failure(let problem):
        rejected += 1
        try reject(path, problem.line, nil, problem.message)
      }
    }
    return (header, headerRecord.fields.count, rows, rejected, read)
  }

  // MARK: Person tables

  /// Reads a table of person fields. A table keyed by the pack's person id adds persons; one
  /// keyed by another id system is joined through the linkage file to persons already known.
  /// With `rows: many`, a person's rows are combined by the table's derived fields.
  ///
  /// The rows `derive` reads are gathered in `collected`, across every file of the table
  /// (a glob of termly returns), and combined by ``derive(_:derivations:source:)`` once the
  /// last file is read.
  mutating func readPersonTable(
    _ table: ExtractReader.SuppliedTable, derivations: [Derivation],
    collecting collected: inout DerivationRows
  ) throws(ExtractReadError) {
    let (header, _, rows, malformed, read) = try records(table)
    var warnings: [String] = []
    var missingFields: [(field: Int, text: String)] = []
    let key = table.table.keyColumn
    guard let keyColumn = header[key] else {
      try rejectFile(
        path: table.path, source: table.source.id, bytes: table.bytes, rows: rows, read: read,
        absent: [key])
      return
    }
    // The fields this table maps: its source's person fields, unless derived here.
    let derived = Set(derivations.map(\.field))
    var mapped: [(field: Int, column: Int)] = []
    for (i, field) in schema.personFields.enumerated()
    where field.sources.contains(table.source.id) && !derived.contains(i) {
      let column = table.table.column(for: field.name)
      if let position = header[column] {
        mapped.append((i, position))
        markMapped(i, source: table.source.id)
      } else if !table.table.manyRows || table.table.derive.isEmpty {
        missingFields.append((i, "column '\(column)' for field '\(field.name)' is missing"))
      }
    }
    for field in derived { markMapped(field, source: table.source.id) }
    var inputs: [(column: Int, type: FieldType, name: String)] = []
    for input in table.table.inputs {
      if let position = header[input.column] {
        inputs.append((position, input.type, input.column))
      } else {
        warnings.append("input column '\(input.column)' is missing")
      }
    }
    var seen = Set<String>()
    var used = 0
    var rejected = malformed
    var unmatched = 0
    rows: for row in rows {
      let id = row.fields[keyColumn]
      guard !id.isEmpty, !table.parser.isNull(id) else {
        rejected += 1
        try reject(table.path, row.line, key, "the person id is empty")
        continue
      }
      if !table.table.manyRows {
        guard seen.insert(id).inserted else {
          rejected += 1
          let system = table.table.idSystem ?? "person"
          try reject(table.path, row.line, key, "duplicate \(system) id '\(id)'")
          continue
        }
      }
      var parsed: [(Int, FieldValue)] = []
      for (fieldIndex, column) in mapped {
        let field = schema.personFields[fieldIndex]
        switch table.parser.parse(row.fields[column], as: field.type, codeList: field.name) {
        case .success(let value): parsed.append((fieldIndex, value))
        case .failure(let problem):
          rejected += 1
          try reject(table.path, row.line, field.name, problem.message)
          continue rows
        }
      }
      var inputValues: [CELValue] = []
      for input in inputs {
        switch table.parser.parse(row.fields[input.column], as: input.type, codeList: input.name) {
        case .success(let value):
          inputValues.append(value.celValue(input.type, missing: "\(table.path).\(input.name)"))
        case .failure(let problem):
          rejected += 1
          try reject(table.path, row.line, input.name, problem.message)
          continue rows
        }
      }
      let person: Int
      switch resolve(id, table) {
      case .success(let index): person = index
      case .failure(let problem):
        rejected += 1
        if case .unmatched = problem { unmatched += 1 }
        try reject(table.path, row.line, key, problem.reason)
        continue rows
      }
      setFields(parsed, of: person, source: table.source.id)
      if !derivations.isEmpty {
        collected.append(.object(RowObject(values: inputValues)), of: person)
      }
      used += 1
    }
    report(
      table, read: read, used: used, rejected: rejected, unmatched: unmatched, warnings: warnings)
    for (field, text) in missingFields {
      pendingWarnings.append((files.count - 1, table.source.id, field, text))
    }
  }

  /// Combines each person's rows of a table by its derived fields.
  mutating func derive(_ collected: DerivationRows, derivations: [Derivation], source: String) {
    for person in collected.order {
      let rowsValue = CELValue.list(collected.rows[person] ?? [])
      var parsed: [(Int, FieldValue)] = []
      for derivation in derivations {
        let value = derivation.program.evaluate(["rows": rowsValue])
        parsed.append(
          (derivation.field, FieldValue(value, as: schema.personFields[derivation.field].type)))
      }
      setFields(parsed, of: person, source: source)
    }
  }

  /// Reports the person fields a file lacks a column for, unless another file of the same
  /// source supplies them (a partner's census and its termly attendance returns, say).
  mutating func settleWarnings() {
    for (file, source, field, text) in pendingWarnings
    where !sourceMapped.contains(Self.sourceField(source, field)) {
      files[file].warnings.append(text)
    }
    pendingWarnings = []
  }

  /// Why a row's key names no person.
  enum KeyProblem: Error {
    case unmatched(String)
    case unknownPerson(String)

    var reason: String {
      switch self {
      case .unmatched(let reason), .unknownPerson(let reason): reason
      }
    }
  }

  /// The person a row's key belongs to: through the linkage for a foreign id system; for the
  /// pack's own ids, a known person (or, in a person table, a new one).
  mutating func resolve(_ key: String, _ table: ExtractReader.SuppliedTable) -> Result<
    Int, KeyProblem
  > {
    guard let system = table.table.idSystem else {
      if table.table.content == .person { return .success(personIndex(key)) }
      guard let index = knownPerson(key) else {
        return .failure(.unknownPerson("unknown person id '\(key)'"))
      }
      return .success(index)
    }
    guard let linkage else {
      return .failure(.unmatched("no linkage file to join \(system) ids"))
    }
    switch linkage.person(system: system, id: key) {
    case .failure(let unmatched): return .failure(.unmatched(unmatched.reason))
    case .success(let personID):
      guard let index = knownPerson(personID) else {
        return .failure(
          .unknownPerson("\(system) id '\(key)' is linked to unknown person id '\(personID)'"))
      }
      return .success(index)
    }
  }

  /// Stores field values found for a person. When several sources supply a field, the one
  /// first in the field's precedence wins; within a source, the first row with a value.
  mutating func setFields(_ parsed: [(Int, FieldValue)], of person: Int, source: String) {
    let width = schema.personFields.count
    for (field, value) in parsed {
      if case .missing = value { continue }
      let rank = UInt8(
        clamping: schema.personFields[field].sources.firstIndex(of: source) ?? Int(UInt8.max - 1))
      let slot = person * width + field
      guard rank < ranks[slot] else { continue }
      ranks[slot] = rank
      builder.setField(field, of: person, to: value)
    }
  }

  /// The index of a person already found, if any.
  func knownPerson(_ id: String) -> Int? { builder.index(of: id) }

  /// Marks a person field as supplied by some table of a source.
  mutating func markMapped(_ field: Int, source: String) {
    fieldMapped[field] = true
    sourceMapped.insert(Self.sourceField(source, field))
  }

  /// Whether a supplied table of `source` maps or derives the person field.
  func isMapped(_ field: Int, by source: String) -> Bool {
    sourceMapped.contains(Self.sourceField(source, field))
  }

  private static func sourceField(_ source: String, _ field: Int) -> String {
    "\(source)\u{1F}\(field)"
  }

  mutating func personIndex(_ id: String) -> Int {
    if let existing = builder.index(of: id) { return existing }
    ranks.append(contentsOf: repeatElement(UInt8.max, count: schema.personFields.count))
    return builder.person(id)
  }

  /// Whether the supplied files give everything `table` would: its source's person fields
  /// (or the derived ones), its event list, links.
  func covers(
    _ table: SourceTable, of source: SourceDeclaration,
    supplied: [ExtractReader.SuppliedTable]
  ) -> Bool {
    let fields = schema.personFields.indices.filter {
      schema.personFields[$0].sources.contains(source.id)
    }
    let lists = supplied.flatMap { other -> [String] in
      switch other.table.content {
      case .events(let list): return [list]
      case .nested:
        return schema.eventLists.filter { $0.source == other.source.id }.map(\.name)
      default: return []
      }
    }
    switch table.content {
    case .person:
      let derived = Set(table.derive.map(\.field))
      let needed =
        table.manyRows && !derived.isEmpty
        ? fields.filter { derived.contains(schema.personFields[$0].name) } : fields
      return needed.allSatisfy { isMapped($0, by: source.id) }
    case .events(let list): return lists.contains(list)
    case .links: return supplied.contains { $0.table.content == .links }
    case .nested:
      return fields.allSatisfy { isMapped($0, by: source.id) }
        && schema.eventLists.filter { $0.source == source.id }.allSatisfy {
          lists.contains($0.name)
        }
    }
  }

  /// Marks what the supplied tables do not cover: fields no table maps are unknown for want
  /// of their source; event lists with a supplied table are known (possibly empty).
  mutating func settleSupply(supplied: [ExtractReader.SuppliedTable]) {
    builder.suppliedSources = suppliedSources
    for (i, field) in schema.personFields.enumerated() where !fieldMapped[i] {
      builder.markUnsupplied(i, attribute: "source \(field.source ?? "?")")
    }
    for table in supplied {
      switch table.table.content {
      case .events(let name):
        if let list = schema.eventLists.firstIndex(where: { $0.name == name }) {
          builder.supplyList(list)
        }
      case .nested:
        for (list, declaration) in schema.eventLists.enumerated()
        where declaration.source == table.source.id {
          builder.supplyList(list)
        }
      default: break
      }
    }
  }
}
