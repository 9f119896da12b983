import Foundation
import SignpostCEL
import SignpostRules

extension ReadState {
  // MARK: Event tables

  /// Opens the file that the event tables of `group` share and matches each table to its
  /// columns, changing nothing, so that files can then be read at once on other threads
  /// (``EventFile/read()``) and taken in in order (``takeEvents(_:)``).
  func openEventFile(_ group: [ExtractReader.SuppliedTable]) throws(ExtractReadError)
    -> EventFile
  {
    let first = group[0]
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
    return EventFile(
      file: file, source: first.source.id, members: members, warnings: warnings,
      persons: builder.index)
  }

  /// Opens and reads the files of event tables (each a group of tables sharing one file) and
  /// of links tables, several at once and the largest first — a small file is one chunk, one
  /// core's work — changing nothing: each file's chunks, or the error that stopped it (the
  /// event files' by path), for ``takeEvents(_:)`` and ``takeLinks(_:)`` in the schema's order.
  func readEventAndLinkFiles(
    events groups: [[ExtractReader.SuppliedTable]], links tables: [ExtractReader.SuppliedTable]
  ) -> (events: [String: EventFileRead], links: [LinkFileRead]) {
    let events = groups.map { group in
      Result { () throws(ExtractReadError) in try openEventFile(group) }
    }
    let links = tables.map { table in
      Result { () throws(ExtractReadError) in try openLinkFile(table) }
    }
    let sizes =
      links.map { (try? $0.get())?.file.mapped.count ?? 0 }
      + events.map { (try? $0.get())?.file.mapped.count ?? 0 }
    let order = sizes.indices.sorted { sizes[$0] > sizes[$1] }
    let linkReads = SharedBuffer<LinkFileRead?>(repeating: nil, count: links.count)
    let eventReads = SharedBuffer<EventFileRead?>(repeating: nil, count: groups.count)
    DispatchQueue.concurrentPerform(iterations: order.count) { n in
      let i = order[n]
      if i < links.count {
        linkReads[i] = links[i].flatMap { file in
          Result { () throws(ExtractReadError) in (file: file, chunks: try file.read()) }
        }
      } else {
        eventReads[i - links.count] = events[i - links.count].flatMap { file in
          Result { () throws(ExtractReadError) in (file: file, chunks: try file.read()) }
        }
      }
    }
    var byPath: [String: EventFileRead] = [:]
    for (g, group) in groups.enumerated() { byPath[group[0].path] = eventReads[g] }
    return (byPath, linkReads.array.compactMap { $0 })
  }

  /// Takes a file's event chunks, read by ``EventFile/read()``, into the lists in file
  /// order, and reports the file.
  mutating func takeEvents(_ read: EventFileRead) throws(ExtractReadError) {
    let (file, chunks) = try read.get()
    var totals = ChunkLedger(path: file.file.path)
    for (chunk, firstLine) in chunks {
      try absorb(chunk.ledger, firstLine: firstLine, into: &totals)
      for (m, member) in file.members.enumerated() {
        builder.appendEvents(
          persons: chunk.persons[m], columns: chunk.columns[m].map(\.column), list: member.list)
      }
    }
    report(totals, file: file.file, source: file.source, warnings: file.warnings)
  }

  // MARK: Link tables

  /// The columns of a links table: the key (from), `linked_person_id` (to) and `relation`.
  static let linkColumns = (to: "linked_person_id", relation: "relation")

  /// Opens a links table's file and matches it to its columns, changing nothing, so that it
  /// can be read beside the event files (``LinkFile/read()``) and taken in in order
  /// (``takeLinks(_:)``).
  func openLinkFile(_ table: ExtractReader.SuppliedTable) throws(ExtractReadError) -> LinkFile {
    let file = try CSVFile(path: table.path, directory: directory)
    let columnNames = [
      table.table.keyColumn, table.table.column(for: Self.linkColumns.to),
      table.table.column(for: Self.linkColumns.relation),
    ]
    let relationCodes = Array(table.source.format.codes[Self.linkColumns.relation] ?? [:])
    let relationNames = schema.relations.map(\.name)
    return LinkFile(
      file: file, source: table.source.id,
      absent: columnNames.filter { file.columns[$0] == nil },
      positions: columnNames.compactMap { file.columns[$0] },
      keys: KeyResolver(table: table.table, persons: builder.index, linkage: linkage),
      filter: RowFilter(table.table.filter, header: file.columns),
      relations: RelationSpellings(
        names: relationNames,
        codes: relationCodes.map { ($0.key, relationNames.firstIndex(of: $0.value)) }),
      symmetric: schema.relations.map(\.symmetric), keyName: table.table.keyColumn,
      known: relationNames.joined(separator: ", "))
  }

  /// Takes a links file's chunks, read by ``LinkFile/read()``, into the links in file order,
  /// and reports the file; a file that lacks a column the table needs has every row rejected.
  mutating func takeLinks(_ read: consuming LinkFileRead) throws(ExtractReadError) {
    var (file, chunks) = try (consume read).get()
    guard file.absent.isEmpty else {
      try rejectFile(file.file, source: file.source, absent: file.absent)
      return
    }
    var totals = ChunkLedger(path: file.file.path)
    for c in chunks.indices {
      try absorb(chunks[c].0.ledger, firstLine: chunks[c].1, into: &totals)
      // Each chunk's links moved to the builder, not copied: the chunk lets go of them.
      let parts = chunks[c].0.parts
      chunks[c].0.parts = []
      for part in parts { builder.appendLinks(part.links, from: part.from) }
    }
    report(totals, file: file.file, source: file.source, warnings: [])
  }
}

/// A links table's file, matched to its columns (``ReadState/openLinkFile(_:)``): reads its
/// rows into chunks of links, each row's ids joined to persons on every core. Reading changes
/// nothing but the chunks, so the file can be read beside the event files.
final class LinkFile: @unchecked Sendable {
  let file: CSVFile
  let source: String
  /// Columns the table needs that the file lacks: then every row is rejected, unread here.
  let absent: [String]
  /// The positions of the own id, the linked id and the relation.
  private let positions: [Int]
  private let keys: KeyResolver
  private let filter: RowFilter
  /// The relations' names, and the source's codes for them.
  private let relations: RelationSpellings
  /// Whether each relation is symmetric (a link's reverse is added).
  private let symmetric: [Bool]
  private let keyName: String
  /// The relations' names, as a reject lists them.
  private let known: String

  init(
    file: CSVFile, source: String, absent: [String], positions: [Int], keys: KeyResolver,
    filter: RowFilter, relations: RelationSpellings,
    symmetric: [Bool], keyName: String, known: String
  ) {
    self.file = file
    self.source = source
    self.absent = absent
    self.positions = positions
    self.keys = keys
    self.filter = filter
    self.relations = relations
    self.symmetric = symmetric
    self.keyName = keyName
    self.known = known
  }

  /// The file's chunks in file order, each with the line it starts on (none when a column is
  /// absent).
  func read() throws(ExtractReadError) -> [(LinkChunk, Int)] {
    guard absent.isEmpty else { return [] }
    let (file, positions, keys, filter) = (self.file, self.positions, self.keys, self.filter)
    let relations = self.relations
    let (symmetric, keyName, known) = (self.symmetric, self.keyName, self.known)
    let (names, path) = (file.names, file.path)
    let persons = keys.persons
    let foreign = keys.isForeign
    var chunks: [(LinkChunk, Int)] = []
    try file.readChunks(
      { records in LinkChunk(path: path, records: records) },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        guard filter.isEmpty || filter.matches(record, base: base, scratch: scratch) else {
          chunk.ledger.skipped += 1
          return
        }
        let relationBytes = record.field(positions[2], in: base, scratch: scratch)
        let relation = relations.relation(of: relationBytes)
        // Made before the ids are read: a field unescaped into `scratch` overwrites the last.
        let unknownRelation = relation == nil ? String(decoding: relationBytes, as: UTF8.self) : nil
        /// Joins the row's own id `from` and linked id `to`.
        @inline(__always)
        func join(_ from: UnsafeBufferPointer<UInt8>, _ to: UnsafeBufferPointer<UInt8>) {
          // Most rows' ids are found beside the persons just found, at once; the rest are
          // looked up when the chunk is done (`finish`), a batch at a time.
          if !foreign, let relation, let (f, t) = chunk.nearby(from, to, in: persons) {
            chunk.take(line: record.line, from: f, to: t, relation: relation, symmetric: symmetric)
            return
          }
          var badRelation = -1
          if let unknownRelation {
            badRelation = chunk.badRelations.count
            chunk.badRelations.append(unknownRelation)
          }
          chunk.pending.append(
            LinkChunk.Pending(
              line: record.line, from: chunk.fromKey(from), to: chunk.key(to),
              relation: relation ?? -1, badRelation: badRelation))
        }
        let from = record.field(positions[0], in: base, scratch: scratch)
        guard record.escaped.isEmpty else {
          // A field with `""` in it: the own id copied before the linked id is unescaped.
          Array(from).withUnsafeBufferPointer {
            join($0, record.field(positions[1], in: base, scratch: scratch))
          }
          return
        }
        join(from, record.field(positions[1], in: base, scratch: scratch))
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      finish: { chunk in
        // Checked in the order a row's own checks run: its id, the linked id, the relation,
        // then that it links two people.
        // Rows of one person come together: a row whose id is its predecessor's (the same
        // key) takes its predecessor's person (an id not found is looked up again, to be
        // rejected with its reason).
        var previous: (key: LinkChunk.Key, person: Int)?
        let pending = chunk.pending
        // Each row's own id (`2 r`), but one that is the row before's, and linked id
        // (`2 r + 1`), looked up together first.
        let found =
          foreign
          ? []
          : persons.persons(count: 2 * pending.count) { i in
            let r = i >> 1
            guard i & 1 == 1 || r == 0 || !chunk.same(pending[r - 1].from, pending[r].from) else {
              return nil
            }
            return i & 1 == 0 ? pending[r].from.hash : pending[r].to.hash
          } lookUp: { i in
            chunk.index(of: i & 1 == 0 ? pending[i >> 1].from : pending[i >> 1].to, in: persons)
          }
        for r in pending.indices {
          let row = pending[r]
          let from: Int
          if let previous, chunk.same(previous.key, row.from) {
            from = previous.person
          } else if !foreign, found[2 * r] >= 0 {
            from = Int(found[2 * r])
            previous = (row.from, from)
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
          if !foreign, found[2 * r + 1] >= 0 {
            to = Int(found[2 * r + 1])
          } else {
            switch chunk.resolve(row.to, keys) {
            case .success(let index): to = index
            case .failure(let problem):
              chunk.ledger.reject(row.line, ReadState.linkColumns.to, problem.reason)
              continue
            }
          }
          if row.badRelation >= 0 {
            chunk.ledger.reject(
              row.line, ReadState.linkColumns.relation,
              "'\(chunk.badRelations[row.badRelation])' is not a known relation (expected one of \(known))"
            )
            continue
          }
          chunk.take(
            line: row.line, from: from, to: to, relation: row.relation, symmetric: symmetric)
        }
        chunk.pending = []
        chunk.keys = []
        chunk.separate()
      },
      merge: { chunk, firstLine in chunks.append((chunk, firstLine)) })
    return chunks
  }
}

/// The relation a links row's text names: the source's code for one, else a relation's name
/// (a code that means no relation is then read as a name). A text of a length that only one
/// code or name of at most 16 bytes has is told by comparing its bytes, as a
/// ``ByteSpellings/Key``, with that one's, with no hashing; any other is looked up.
struct RelationSpellings: Sendable {
  /// What the codes and names of one length are.
  private enum Length: Sendable {
    /// None is that long.
    case absent
    /// One is, with its key and the relation it names (`nil`: none).
    case one(ByteSpellings.Key, Int?)
    /// Several are.
    case several
  }

  private let names: ByteSpellings
  private let codes: ByteSpellings
  private let codeRelations: [Int?]
  /// By length, from 0 to 16 bytes.
  private let lengths: [Length]

  /// The relations' `names`, and the source's `codes` with the relation each means.
  init(names nameTexts: [String], codes codeTexts: [(code: String, relation: Int?)]) {
    let (names, codes, codeRelations) = (
      ByteSpellings(nameTexts), ByteSpellings(codeTexts.map(\.code)), codeTexts.map(\.relation)
    )
    (self.names, self.codes, self.codeRelations) = (names, codes, codeRelations)
    var lengths = [Length](repeating: .absent, count: 17)
    for spelling in Set(nameTexts + codeTexts.map(\.code)).map({ Array($0.utf8) }) {
      guard spelling.count < lengths.count else { continue }
      guard case .absent = lengths[spelling.count] else {
        lengths[spelling.count] = .several
        continue
      }
      lengths[spelling.count] = spelling.withUnsafeBufferPointer {
        .one(
          ByteSpellings.Key(UnsafeRawBufferPointer($0)),
          Self.lookUp($0, codes: codes, meaning: codeRelations, names: names))
      }
    }
    self.lengths = lengths
  }

  /// The relation `field` names, if any.
  @inline(__always)
  func relation(of field: UnsafeBufferPointer<UInt8>) -> Int? {
    guard field.count < lengths.count else { return lookUp(field) }
    switch lengths[field.count] {
    case .absent: return nil
    case .one(let key, let relation):
      return ByteSpellings.Key(UnsafeRawBufferPointer(field)) == key ? relation : nil
    case .several: return lookUp(field)
    }
  }

  /// The relation `field` names, looked up in the codes, then the names.
  private func lookUp(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
    Self.lookUp(field, codes: codes, meaning: codeRelations, names: names)
  }

  /// The relation `field` names, looked up in `codes` (each meaning the relation
  /// `codeRelations` gives), then `names`.
  private static func lookUp(
    _ field: UnsafeBufferPointer<UInt8>, codes: ByteSpellings, meaning codeRelations: [Int?],
    names: ByteSpellings
  ) -> Int? {
    codes.firstIndex(of: field).flatMap { codeRelations[$0] } ?? names.firstIndex(of: field)
  }
}

/// A links file's chunks in file order, each with the line it starts on, or why it could not
/// be read.
typealias LinkFileRead = Result<(file: LinkFile, chunks: [(LinkChunk, Int)]), ExtractReadError>

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

/// An event file's chunks in file order, each with the line it starts on, or why it could
/// not be read.
typealias EventFileRead = Result<(file: EventFile, chunks: [(EventChunk, Int)]), ExtractReadError>

/// The event tables that share one file, matched to its columns (``ReadState/openEventFile(_:)``):
/// reads the file's rows into chunks, each row given to the first table whose `where:` takes
/// it, joined to its person and parsed into that list's columns on every core. A row no
/// table takes is skipped (and counted). Reading changes nothing but the chunks, so several
/// files can be read at once.
final class EventFile: @unchecked Sendable {
  let file: CSVFile
  let source: String
  let members: [EventMember]
  let warnings: [String]
  let persons: PersonIndex

  init(
    file: CSVFile, source: String, members: [EventMember], warnings: [String],
    persons: PersonIndex
  ) {
    self.file = file
    self.source = source
    self.members = members
    self.warnings = warnings
    self.persons = persons
  }

  /// The file's chunks in file order, each with the line it starts on.
  func read() throws(ExtractReadError) -> [(EventChunk, Int)] {
    let names = file.names
    let path = file.path
    let group = members
    let persons = self.persons
    // Shared unretained by the workers (the members keep them alive): taking a class out of
    // an array per row retains and releases it, and the cores contend for its count.
    let readers = members.map { $0.readers.map { Unmanaged.passUnretained($0) } }
    let unretained = members.map { Unmanaged.passUnretained($0) }
    let resolvers = members.map { Unmanaged.passUnretained($0.keys) }
    // Tables told apart by one column's value find a row's table with one lookup.
    let dispatch = RowFilter.Dispatch(members.map(\.filter))
    var chunks: [(EventChunk, Int)] = []
    try file.readChunks(
      { records in EventChunk(path: path, members: group, records: records) },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        let taken =
          if let dispatch {
            dispatch.table(of: record, base: base, scratch: scratch)
          } else {
            group.firstIndex(where: {
              $0.filter.isEmpty || $0.filter.matches(record, base: base, scratch: scratch)
            })
          }
        guard let m = taken else {
          chunk.ledger.skipped += 1
          return
        }
        unretained[m]._withUnsafeGuaranteedRef { member in
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
            hashed: !member.keys.isForeign, file: record.escaped.isEmpty ? base : nil)
          for column in member.positions {
            chunk.keep(field: record.field(column, in: base, scratch: scratch))
          }
        }
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      finish: { chunk in
        let (kept, spans, pending) = (chunk.kept, chunk.spans, chunk.pending)
        (chunk.kept, chunk.spans, chunk.pending) = ([], [], [])
        // The file stays mapped while its chunks are read.
        let file = UnsafePointer<UInt8>(bitPattern: chunk.fileBase)
        // A row whose key is the row before's (an event file sorted by person) takes that
        // row's person, when it was found, without a lookup.
        var previous: (member: Int, key: UnsafeBufferPointer<UInt8>, person: Int)?
        // Every table's columns in one buffer, taken out of the chunk for its rows: a row's
        // values go straight into its table's, with no array taken out or checked a row.
        var builders = chunk.columns.flatMap { $0 }
        let firstColumn = chunk.columns.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        chunk.columns = []
        builders.withUnsafeMutableBufferPointer { builders in
          kept.withUnsafeBufferPointer { kept in
            spans.withUnsafeBufferPointer { spans in
              func key(_ r: Int) -> UnsafeBufferPointer<UInt8> {
                EventChunk.bytes(
                  pending[r].fields, of: pending[r], spans: spans, kept: kept, file: file)
              }
              // The rows' ids looked up together first, but one that is the row before's.
              let found = persons.persons(count: pending.count) { r in
                let row = pending[r]
                guard row.hashed else { return nil }
                let repeated =
                  r > 0 && pending[r - 1].member == row.member
                  && LinkChunk.equal(key(r - 1), key(r))
                return repeated ? nil : row.hash
              } lookUp: { r in
                persons.index(of: key(r), hash: pending[r].hash)
              }
              for r in pending.indices {
                let row = pending[r]
                let m = row.member
                func field(_ n: Int) -> UnsafeBufferPointer<UInt8> {
                  EventChunk.bytes(
                    row.fields + 1 + n, of: row, spans: spans, kept: kept, file: file)
                }
                let key = key(r)
                let person: Int
                if let previous, previous.member == m, LinkChunk.equal(previous.key, key) {
                  person = previous.person
                } else if row.hashed, found[r] >= 0 {
                  person = Int(found[r])
                  previous = (m, key, person)
                } else {
                  // A partner's id, joined through the linkage, or an id no person has.
                  switch resolvers[m]._withUnsafeGuaranteedRef({ $0.resolve(key, hash: row.hash) })
                  {
                  case .success(let index):
                    person = index
                    previous = (m, key, index)
                  case .failure(let problem):
                    if let unmatched = problem.unmatched { chunk.ledger.unmatched.count(unmatched) }
                    if problem.caseMismatch { chunk.ledger.caseMismatches += 1 }
                    chunk.ledger.reject(row.line, group[m].keyName, problem.reason)
                    continue
                  }
                }
                let columns = UnsafeMutableBufferPointer(
                  rebasing: builders[firstColumn[m]..<firstColumn[m + 1]])
                if EventChunk.parse(into: columns, readers: readers, member: m, field: field) {
                  chunk.persons[m].append(Int32(person))
                  chunk.ledger.used += 1
                  continue
                }
                // A row the fast path refused: read again, value by value, to say why.
                chunk.values.removeAll(keepingCapacity: true)
                var rejected = false
                for n in readers[m].indices {
                  let bytes = field(n)
                  let read = readers[m][n]._withUnsafeGuaranteedRef { reader in
                    reader.value(bytes, strings: &chunk.strings).map(Result.success)
                      ?? reader.read(bytes)
                  }
                  switch read {
                  case .success(.missing) where n == 0:
                    chunk.ledger.reject(row.line, "date", "an event must have a date")
                    rejected = true
                  case .success(let value): chunk.values.append(value)
                  case .failure(let problem) where problem.keepsRow:
                    chunk.ledger.keep(row.line, group[m].fields[n].name, problem)
                    chunk.values.append(.missing)
                  case .failure(let problem):
                    chunk.ledger.reject(row.line, group[m].fields[n].name, problem.message)
                    rejected = true
                  }
                  if rejected { break }
                }
                if rejected { continue }
                for (c, value) in chunk.values.enumerated() { columns[c].append(value) }
                chunk.persons[m].append(Int32(person))
                chunk.ledger.used += 1
              }
            }
          }
        }
        chunk.columns = firstColumn.indices.dropLast().map {
          Array(builders[firstColumn[$0]..<firstColumn[$0 + 1]])
        }
      },
      merge: { chunk, firstLine in chunks.append((chunk, firstLine)) })
    return chunks
  }
}

/// One chunk of a file's event tables: rows waiting for their keys to be looked up, then
/// each table's events, by column, and whose they are.
struct EventChunk: Sendable {
  /// A row taken by a table but not yet joined and parsed: its key's bytes are span
  /// `fields` of ``spans``, its table's field `n` span `fields + 1 + n`.
  struct Pending: Sendable {
    var line: Int
    var member: Int
    var fields: Int
    /// Whether the row's spans are in the file (a record with no escaped field), else in
    /// ``kept``.
    var inFile: Bool
    /// Whether `hash` is the key's ``PersonIndex/hash(_:)`` (keys of the pack's own ids).
    var hashed: Bool
    var hash: UInt64
  }

  var ledger: ChunkLedger
  var persons: [[Int32]]
  var columns: [[ColumnBuilder]]
  var pending: [Pending] = []
  /// The key and field bytes of the pending rows with an escaped field (unescaped, so not in
  /// the file), one after another.
  var kept: [UInt8] = []
  /// Where each pending row's key and fields start and end (two entries each): in the file,
  /// from ``fileBase``, or in ``kept`` (``Pending/inFile``).
  var spans: [Int] = []
  /// The address of the file's first byte, which the spans in the file start from.
  var fileBase = 0
  /// One row's values, reused.
  var values: [FieldValue] = []
  /// The chunk's string values, each distinct one made once.
  var strings = StringInterner()

  /// An empty chunk with room for about `records` rows' keys and fields.
  init(path: String, members: [EventMember], records: Int) {
    ledger = ChunkLedger(path: path)
    persons = members.map { _ in [] }
    columns = members.map { $0.empty.map { ColumnBuilder($0, capacity: 0) } }
    pending.reserveCapacity(records)
    spans.reserveCapacity(2 * records * (1 + (members.map(\.positions.count).max() ?? 0)))
  }

  /// Keeps a row taken by table `member`, and its key (hashed for the person index when
  /// `hashed`); its fields follow with ``keep(field:)``. With `file` (the file's first byte,
  /// for a record with no escaped field, whose fields are all in the file) only where the
  /// bytes are is kept; else the bytes themselves (an unescaped field's are overwritten by the
  /// next one's).
  mutating func keep(
    row line: Int, member: Int, key: UnsafeBufferPointer<UInt8>, hashed: Bool,
    file: UnsafePointer<UInt8>?
  ) {
    if let file { fileBase = Int(bitPattern: file) }
    pending.append(
      Pending(
        line: line, member: member, fields: spans.count / 2, inFile: file != nil,
        hashed: hashed, hash: hashed ? PersonIndex.hash(key) : 0))
    keep(field: key)
  }

  /// Parses a row of table `member` straight into its columns (``FieldReader/parse(_:into:)``:
  /// no ``FieldValue``, no `Result`) with the readers `readers[member]` (each table's, passed
  /// whole: taking out one table's array would retain it, a count both cores write): `true`
  /// when every value is read and the first (the date) is not missing; else `false`, with
  /// nothing appended, and the row takes the general path, which says why.
  static func parse(
    into columns: UnsafeMutableBufferPointer<ColumnBuilder>, readers: [[Unmanaged<FieldReader>]],
    member: Int, field: (Int) -> UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for n in columns.indices {
      let parsed = readers[member][n]._withUnsafeGuaranteedRef {
        $0.parse(field(n), into: &columns[n])
      }
      guard parsed, n > 0 || !columns[0].lastIsMissing else {
        for c in 0..<(parsed ? n + 1 : n) { columns[c].removeLast() }
        return false
      }
    }
    return true
  }

  /// Keeps the next field of the last row kept.
  mutating func keep(field: UnsafeBufferPointer<UInt8>) {
    if pending[pending.count - 1].inFile, let start = field.baseAddress {
      let offset = Int(bitPattern: start) - fileBase
      spans.append(offset)
      spans.append(offset + field.count)
    } else {
      spans.append(kept.count)
      kept.append(contentsOf: field)
      spans.append(kept.count)
    }
  }

  /// The bytes of span `n` of a pending row (``Pending/fields``), while `kept` is this
  /// chunk's ``kept`` and the file is mapped.
  static func bytes(
    _ n: Int, of row: Pending, spans: UnsafeBufferPointer<Int>, kept: UnsafeBufferPointer<UInt8>,
    file: UnsafePointer<UInt8>?
  ) -> UnsafeBufferPointer<UInt8> {
    let (start, end) = (spans[2 * n], spans[2 * n + 1])
    if row.inFile, let file { return UnsafeBufferPointer(start: file + start, count: end - start) }
    return UnsafeBufferPointer(rebasing: kept[start..<end])
  }
}

/// One chunk of a links table: rows waiting for their ids to be looked up, then the links.
struct LinkChunk: Sendable {
  /// An id kept for its lookup: an id of eight bytes (the common length) held as one word,
  /// any other kept in `keys`; and its ``PersonIndex/hash(_:)``.
  struct Key: Sendable {
    /// The id's bytes when it has eight, else 0.
    var word: UInt64
    /// Where in `keys` an id of another length starts.
    var start: Int32
    var count: Int32
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
  /// The links joined, a link of a symmetric relation marked as standing also for its
  /// reverse (``PersonLink/addingReverse``): one stored link a row.
  var links: [PersonLink] = []
  /// The least and greatest person of the rows' own ids (`Int.max` and `Int.min` while no
  /// link is joined).
  private var rows = (least: Int.max, greatest: Int.min)
  /// Where in `links` the marked links are whose reverse may start far from the rows'
  /// persons (more than ``nearRows`` from their own), for ``separate()`` to check.
  private var far: [Int] = []
  /// The links once the chunk is done (``separate()``): those that start near the rows'
  /// persons, and those that start elsewhere.
  var parts: [LinkGrouping.Part] = []
  var pending: [Pending] = []
  /// The bytes of the pending rows' ids that are not eight bytes long, one after another.
  var keys: [UInt8] = []
  /// The relation texts that name no relation, for the rows' rejects.
  var badRelations: [String] = []
  /// The last row's own id (`fromKey(_:)`).
  private var lastFrom: Key?
  /// The person of the last own id ``nearby(_:_:in:)`` found, or -1.
  private var lastPerson = -1
  /// How many rows ``nearby(_:_:in:)`` has tried, and found both persons of.
  private var nearbyTried = 0
  private var nearbyFound = 0

  /// An empty chunk with room for about `records` links.
  init(path: String, records: Int) {
    ledger = ChunkLedger(path: path)
    links.reserveCapacity(records)
    pending.reserveCapacity(records)
  }

  /// How many persons after the last row's person, and either side of a row's own person,
  /// ``nearby(_:_:in:)`` looks at.
  static let reach = 8

  /// The persons of a row's own and linked ids, when each is found beside a person just
  /// found, without a hash lookup: a links file lists a person's links together, persons in
  /// the order of their ids, and links most to those listed beside them (a family). The own
  /// id is the last row's person or one of the few after it (else it is looked up, to find
  /// the rows after it beside it); the linked id one of the few either side of the row's
  /// person. `nil` when either is not (the row is then joined in full at the chunk's end), or
  /// once most of the chunk's first rows were not: the file is not in that order.
  mutating func nearby(
    _ from: UnsafeBufferPointer<UInt8>, _ to: UnsafeBufferPointer<UInt8>, in persons: PersonIndex
  ) -> (from: Int, to: Int)? {
    guard nearbyTried < 256 || nearbyFound * 2 >= nearbyTried else { return nil }
    nearbyTried += 1
    let own =
      (lastPerson >= 0 ? persons.index(of: from, among: lastPerson, count: Self.reach + 1) : nil)
      ?? persons.index(of: from, hash: PersonIndex.hash(from))
    guard let own else {
      lastPerson = -1
      return nil
    }
    lastPerson = own
    for distance in 1...Self.reach {
      if persons.isID(of: own + distance, to) {
        nearbyFound += 1
        return (own, own + distance)
      }
      if persons.isID(of: own - distance, to) {
        nearbyFound += 1
        return (own, own - distance)
      }
    }
    return nil
  }

  /// Takes a row whose ids are joined: a link of a person to themselves is rejected, any
  /// other kept (marked as standing also for its reverse when the relation is symmetric).
  mutating func take(line: Int, from: Int, to: Int, relation: Int, symmetric: [Bool]) {
    guard from != to else {
      ledger.reject(line, ReadState.linkColumns.to, "a person cannot be linked to themselves")
      return
    }
    let link = PersonLink(from: from, to: to, relation: relation)
    if symmetric[relation] {
      if abs(to - from) > Self.nearRows { far.append(links.count) }
      links.append(link.addingReverse)
    } else {
      links.append(link)
    }
    rows = (min(rows.least, from), max(rows.greatest, from))
    ledger.used += 1
  }

  /// How many persons either side of the rows' own persons a link may start at and still be
  /// kept with them (a family's reverse links).
  static let nearRows = 64

  /// Splits the links into ``parts``, each with the persons its links start at: the rows'
  /// links, which start at the rows' own persons, with the reverses that start within
  /// ``nearRows`` of them (a family's), those standing for them (``PersonLink/addingReverse``);
  /// and the reverses that start elsewhere (links to co-offenders, or any in a file out of
  /// order), written out, their links unmarked. Each person's links come in the order the
  /// rows' links and reverses came, each reverse after its link. Grouping then reads only the
  /// parts that start at a core's persons. Only the links noted ``far`` are looked at: a
  /// reverse starting within ``nearRows`` of its link's person starts near the rows'.
  mutating func separate() {
    guard rows.least <= rows.greatest else { return }
    let near = (rows.least - Self.nearRows)...(rows.greatest + Self.nearRows)
    var strays: [PersonLink] = []
    var (least, greatest) = (Int.max, Int.min)
    links.withUnsafeMutableBufferPointer { links in
      for i in far where !near.contains(links[i].to) {
        let link = links[i].unmarked
        links[i] = link
        strays.append(link.reverse)
        (least, greatest) = (min(least, link.to), max(greatest, link.to))
      }
    }
    parts = [LinkGrouping.Part(links: links, from: near)]
    if !strays.isEmpty { parts.append(LinkGrouping.Part(links: strays, from: least...greatest)) }
    links = []
    far = []
  }

  /// Keeps an id for the lookup at the chunk's end.
  mutating func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
    let hash = PersonIndex.hash(bytes)
    if bytes.count == 8 {
      return Key(
        word: UnsafeRawBufferPointer(bytes).loadUnaligned(as: UInt64.self), start: 0, count: 8,
        hash: hash)
    }
    let start = keys.count
    keys.append(contentsOf: bytes)
    return Key(word: 0, start: Int32(start), count: Int32(bytes.count), hash: hash)
  }

  /// ``key(_:)`` for a row's own id: the last row's key when the bytes are the same (a
  /// links file lists a person's links together), so it is neither kept nor hashed again.
  mutating func fromKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Key {
    if let last = lastFrom, Int(last.count) == bytes.count {
      if bytes.count == 8 {
        if last.word == UnsafeRawBufferPointer(bytes).loadUnaligned(as: UInt64.self) {
          return last
        }
      } else if withBytes(of: last, { Self.equal(bytes, $0) }) {
        return last
      }
    }
    let made = key(bytes)
    lastFrom = made
    return made
  }

  /// Whether two kept ids are the same bytes.
  func same(_ a: Key, _ b: Key) -> Bool {
    guard a.count == b.count else { return false }
    if a.count == 8 { return a.word == b.word }
    return withBytes(of: a) { x in withBytes(of: b) { y in Self.equal(x, y) } }
  }

  /// Whether two ids have the same bytes.
  static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let x = a.baseAddress, let y = b.baseAddress else { return true }
    return memcmp(x, y, a.count) == 0
  }

  /// Calls `body` with a kept id's bytes.
  func withBytes<R>(of key: Key, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if key.count == 8 {
      return withUnsafeBytes(of: key.word) { body($0.assumingMemoryBound(to: UInt8.self)) }
    }
    return keys.withUnsafeBufferPointer {
      body(UnsafeBufferPointer(rebasing: $0[Int(key.start)..<Int(key.start + key.count)]))
    }
  }

  /// The person a kept id of the pack's own ids names, found in `persons`, if any (the
  /// fast path: ``resolve(_:_:)`` says why there is none).
  @inline(__always)
  func index(of key: Key, in persons: PersonIndex) -> Int? {
    withBytes(of: key) { persons.index(of: $0, hash: key.hash) }
  }

  /// The person a kept id names.
  func resolve(_ key: Key, _ resolver: KeyResolver) -> Result<Int, KeyResolver.Problem> {
    withBytes(of: key) { resolver.resolve($0, hash: key.hash) }
  }
}
