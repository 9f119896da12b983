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

  /// The input folder.
  let directory: String
  /// The population as it is built.
  var builder: PopulationBuilder
  /// For each field, then each person, the precedence rank of the source its value came from
  /// (`UInt8.max` while unset): a field's ranks in one array, so that a chunk's merge of a
  /// column reads and writes them in order, not one byte in every person's stride.
  private var ranks: [[UInt8]]
  /// Whether any supplied table maps each person field.
  private var fieldMapped: [Bool]
  /// The linkage file, once read.
  var linkage: LinkageIndex?
  /// Each NDJSON file's report, by path, for the second pass's rejects.
  var nestedReports: [String: Int] = [:]
  /// Events and links of nested (NDJSON) persons, added once every person is known.
  var pendingNested: [NestedPerson] = []
  /// Person fields mapped or derived, by source and field.
  private var sourceMapped: Set<SourceField> = []
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

  init(schema: Schema, strict: Bool, directory: String) {
    self.schema = schema
    ranks = schema.personFields.map { _ in [] }
    self.strict = strict
    self.directory = directory
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

  /// Takes in a merged chunk's rejects, their lines made the file's; a stray quote fails the
  /// file, and under `--strict` the first reject ends the read.
  mutating func absorb(_ ledger: ChunkLedger, firstLine: Int, into totals: inout ChunkLedger)
    throws(ExtractReadError)
  {
    if var fatal = ledger.fatal {
      fatal.reject.line += firstLine
      throw fatal
    }
    // Rows rejected while tokenizing and while merging, in line order.
    let ordered = ledger.rejects.enumerated().sorted {
      ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
    }
    for (_, var reject) in ordered {
      reject.line += firstLine
      if strict { throw ExtractReadError(reject: reject) }
      rejects.append(reject)
    }
    totals.read += ledger.read
    totals.used += ledger.used
    totals.rejected += ledger.rejected
    totals.skipped += ledger.skipped
    totals.unmatched.add(ledger.unmatched)
    totals.caseMismatches += ledger.caseMismatches
    if totals.invalidUTF8 == nil, let invalid = ledger.invalidUTF8 {
      totals.invalidUTF8 = (invalid.line + firstLine, invalid.windows1252)
    }
    totals.keptUnknown += ledger.keptUnknown
    for example in ledger.keptExamples where totals.keptExamples.count < 5 {
      totals.keptExamples.append((example.line + firstLine, example.field, example.value))
    }
  }

  /// Reports a file from its totals; warnings from the header and the encoding are added.
  /// Its SHA-256 is filled in once the read is done (``FileDigests``).
  mutating func report(
    _ totals: ChunkLedger, file: CSVFile, source: String, warnings: [String]
  ) {
    var warnings = file.headerProblems + warnings
    if let (line, windows) = totals.invalidUTF8 {
      warnings.append(
        "the file is not UTF-8 (first at line \(line)); it looks \(windows ? "Windows-1252" : "Latin-1") encoded"
      )
    }
    if totals.keptUnknown > 0 {
      let examples = totals.keptExamples.map { "line \($0.line) \($0.field) '\($0.value)'" }
      warnings.append(
        "\(totals.keptUnknown) row\(totals.keptUnknown == 1 ? "" : "s") kept with a code outside the code list, the value unknown: "
          + examples.joined(separator: ", ") + (totals.keptUnknown > examples.count ? ", …" : ""))
    }
    if totals.caseMismatches > 0 {
      warnings.append(
        "\(totals.caseMismatches) unmatched id\(totals.caseMismatches == 1 ? " is" : "s are") in the linkage in another case: the systems may spell ids differently (upper and lower case)"
      )
    }
    files.append(
      FileReport(
        path: file.path, source: source, sha256: "", rowsRead: totals.read,
        rowsUsed: totals.used, rowsRejected: totals.rejected, rowsSkipped: totals.skipped,
        unmatched: totals.unmatched, warnings: warnings, caseMismatches: totals.caseMismatches))
  }

  /// Rejects every row of a file that lacks columns its mapping needs, and reports the file.
  mutating func rejectFile(_ file: CSVFile, source: String, absent: [String])
    throws(ExtractReadError)
  {
    let names = absent.joined(separator: "', '")
    let reason = "the file has no column '\(names)'"
    let field = absent.first
    let header = file.names
    var totals = ChunkLedger(path: file.path)
    try file.readChunks(
      { _ in ChunkLedger(path: file.path) },
      row: { ledger, record, base, _ in
        if ledger.accept(record, names: header, base: base) {
          ledger.reject(record.line, field, reason)
        }
      },
      problem: { ledger, line, problem in ledger.problem(line, problem) },
      merge: { (ledger, firstLine) throws(ExtractReadError) in
        try absorb(ledger, firstLine: firstLine, into: &totals)
      })
    report(
      totals, file: file, source: source,
      warnings: ["missing columns: \(absent.joined(separator: ", "))"])
  }

  // MARK: Person tables

  /// Reads a table of person fields. A table keyed by the pack's person id adds persons; one
  /// keyed by another id system is joined through the linkage file to persons already known.
  /// With `rows: many`, a person's rows are combined by the table's derived fields.
  ///
  /// Chunks of the file are tokenized and their values parsed on every core
  /// (``OpenPersonTable``); the rows are then taken in file order to add persons and settle
  /// duplicates. The rows `derive` reads are gathered in `collected`, across every file of
  /// the table (a glob of termly returns), and combined by
  /// ``derive(_:derivations:source:)`` once the last file is read.
  mutating func readPersonTable(
    _ open: OpenPersonTable, collecting collected: inout DerivationRows
  ) throws(ExtractReadError) {
    let table = open.table
    let file = try open.file.get()
    let key = table.table.keyColumn
    guard open.keyColumn != nil else {
      try rejectFile(file, source: table.source.id, absent: [key])
      return
    }
    for (field, _, _, _) in open.mapped { markMapped(field, source: table.source.id) }
    for field in open.derived { markMapped(field, source: table.source.id) }
    let isForeign = table.table.idSystem != nil
    // Room for the persons this table may add, made at its first merge: the workers are
    // then already reading the first chunks, so the allocation does not hold up both cores.
    var reserve = isForeign ? nil : max(builder.count, file.estimatedRecords)
    // The persons known now, for the workers to find rows' ids in; let go at the end, so
    // that the next table's additions do not copy the index.
    if !isForeign, builder.count > 0 { open.known.index = builder.index }
    defer { open.known.index = nil }
    // New ids that come in order are added without a probe, and placed in the index at the
    // end (``PopulationBuilder/personInOrder(bytes:hash:)``).
    defer { builder.placeIDs() }
    let fieldCount = open.mapped.count
    let inputCount = open.inputCount
    let keepInputs = !open.derivations.isEmpty
    var totals = ChunkLedger(path: table.path)
    var seenPersonsSet = PersonFlags(count: builder.count)
    var seenRejectedSet = PersonIndex()
    var seenForeignSet = PersonIndex()
    let manyRows = table.table.manyRows
    let system = table.table.idSystem ?? "person"
    let targets = open.mapped.map(\.field)
    let ranked = targets.map { rank(of: table.source.id, for: $0) }
    // Whether the workers find rows' persons (``PersonChunk/findKnownPersons(in:)``).
    let findsKnown = !isForeign && builder.count > 0
    try open.chunks?.merge { (chunk, firstLine) throws(ExtractReadError) in
      var chunk = chunk
      if let count = reserve {
        reservePersons(count)
        reserve = nil
      }
      // A chunk whose ids ascend from past every id so far (a register sorted by id) is a
      // run of new persons, every row used: added at once, with no lookup or check a row.
      if !isForeign, chunk.idsAscending, manyRows || seenRejectedSet.count == 0,
        let first = addRun(of: chunk)
      {
        let count = chunk.rows.count
        seenPersonsSet.insert(first..<first + count)
        if keepInputs {
          for (r, row) in chunk.rows.enumerated() {
            collected.append(
              .object(
                RowObject(
                  values: Array(chunk.inputs[row.inputStart..<row.inputStart + inputCount]))),
              of: first + r)
          }
        }
        var ledger = chunk.ledger
        ledger.used += count
        addRanks()
        for n in 0..<fieldCount {
          mergeRun(targets[n], from: chunk.columns[n], first: first, rank: ranked[n])
        }
        try absorb(ledger, firstLine: firstLine, into: &totals)
        open.spareChunks.put(chunk)
        return
      }
      // A chunk read before the merge began (the workers move on to a table's first chunks
      // while the table before merges) has its rows' persons found here, together.
      if findsKnown, chunk.known == nil, !builder.placesIDsLater {
        chunk.findKnownPersons(in: builder.index)
      }
      var ledger = chunk.ledger
      // The duplicate sets are taken out of their captured variables for the chunk, so
      // that each row does not pay for an exclusive access to a captured box.
      var seenPersons = PersonFlags(count: 0)
      var seenRejected = PersonIndex()
      var seenForeign = PersonIndex()
      swap(&seenPersons, &seenPersonsSet)
      swap(&seenRejected, &seenRejectedSet)
      swap(&seenForeign, &seenForeignSet)
      defer {
        swap(&seenPersons, &seenPersonsSet)
        swap(&seenRejected, &seenRejectedSet)
        swap(&seenForeign, &seenForeignSet)
      }
      let rows = chunk.rows
      // The rows used and their persons, whose fields are taken in one pass per column.
      var usedRows: [Int32] = []
      var usedPersons: [Int32] = []
      usedRows.reserveCapacity(rows.count)
      usedPersons.reserveCapacity(rows.count)
      // The index's slot of each row the workers did not find is prefetched `ahead` rows
      // before the row is merged, one a row, so that its cache miss overlaps with the
      // merge of the rows between rather than stalling its row.
      // (A batch's slots read in one loop before the batch, as before, waited on each miss;
      // a batch's prefetches at once filled the core's line fill buffers and stalled.)
      // While ids come in order (the last was added without a probe), none is prefetched.
      let ahead = 16
      if !isForeign, !builder.placesIDsLater {
        for row in rows.prefix(ahead) where row.person < 0 { builder.prefetch(hash: row.keyHash) }
      }
      for (r, row) in rows.enumerated() {
        if !isForeign, !builder.placesIDsLater, r + ahead < rows.count, rows[r + ahead].person < 0 {
          builder.prefetch(hash: rows[r + ahead].keyHash)
        }
        let id = chunk.keys.withUnsafeBufferPointer {
          UnsafeBufferPointer(rebasing: $0[row.keyStart..<row.keyEnd])
        }
        // A usable row keyed by the pack's own ids is looked up and added in one probe,
        // unless a worker found its person already.
        var added: (index: Int, inserted: Bool)?
        if !isForeign {
          if row.person >= 0 {
            added = (row.person, false)
          } else if row.problem < 0,
            manyRows || seenRejected.count == 0
              || seenRejected.index(of: id, hash: row.keyHash) == nil
          {
            added = builder.personInOrder(bytes: id, hash: row.keyHash)
          }
        }
        if !manyRows {
          let duplicate: Bool
          if isForeign {
            duplicate = !seenForeign.insert(id, hash: row.keyHash).inserted
          } else if let (p, inserted) = added {
            duplicate = !inserted && seenPersons.contains(p)
          } else if let p = builder.find(bytes: id, hash: row.keyHash) {
            duplicate = seenPersons.contains(p)
          } else {
            duplicate = seenRejected.index(of: id, hash: row.keyHash) != nil
          }
          if duplicate {
            ledger.reject(
              row.line, key, "duplicate \(system) id '\(String(decoding: id, as: UTF8.self))'")
            continue
          }
        }
        if row.problem >= 0 {
          let (field, reason, unmatched) = chunk.problems[row.problem]
          if let unmatched { ledger.unmatched.count(unmatched) }
          if !isForeign, !manyRows {
            if let p = added?.index ?? builder.find(bytes: id, hash: row.keyHash),
              p < seenPersons.count
            {
              seenPersons.insert(p)
            } else {
              _ = seenRejected.insert(id, hash: row.keyHash)
            }
          }
          ledger.reject(row.line, field, reason)
          continue
        }
        let person: Int
        if isForeign {
          person = row.person
        } else {
          guard let (p, _) = added else { continue }
          person = p
          seenPersons.insert(person)
        }
        usedRows.append(Int32(r))
        usedPersons.append(Int32(person))
        if keepInputs {
          collected.append(
            .object(
              RowObject(
                values: Array(chunk.inputs[row.inputStart..<row.inputStart + inputCount]))),
            of: person)
        }
        ledger.used += 1
      }
      // The ranks of the persons the chunk added, all at once.
      addRanks()
      for n in 0..<fieldCount {
        mergeField(
          targets[n], from: chunk.columns[n], rows: usedRows, into: usedPersons,
          rank: ranked[n])
      }
      try absorb(ledger, firstLine: firstLine, into: &totals)
      open.spareChunks.put(chunk)
    }
    withExtendedLifetime(open.mapped) {}
    report(totals, file: file, source: table.source.id, warnings: open.warnings)
    for (field, text) in open.missingFields {
      pendingWarnings.append((files.count - 1, table.source.id, field, text))
    }
  }

  /// Adds the rows of a chunk whose ids ascend (``PersonChunk/idsAscending``) as new
  /// persons, when the first id comes after every id so far; the first's index, or `nil`
  /// when nothing was added.
  private mutating func addRun(of chunk: PersonChunk) -> Int? {
    let ends = chunk.rows.map { Int32($0.keyEnd) }
    let hashes = chunk.rows.map(\.keyHash)
    return chunk.keys.withUnsafeBufferPointer { keys in
      ends.withUnsafeBufferPointer { ends in
        hashes.withUnsafeBufferPointer { builder.appendInOrder(keys, ends: ends, hashes: $0) }
      }
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

  /// Gives each person with no rows in a `rows: many` table the table's `default:` values.
  mutating func applyDefaults(_ table: ExtractReader.SuppliedTable, rows collected: DerivationRows)
    throws(ExtractReadError)
  {
    for (name, text) in table.table.defaults {
      guard let field = schema.personFields.firstIndex(where: { $0.name == name }) else {
        continue
      }
      let declaration = schema.personFields[field]
      guard
        case .success(let value) = table.parser.parse(
          text, as: declaration.type, codeList: declaration.name)
      else {
        throw ExtractReadError(
          kind: .unreadableFile,
          reject: Reject(
            file: table.path, line: 0, field: name,
            reason: "default '\(text)' is not a value of \(declaration.type)"))
      }
      for person in 0..<builder.count where collected.rows[person] == nil {
        setField(field, value, of: person, source: table.source.id)
      }
    }
  }

  /// Reports the person fields a file lacks a column for, unless another file of the same
  /// source supplies them (a partner's census and its termly attendance returns, say).
  mutating func settleWarnings() {
    for (file, source, field, text) in pendingWarnings
    where !sourceMapped.contains(SourceField(source: source, field: field)) {
      files[file].warnings.append(text)
    }
    pendingWarnings = []
  }

  /// Stores field values found for a person. When several sources supply a field, the one
  /// first in the field's precedence wins; within a source, the first row with a value.
  mutating func setFields(_ parsed: [(Int, FieldValue)], of person: Int, source: String) {
    for (field, value) in parsed { setField(field, value, of: person, source: source) }
  }

  mutating func setField(_ field: Int, _ value: FieldValue, of person: Int, source: String) {
    setField(field, value, of: person, rank: rank(of: source, for: field))
  }

  /// Stores a value from a source of precedence `rank` (``rank(of:for:)``), unless a source
  /// earlier in the field's precedence already gave one.
  @inline(__always)
  mutating func setField(_ field: Int, _ value: FieldValue, of person: Int, rank: UInt8) {
    if case .missing = value { return }
    guard rank < ranks[field][person] else { return }
    ranks[field][person] = rank
    builder.setField(field, of: person, to: value)
  }

  /// Takes a chunk's values of a person field, row `rows[i]` for person `persons[i]`, each
  /// stored as ``setField(_:_:of:rank:)`` would store it.
  mutating func mergeField(
    _ field: Int, from column: ColumnBuilder, rows: [Int32], into persons: [Int32], rank: UInt8
  ) {
    ranks[field].withUnsafeMutableBufferPointer { ranks in
      guard let base = ranks.baseAddress else { return }
      builder.mergeField(
        field, from: column, rows: rows, into: persons, rank: rank, ranks: base, stride: 1)
    }
  }

  /// ``mergeField(_:from:rows:into:rank:)`` of every row of `column`, in order, into new
  /// persons from `first` on (``Column/mergeRun(_:first:rank:ranks:stride:)``).
  mutating func mergeRun(_ field: Int, from column: ColumnBuilder, first: Int, rank: UInt8) {
    ranks[field].withUnsafeMutableBufferPointer { ranks in
      guard let base = ranks.baseAddress else { return }
      builder.mergeRun(field, from: column, first: first, rank: rank, ranks: base, stride: 1)
    }
  }

  /// The place of `source` in the field's precedence (0 first).
  func rank(of source: String, for field: Int) -> UInt8 {
    let sources = schema.personFields[field].sources
    return UInt8(clamping: sources.firstIndex(of: source) ?? Int(UInt8.max - 1))
  }

  /// Hands the builder over once reading is done (the state keeps an empty one, and drops
  /// the field ranks), so that building the population does not copy what it holds.
  mutating func takeBuilder() -> PopulationBuilder {
    var taken = PopulationBuilder(schema: schema)
    swap(&taken, &builder)
    ranks = []
    return taken
  }

  /// Marks a person field as supplied by some table of a source.
  mutating func markMapped(_ field: Int, source: String) {
    fieldMapped[field] = true
    sourceMapped.insert(SourceField(source: source, field: field))
  }

  /// Whether a supplied table of `source` maps or derives the person field.
  func isMapped(_ field: Int, by source: String) -> Bool {
    sourceMapped.contains(SourceField(source: source, field: field))
  }

  /// A person field (by index) as one source maps it.
  private struct SourceField: Hashable {
    var source: String
    var field: Int
  }

  mutating func personIndex(_ id: String) -> Int {
    var id = id
    return id.withUTF8 { personIndex(bytes: $0) }
  }

  /// The person with the id in these bytes, added if new.
  mutating func personIndex(bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let (p, inserted) = builder.person(bytes: bytes)
    if inserted { addRanks() }
    return p
  }

  /// Makes room for about `count` persons in all (ids, fields and ranks). Called with the
  /// larger of the persons known and a table's estimated rows, which is about the population
  /// when the first table keyed by the pack's ids is read, and changes nothing after.
  private mutating func reservePersons(_ count: Int) {
    builder.reserveCapacity(count)
    for field in ranks.indices { ranks[field].reserveCapacity(count) }
    // The merge that fills this room is the person tables' serial stretch; its first-touch
    // page faults are taken beside it.
    SpareRoom.fault(builder.spareRoom + ranks.map(\.spareRoom))
  }

  /// Makes room in the field ranks for the persons added since it was last called, each
  /// field unset.
  private mutating func addRanks() {
    for field in ranks.indices {
      let missing = builder.count - ranks[field].count
      if missing > 0 { ranks[field].append(contentsOf: repeatElement(UInt8.max, count: missing)) }
    }
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

  /// A source whose files were supplied but whose every row was rejected counts as not
  /// supplied: rules that need it are not evaluated, never silently false, and its files say
  /// so.
  mutating func withdrawWhollyRejectedSources() {
    for source in suppliedSources {
      let mine = files.indices.filter { files[$0].source == source }
      guard mine.contains(where: { files[$0].rowsRead > 0 }),
        mine.allSatisfy({ files[$0].rowsUsed == 0 })
      else { continue }
      suppliedSources.remove(source)
      builder.suppliedSources.remove(source)
      for (i, field) in schema.personFields.enumerated()
      where field.sources.contains(source)
        && !field.sources.contains(where: suppliedSources.contains)
      {
        builder.markUnsupplied(i, source: source)
      }
      for (list, declaration) in schema.eventLists.enumerated() where declaration.source == source {
        builder.withdrawList(list)
      }
      for file in mine {
        files[file].warnings.append(
          "every row of source '\(source)' was rejected: rules that need it are not evaluated")
      }
    }
  }

  /// Marks what the supplied tables do not cover: fields no table maps are unknown for want
  /// of their source; event lists with a supplied table are known (possibly empty).
  mutating func settleSupply(supplied: [ExtractReader.SuppliedTable]) {
    builder.suppliedSources = suppliedSources
    for (i, field) in schema.personFields.enumerated() where !fieldMapped[i] {
      builder.markUnsupplied(i, source: field.source ?? "?")
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

/// The rows of one chunk of a person table, parsed on a worker, waiting to be merged in file
/// order (where persons are added and duplicates found).
struct PersonChunk: Sendable {
  /// One row: plain data (its problem, if any, is kept aside), so that the rows of a chunk
  /// are copied and freed without reference counting. Its numbers are held in 32 bits
  /// (``Narrow``), the hash first: 32 bytes a row instead of 56, so a fresh chunk faults in
  /// and clears fewer pages.
  struct Row: Sendable {
    /// The key's ``PersonIndex/hash(_:)``, computed on the worker.
    var keyHash: UInt64
    @Narrow var line: Int
    @Narrow var keyStart: Int
    @Narrow var keyEnd = 0
    @Narrow var inputStart: Int
    /// The person a worker found the key to name (a partner id joined through the linkage,
    /// or one of the pack's own ids already known); -1 when not found.
    @Narrow var person = -1
    /// Why the row cannot be used, as a position in `problems`; -1 when it can.
    @Narrow var problem = -1

    init(line: Int, keyStart: Int, keyEnd: Int = 0, keyHash: UInt64, inputStart: Int) {
      self.keyHash = keyHash
      self.line = line
      self.keyStart = keyStart
      self.keyEnd = keyEnd
      self.inputStart = inputStart
    }
  }

  /// An `Int` held in 32 bits: a chunk's lines, key bytes, inputs and problems (a chunk is a
  /// few MB of its file), and the persons, are all far fewer than 2^31; a larger one would
  /// trap rather than wrap.
  @propertyWrapper
  struct Narrow: Sendable {
    private var stored: Int32

    init(wrappedValue: Int) { stored = Int32(wrappedValue) }

    var wrappedValue: Int {
      get { Int(stored) }
      set { stored = Int32(newValue) }
    }
  }

  var ledger: ChunkLedger
  var rows: [Row] = []
  /// Every row's key bytes, one after another.
  var keys = KeyBytes()
  /// Each mapped field's values, a row for each of `rows`.
  var columns: [ColumnBuilder]
  /// The inputs `derive` reads, for rows that have them all.
  var inputs: [CELValue] = []
  /// Why rows cannot be used: the field, the reason, and how the linkage failed.
  var problems: [(field: String, reason: String, unmatched: LinkageIndex.Unmatched?)] = []
  /// The first of the rows whose values wait to be parsed a column at a time
  /// (``OpenPersonTable``): `rows[pendingFirst...]`, at most ``pendingLimit``.
  var pendingFirst = 0
  /// Where the pending rows' values lie, for each field held (``hold(_:fields:base:scratch:)``)
  /// then each pending row, two numbers a value (``ValueSpans``): the first byte's offset
  /// from the file's base (`~offset` in `unescaped` for a value that held `""` escapes), and
  /// the length.
  private var spans: [Int]
  /// Pending values with their `""` escapes undone.
  private var unescaped: [UInt8] = []
  /// The file's base, which the pending spans are offsets from (the mapped file, alive for
  /// the read; the chunk is handed to the merge only once its rows are parsed).
  nonisolated(unsafe) private var base: UnsafePointer<UInt8>?
  /// At most how many rows wait to be parsed: their spans and bytes stay in the core's
  /// nearest caches until they are.
  static let pendingLimit = 128
  /// The persons known when the table's merge began, if it had begun when the chunk did
  /// (``OpenPersonTable/KnownPersons``).
  private(set) var known: PersonIndex?

  /// Finds the person of each row whose id is in `known`. Each row's id is first compared with those of
  /// the persons just after the last row's (``PersonIndex/index(of:among:count:)``: ids in
  /// the order they were added need no probe); the rest are looked up together, as a
  /// pipeline (``PersonIndex/persons(count:hash:lookUp:)``).
  mutating func findKnownPersons(in known: PersonIndex) {
    keys.withUnsafeBufferPointer { keys in
      rows.withUnsafeMutableBufferPointer { rows in
        func id(_ r: Int) -> UnsafeBufferPointer<UInt8> {
          UnsafeBufferPointer(rebasing: keys[rows[r].keyStart..<rows[r].keyEnd])
        }
        // Rows left to the batched lookups; the person the next row's id is compared from,
        // and with how many; whether the last row was found so (then a row that is not is
        // looked up at once, to find the order again after a gap); rows left since the last
        // lookup at once.
        var missed: [Int] = []
        var next = 0
        var tries = 16
        var inOrder = true
        var sinceLookup = 0
        for r in rows.indices {
          if let p = known.index(of: id(r), among: next, count: tries) {
            rows[r].person = p
            (next, tries, inOrder) = (p + 1, 16, true)
          } else if inOrder || sinceLookup >= 16 {
            let found = known.index(of: id(r), hash: rows[r].keyHash)
            rows[r].person = found ?? -1
            if let found { (next, tries) = (found + 1, 16) }
            inOrder = false
            sinceLookup = 0
          } else {
            missed.append(r)
            tries = 2
            sinceLookup += 1
          }
        }
        let found = known.persons(count: missed.count) {
          rows[missed[$0]].keyHash
        } lookUp: {
          known.index(of: id(missed[$0]), hash: rows[missed[$0]].keyHash)
        }
        for (m, r) in missed.enumerated() { rows[r].person = Int(found[m]) }
      }
    }
  }

  /// Whether every row can be used and each row's id comes after the row before's, byte by
  /// byte (``noteIDsAscending()``): the merge may then add the rows' persons as one run
  /// (``PopulationBuilder/appendInOrder(_:ends:hashes:)``).
  private(set) var idsAscending = false

  /// Notes whether the rows' ids ascend (``idsAscending``), on the worker, once the rows are
  /// parsed: a register sorted by id, the first table of most extracts, then merges a chunk
  /// at a time rather than a row at a time.
  mutating func noteIDsAscending() {
    idsAscending =
      !rows.isEmpty && problems.isEmpty
      && keys.withUnsafeBufferPointer { keys in
        rows.withUnsafeBufferPointer { rows in
          guard rows[0].keyStart == 0 else { return false }
          for r in 1..<rows.count {
            let (before, row) = (rows[r - 1], rows[r])
            guard row.keyStart == before.keyEnd,
              PersonIndex.isOrdered(
                UnsafeBufferPointer(rebasing: keys[before.keyStart..<before.keyEnd]),
                UnsafeBufferPointer(rebasing: keys[row.keyStart..<row.keyEnd]))
            else { return false }
          }
          return true
        }
      }
  }

  /// How many rows wait to be parsed.
  var pendingCount: Int { rows.count - pendingFirst }

  /// Keeps where the last row's values of `fields` (the record's columns, each below its
  /// width, which ``ChunkLedger/accept(_:names:base:)`` has checked) lie, to be parsed with
  /// the rows pending (``withPendingValues(of:_:)``). A value's two numbers are stored through
  /// a pointer stepped a field's stride at a time, with no check or overflow test a field.
  @inline(__always)
  mutating func hold(
    _ record: CSVRecord, fields: UnsafeBufferPointer<Int>, base: UnsafePointer<UInt8>,
    scratch: FieldScratch
  ) {
    self.base = base
    let row = rows.count &- 1 &- pendingFirst
    let stride = 2 &* Self.pendingLimit
    let escapes = !record.escaped.isEmpty
    spans.withUnsafeMutableBufferPointer { spans in
      guard var at = spans.baseAddress.map({ $0 + 2 &* row }) else { return }
      for field in fields {
        let (start, end) = record.bounds(unchecked: field)
        if escapes, record.escaped.contains(field) {
          let bytes = scratch.unescape(
            UnsafeBufferPointer(start: base + start, count: end &- start))
          (at[0], at[1]) = (~unescaped.count, bytes.count)
          unescaped.append(contentsOf: bytes)
        } else {
          (at[0], at[1]) = (start, end &- start)
        }
        at += stride
      }
    }
  }

  /// Calls `body` with the pending rows' values of held field `n`.
  func withPendingValues<R>(of n: Int, _ body: (ValueSpans) -> R) -> R {
    guard let base else { preconditionFailure("values asked for before any row was held") }
    let field = 2 * n * Self.pendingLimit..<2 * (n + 1) * Self.pendingLimit
    return spans.withUnsafeBufferPointer { spans in
      unescaped.withUnsafeBufferPointer { unescaped in
        body(
          ValueSpans(
            file: base, unescaped: unescaped.baseAddress,
            spans: UnsafeBufferPointer(rebasing: spans[field]), count: pendingCount))
      }
    }
  }

  /// Bytes added one id after another (a chunk's keys), in room kept from chunk to chunk:
  /// an id is copied in by one `memcpy`, not a generic `append(contentsOf:)` a row. Copied on
  /// write, as an array is, so it is a value as safe to send as one.
  struct KeyBytes: @unchecked Sendable {
    /// The room, freed with the last copy that holds it.
    private final class Storage {
      let bytes: UnsafeMutablePointer<UInt8>
      let capacity: Int

      init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
      }

      deinit { bytes.deallocate() }
    }

    private var storage = Storage(capacity: 16)
    /// How many bytes are held.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Adds the bytes after those held.
    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
      let n = bytes.count
      if storage.capacity &- count < n {
        reserveCapacity(max(2 &* storage.capacity, count &+ n))
      } else if !isKnownUniquelyReferenced(&storage) {
        reserveCapacity(storage.capacity)
      }
      if let from = bytes.baseAddress { (storage.bytes + count).update(from: from, count: n) }
      count &+= n
    }

    /// Room for at least `capacity` bytes, held by this copy alone.
    mutating func reserveCapacity(_ capacity: Int) {
      guard capacity > storage.capacity || !isKnownUniquelyReferenced(&storage) else { return }
      let larger = Storage(capacity: max(capacity, storage.capacity))
      larger.bytes.update(from: storage.bytes, count: count)
      storage = larger
    }

    /// Empties the bytes, keeping their room (fresh room of the same size when another copy
    /// holds it, as an array's `removeAll(keepingCapacity:)` makes).
    mutating func removeAll() {
      count = 0
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: storage.capacity) }
    }

    /// Calls `body` with the bytes held.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
      -> R
    {
      try body(UnsafeBufferPointer(start: storage.bytes, count: count))
    }
  }

  /// Marks the pending rows parsed.
  mutating func endPending() {
    pendingFirst = rows.count
    unescaped.removeAll(keepingCapacity: true)
  }

  /// Notes why a row cannot be used; its position, for the row's `problem`.
  mutating func fail(
    _ field: String, _ reason: String, _ unmatched: LinkageIndex.Unmatched? = nil
  ) -> Int {
    problems.append((field, reason, unmatched))
    return problems.count - 1
  }

  /// An empty chunk with room for about `records` rows of `columns` (empty, of the mapped
  /// fields' types) and `inputs` inputs each, so that its arrays are allocated once rather
  /// than grown; its rows' ids are looked up in `known`. Each row holds the spans of
  /// `heldFields` values until they are parsed.
  init(
    path: String, records: Int, columns: [Column], inputs inputCount: Int, heldFields: Int,
    known: PersonIndex?
  ) {
    ledger = ChunkLedger(path: path)
    self.known = known
    spans = [Int](repeating: 0, count: 2 * heldFields * Self.pendingLimit)
    rows.reserveCapacity(records)
    keys.reserveCapacity(records * 12)
    self.columns = columns.map { ColumnBuilder($0, capacity: records) }
    inputs.reserveCapacity(records * inputCount)
  }

  /// Empties a merged chunk for the next, keeping its arrays' room (``ChunkPool``): the
  /// next chunk writes into pages already mapped instead of fresh ones, and the merge frees
  /// nothing.
  mutating func reuse(known: PersonIndex?) {
    ledger = ChunkLedger(path: ledger.path)
    rows.removeAll(keepingCapacity: true)
    keys.removeAll()
    for c in columns.indices { columns[c].removeAll() }
    inputs.removeAll(keepingCapacity: true)
    problems.removeAll()
    pendingFirst = 0
    unescaped.removeAll(keepingCapacity: true)
    idsAscending = false
    self.known = known
  }
}
