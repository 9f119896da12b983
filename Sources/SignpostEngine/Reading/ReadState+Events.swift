import Foundation
import SignpostCEL
import SignpostRules

extension ReadState {
  // MARK: Event tables

  /// Reads the event tables that share one file in a single pass: chunks are tokenized, each
  /// row given to the first table whose `where:` takes it, joined to its person and parsed
  /// into that list's columns on every core, then appended to the lists in file order. A row
  /// no table takes is skipped (and counted).
  mutating func readEventTables(_ group: [ExtractReader.SuppliedTable]) throws(ExtractReadError) {
    guard let first = group.first else { return }
    let file = try CSVFile(path: first.path, directory: directory)
    let header = file.columns
    var members: [EventMember] = []
    var warnings: [String] = []
    for table in group {
      guard case .events(let listName) = table.table.content,
        let listIndex = schema.eventLists.firstIndex(where: { $0.name == listName })
      else { continue }
      let fields = schema.eventLists[listIndex].recordFields
      var positions: [Int] = []
      var absent: [String] = header[table.table.keyColumn] == nil ? [table.table.keyColumn] : []
      for field in fields {
        let column = table.table.column(for: field.name)
        if let position = header[column] {
          positions.append(position)
        } else {
          absent.append(column)
        }
      }
      let filter = RowFilter(table.table.filter, header: header)
      if !filter.missingColumns.isEmpty {
        warnings.append(
          "where: column '\(filter.missingColumns.joined(separator: "', '"))' is missing")
      }
      if !absent.isEmpty {
        warnings.append("missing columns: \(absent.joined(separator: ", "))")
      }
      members.append(
        EventMember(
          list: listIndex, listName: listName, fields: fields, positions: positions,
          keyColumn: header[table.table.keyColumn] ?? 0, keyName: table.table.keyColumn,
          absent: absent, filter: filter,
          readers: fields.map {
            table.parser.reader(for: $0.type, codeList: "\(listName).\($0.name)", field: $0)
          },
          keys: KeyResolver(table: table.table, persons: builder.index, linkage: linkage),
          empty: fields.map { Column(type: $0.type, missingAttribute: "\(listName).\($0.name)") }))
    }
    let names = file.names
    let path = file.path
    let group = members
    let persons = builder.index
    var totals = ChunkLedger(path: path)
    try file.readChunks(
      { _ in EventChunk(path: path, members: group) },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        guard
          let m = group.firstIndex(where: {
            $0.filter.isEmpty || $0.filter.matches(record, base: base, scratch: scratch)
          })
        else {
          chunk.ledger.skipped += 1
          return
        }
        let member = group[m]
        guard member.absent.isEmpty else {
          chunk.ledger.reject(
            record.line, member.absent.first,
            "the file has no column '\(member.absent.joined(separator: "', '"))'")
          return
        }
        // The key is looked up and the values parsed when the chunk is done (`finish`), a
        // batch of keys at a time, so that the lookups' cache misses overlap.
        chunk.keep(
          row: record.line, member: m,
          key: record.field(member.keyColumn, in: base, scratch: scratch),
          hashed: !member.keys.isForeign)
        for column in member.positions {
          chunk.keep(field: record.field(column, in: base, scratch: scratch))
        }
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      finish: { chunk in
        let batch = 32
        let (kept, ends) = (chunk.kept, chunk.fieldEnds)
        (chunk.kept, chunk.fieldEnds) = ([], [])
        kept.withUnsafeBufferPointer { kept in
          for r in chunk.pending.indices {
            if r % batch == 0 {
              for ahead in r..<min(chunk.pending.count, r + batch) {
                let row = chunk.pending[ahead]
                if row.hashed { chunk.warmed ^= persons.warm(hash: row.hash) }
              }
            }
            let row = chunk.pending[r]
            let (m, member) = (row.member, group[row.member])
            func field(_ n: Int) -> UnsafeBufferPointer<UInt8> {
              UnsafeBufferPointer(
                rebasing: kept[ends[row.fields + n]..<ends[row.fields + n + 1]])
            }
            let key = UnsafeBufferPointer(
              rebasing: kept[row.keyStart..<ends[row.fields]])
            let person: Int
            switch member.keys.resolve(key, hash: row.hash) {
            case .success(let index): person = index
            case .failure(let problem):
              if let unmatched = problem.unmatched { chunk.ledger.unmatched.count(unmatched) }
              if problem.caseMismatch { chunk.ledger.caseMismatches += 1 }
              chunk.ledger.reject(row.line, member.keyName, problem.reason)
              continue
            }
            chunk.values.removeAll(keepingCapacity: true)
            var rejected = false
            for n in member.positions.indices {
              let bytes = field(n)
              let read =
                member.readers[n].value(bytes, strings: &chunk.strings).map(Result.success)
                ?? member.readers[n].read(bytes)
              switch read {
              case .success(.missing) where n == 0:
                chunk.ledger.reject(row.line, "date", "an event must have a date")
                rejected = true
              case .success(let value): chunk.values.append(value)
              case .failure(let problem) where problem.keepsRow:
                chunk.ledger.keep(row.line, member.fields[n].name, problem)
                chunk.values.append(.missing)
              case .failure(let problem):
                chunk.ledger.reject(row.line, member.fields[n].name, problem.message)
                rejected = true
              }
              if rejected { break }
            }
            if rejected { continue }
            for (c, value) in chunk.values.enumerated() { chunk.columns[m][c].append(value) }
            chunk.persons[m].append(Int32(person))
            chunk.ledger.used += 1
          }
        }
        chunk.pending = []
      },
      merge: { (chunk, firstLine) throws(ExtractReadError) in
        try absorb(chunk.ledger, firstLine: firstLine, into: &totals)
        for (m, member) in group.enumerated() {
          builder.appendEvents(
            persons: chunk.persons[m], columns: chunk.columns[m].map(\.column), list: member.list)
        }
      })
    report(totals, file: file, source: first.source.id, warnings: warnings)
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
    let filter = RowFilter(table.table.filter, header: file.columns)
    let relationCodes = table.source.format.codes[Self.linkColumns.relation] ?? [:]
    let relationNames = schema.relations.map(\.name)
    let relations = ByteSpellings(relationNames)
    let codePairs = Array(relationCodes)
    let codes = ByteSpellings(codePairs.map(\.key))
    let codeRelations = codePairs.map { relationNames.firstIndex(of: $0.value) }
    let known = schema.relations.map(\.name).joined(separator: ", ")
    let keyName = table.table.keyColumn
    let path = table.path
    var totals = ChunkLedger(path: path)
    let symmetric = schema.relations.map(\.symmetric)
    builder.reserveLinks(file.estimatedRecords * (symmetric.contains(true) ? 2 : 1))
    try file.readChunks(
      { records in LinkChunk(path: path, records: records) },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        guard filter.isEmpty || filter.matches(record, base: base, scratch: scratch) else {
          chunk.ledger.skipped += 1
          return
        }
        let relationBytes = record.field(positions[2], in: base, scratch: scratch)
        let relation =
          codes.firstIndex(of: relationBytes).flatMap { codeRelations[$0] }
          ?? relations.firstIndex(of: relationBytes)
        // The ids are looked up when the chunk is done (`finish`), a batch at a time.
        var badRelation = -1
        if relation == nil {
          badRelation = chunk.badRelations.count
          chunk.badRelations.append(String(decoding: relationBytes, as: UTF8.self))
        }
        chunk.pending.append(
          LinkChunk.Pending(
            line: record.line,
            from: chunk.fromKey(record.field(positions[0], in: base, scratch: scratch)),
            to: chunk.key(record.field(positions[1], in: base, scratch: scratch)),
            relation: relation ?? -1, badRelation: badRelation))
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      finish: { chunk in
        // Checked in the order a row's own checks run: its id, the linked id, the relation,
        // then that it links two people.
        let persons = keys.persons
        let batch = 32
        // Rows of one person come together: a row whose id is its predecessor's (the same
        // key) takes its predecessor's person (an id not found is looked up again, to be
        // rejected with its reason).
        var previous: (key: LinkChunk.Key, person: Int)?
        for r in chunk.pending.indices {
          if r % batch == 0, !keys.isForeign {
            for ahead in r..<min(chunk.pending.count, r + batch) {
              let row = chunk.pending[ahead]
              chunk.warmed ^=
                persons.warm(hash: row.from.hash) ^ persons.warm(hash: row.to.hash)
            }
          }
          let row = chunk.pending[r]
          let from: Int
          if let previous, previous.key == row.from {
            from = previous.person
          } else {
            switch chunk.resolve(row.from, keys) {
            case .success(let index): from = index
            case .failure(let problem):
              chunk.ledger.reject(row.line, keyName, problem.reason)
              continue
            }
            previous = (row.from, from)
          }
          let to: Int
          switch chunk.resolve(row.to, keys) {
          case .success(let index): to = index
          case .failure(let problem):
            chunk.ledger.reject(row.line, Self.linkColumns.to, problem.reason)
            continue
          }
          if row.badRelation >= 0 {
            chunk.ledger.reject(
              row.line, Self.linkColumns.relation,
              "'\(chunk.badRelations[row.badRelation])' is not a known relation (expected one of \(known))"
            )
            continue
          }
          guard from != to else {
            chunk.ledger.reject(
              row.line, Self.linkColumns.to, "a person cannot be linked to themselves")
            continue
          }
          chunk.links.append(PersonLink(from: from, to: to, relation: row.relation))
          if symmetric[row.relation] {
            chunk.links.append(PersonLink(from: to, to: from, relation: row.relation))
          }
          chunk.ledger.used += 1
        }
        chunk.pending = []
        chunk.keys = []
      },
      merge: { (chunk, firstLine) throws(ExtractReadError) in
        try absorb(chunk.ledger, firstLine: firstLine, into: &totals)
        builder.appendLinks(chunk.links)
      })
    report(totals, file: file, source: table.source.id, warnings: [])
  }
}

/// One event table of a file's pass: its list, columns, filter, readers and key resolver. A
/// class, so that taking a row's table costs one reference, not a copy of its arrays.
final class EventMember: Sendable {
  let list: Int
  let listName: String
  let fields: [FieldDeclaration]
  let positions: [Int]
  let keyColumn: Int
  let keyName: String
  /// Columns the table needs that the file lacks: every row it takes is rejected.
  let absent: [String]
  let filter: RowFilter
  let readers: [FieldReader]
  let keys: KeyResolver
  /// Empty columns of the list's types.
  let empty: [Column]

  init(
    list: Int, listName: String, fields: [FieldDeclaration], positions: [Int], keyColumn: Int,
    keyName: String, absent: [String], filter: RowFilter, readers: [FieldReader],
    keys: KeyResolver, empty: [Column]
  ) {
    self.list = list
    self.listName = listName
    self.fields = fields
    self.positions = positions
    self.keyColumn = keyColumn
    self.keyName = keyName
    self.absent = absent
    self.filter = filter
    self.readers = readers
    self.keys = keys
    self.empty = empty
  }
}

/// One chunk of a file's event tables: rows waiting for their keys to be looked up, then
/// each table's events, by column, and whose they are.
struct EventChunk: Sendable {
  /// A row taken by a table but not yet joined and parsed: its key is
  /// `kept[keyStart..<fieldEnds[fields]]`, its table's field `n` the bytes between
  /// `fieldEnds[fields + n]` and `fieldEnds[fields + n + 1]`.
  struct Pending: Sendable {
    var line: Int
    var member: Int
    var keyStart: Int
    var fields: Int
    /// Whether `hash` is the key's ``PersonIndex/hash(_:)`` (keys of the pack's own ids).
    var hashed: Bool
    var hash: UInt64
  }

  var ledger: ChunkLedger
  var persons: [[Int32]]
  var columns: [[ColumnBuilder]]
  var pending: [Pending] = []
  /// The pending rows' key and field bytes, one after another.
  var kept: [UInt8] = []
  /// Where each kept key or field ends in `kept`.
  var fieldEnds: [Int] = []
  /// One row's values, reused.
  var values: [FieldValue] = []
  /// The chunk's string values, each distinct one made once.
  var strings = StringInterner()
  /// What warming the person index read (``PersonIndex/warm(hash:)``).
  var warmed: UInt64 = 0

  init(path: String, members: [EventMember]) {
    ledger = ChunkLedger(path: path)
    persons = members.map { _ in [] }
    columns = members.map { $0.empty.map { ColumnBuilder($0, capacity: 0) } }
  }

  /// Keeps a row taken by table `member`, and its key (hashed for the person index when
  /// `hashed`); its fields follow with ``keep(field:)``.
  mutating func keep(row line: Int, member: Int, key: UnsafeBufferPointer<UInt8>, hashed: Bool) {
    let start = kept.count
    kept.append(contentsOf: key)
    fieldEnds.append(kept.count)
    pending.append(
      Pending(
        line: line, member: member, keyStart: start, fields: fieldEnds.count - 1,
        hashed: hashed, hash: hashed ? PersonIndex.hash(key) : 0))
  }

  /// Keeps the next field of the last row kept.
  mutating func keep(field: UnsafeBufferPointer<UInt8>) {
    kept.append(contentsOf: field)
    fieldEnds.append(kept.count)
  }
}

/// One chunk of a links table: rows waiting for their ids to be looked up, then the links.
struct LinkChunk: Sendable {
  /// An id's place in `keys`, and its ``PersonIndex/hash(_:)``.
  struct Key: Sendable, Equatable {
    var start: Int
    var end: Int
    var hash: UInt64
  }

  /// A row read but not yet joined: its ids, and its relation (or, when it has none, its
  /// text's place in `badRelations`).
  struct Pending: Sendable {
    var line: Int
    var from: Key
    var to: Key
    var relation: Int
    var badRelation: Int
  }

  var ledger: ChunkLedger
  /// The links joined, each reverse beside its link when the relation is symmetric.
  var links: [PersonLink] = []
  var pending: [Pending] = []
  /// The pending rows' id bytes, one after another.
  var keys: [UInt8] = []
  /// The relation texts that name no relation, for the rows' rejects.
  var badRelations: [String] = []
  /// The last row's own id (`fromKey(_:)`).
  private var lastFrom: Key?
  /// What warming the person index read (``PersonIndex/warm(hash:)``).
  var warmed: UInt64 = 0

  /// An empty chunk with room for about `records` links.
  init(path: String, records: Int) {
    ledger = ChunkLedger(path: path)
    links.reserveCapacity(records * 2)
    pending.reserveCapacity(records)
    keys.reserveCapacity(records * 24)
  }

  /// Keeps an id's bytes for the lookup at the chunk's end.
  mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
    let start = keys.count
    keys.append(contentsOf: bytes)
    return Key(start: start, end: keys.count, hash: PersonIndex.hash(bytes))
  }

  /// ``key(_:)`` for a row's own id: the last row's key when the bytes are the same (a
  /// links file lists a person's links together), so it is neither kept nor hashed again.
  mutating func fromKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
    if let last = lastFrom, last.end - last.start == bytes.count,
      keys.withUnsafeBufferPointer({ kept in
        guard let mine = bytes.baseAddress, let base = kept.baseAddress else { return true }
        return memcmp(mine, base + last.start, bytes.count) == 0
      })
    {
      return last
    }
    let made = key(bytes)
    lastFrom = made
    return made
  }

  /// The person a kept id names.
  func resolve(_ key: Key, _ resolver: KeyResolver) -> Result<Int, KeyResolver.Problem> {
    keys.withUnsafeBufferPointer {
      resolver.resolve(UnsafeBufferPointer(rebasing: $0[key.start..<key.end]), hash: key.hash)
    }
  }
}
