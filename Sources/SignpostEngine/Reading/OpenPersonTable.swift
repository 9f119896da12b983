import Foundation
import SignpostCEL
import SignpostRules

/// A person table's file opened and its columns mapped, its chunks read on the workers
/// (tokenized, values parsed, ids hashed and looked up) and waiting for
/// ``ReadState/readPersonTable(_:collecting:)`` to merge them in file order.
///
/// Opening changes nothing in the read's state, so the next table of pack-own ids can be
/// opened while this one merges, and this one's workers hand on to its chunks
/// (``ChunkPipeline/handOff(to:)``): no core idles between files.
struct OpenPersonTable {
  let table: ExtractReader.SuppliedTable
  let derivations: [Derivation]
  /// The file, or why it cannot be read (thrown when the table's turn comes, so that
  /// errors come in the order they always did).
  let file: Result<CSVFile, ExtractReadError>
  /// The key column's position; `nil` when the file lacks it (every row is then rejected).
  let keyColumn: Int?
  /// The fields this table maps: its source's person fields, unless derived here.
  let mapped: [(field: Int, column: Int, reader: FieldReader, name: String)]
  /// The fields derived from this table.
  let derived: Set<Int>
  /// Person fields without a column, held until every person table is read.
  let missingFields: [(field: Int, text: String)]
  let warnings: [String]
  /// How many inputs `derive` reads a row.
  let inputCount: Int
  /// The persons known when the table's merge begins, for the workers to find rows' ids in
  /// (pack-own ids only).
  let known = KnownPersons()
  /// Chunks merged, for the workers to fill again.
  let spareChunks = ChunkPool<PersonChunk>()
  /// The chunks on their way; `nil` when the file has no data or no key column.
  let chunks: CSVChunks<PersonChunk>?

  /// Opens the table's file and starts nothing: the chunks' workers start when its merge
  /// does, or earlier when handed on from the previous table's. A table keyed by a
  /// partner's ids resolves them through `linkage`, so it is opened once that is read.
  init(
    _ table: ExtractReader.SuppliedTable, derivations: [Derivation], schema: Schema,
    directory: String, linkage: LinkageIndex?
  ) {
    self.table = table
    self.derivations = derivations
    derived = Set(derivations.map(\.field))
    let file: CSVFile
    do throws(ExtractReadError) {
      file = try CSVFile(path: table.path, directory: directory)
    } catch {
      self.file = .failure(error)
      (keyColumn, mapped, missingFields, warnings, inputCount, chunks) = (nil, [], [], [], 0, nil)
      return
    }
    self.file = .success(file)
    let header = file.columns
    let key = table.table.keyColumn
    guard let keyColumn = header[key] else {
      (self.keyColumn, mapped, missingFields, warnings, inputCount, chunks) = (
        nil, [], [], [], 0, nil
      )
      return
    }
    self.keyColumn = keyColumn
    var warnings: [String] = []
    var missingFields: [(field: Int, text: String)] = []
    var mapped: [(field: Int, column: Int, reader: FieldReader, name: String)] = []
    for (i, field) in schema.personFields.enumerated()
    where field.sources.contains(table.source.id) && !derived.contains(i) {
      let column = table.table.column(for: field.name)
      if let position = header[column] {
        mapped.append(
          (
            i, position, table.parser.reader(for: field.type, codeList: field.name, field: field),
            field.name
          ))
      } else if !table.table.manyRows || table.table.derive.isEmpty {
        missingFields.append((i, "column '\(column)' for field '\(field.name)' is missing"))
      }
    }
    var inputs: [(column: Int, type: FieldType, name: String, reader: FieldReader)] = []
    for input in table.table.inputs {
      if let position = header[input.column] {
        inputs.append(
          (
            position, input.type, input.column,
            table.parser.reader(for: input.type, codeList: input.column)
          ))
      } else {
        warnings.append("input column '\(input.column)' is missing")
      }
    }
    let filter = RowFilter(table.table.filter, header: header)
    if !filter.missingColumns.isEmpty {
      warnings.append(
        "where: column '\(filter.missingColumns.joined(separator: "', '"))' is missing")
    }
    self.mapped = mapped
    self.missingFields = missingFields
    self.warnings = warnings
    inputCount = inputs.count
    // A partner's ids are joined through the linkage; the pack's own are found in the
    // persons known when the merge begins (`known`), or by the merge.
    let keys: KeyResolver? =
      table.table.idSystem == nil
      ? nil : KeyResolver(table: table.table, persons: PersonIndex(), linkage: linkage)
    let known = known
    let names = file.names
    let path = table.path
    let keyName = key
    // Parallel arrays, so that a row's loop copies no tuples. The readers are held
    // unretained (`mapped` keeps them alive to the end of the read): both workers share
    // each one, and a retain and release per value would contend for its reference count.
    let (fieldReaders, fieldColumns, fieldNames) = (
      mapped.map { Unmanaged.passUnretained($0.reader) }, mapped.map(\.column),
      mapped.map(\.name)
    )
    let inputReaders = inputs
    let fieldCount = mapped.count
    let keepInputs = !derivations.isEmpty
    // The columns whose spans a row holds until it is parsed: the mapped fields', then the
    // inputs' when `derive` reads them.
    let heldColumns = fieldColumns + (keepInputs ? inputReaders.map(\.column) : [])
    let emptyColumns = mapped.map {
      Column(
        type: schema.personFields[$0.field].type,
        missingAttribute: "person.\(schema.personFields[$0.field].name)")
    }
    /// Parses the pending rows a column at a time, each column's reader chosen once; then,
    /// row by row in order, notes the values that failed (a row's first failure rejects it,
    /// and what its later values say is not noted: a rejected row's values are never
    /// merged) and reads the inputs and partner ids of the rows still usable.
    @Sendable func parsePending(_ chunk: inout PersonChunk) {
      let first = chunk.pendingFirst
      guard chunk.pendingCount > 0 else { return }
      var failed: [(row: Int, field: Int, problem: ReadProblem)] = []
      var columns: [ColumnBuilder] = []
      swap(&columns, &chunk.columns)
      for n in 0..<fieldCount {
        chunk.withPendingValues(of: n) { values in
          fieldReaders[n]._withUnsafeGuaranteedRef {
            $0.parse(values, into: &columns[n]) { failed.append((first + $0, n, $1)) }
          }
        }
      }
      swap(&columns, &chunk.columns)
      if !failed.isEmpty {
        failed.sort { ($0.row, $0.field) < ($1.row, $1.field) }
        var rejected = -1
        for (r, n, problem) in failed where r != rejected {
          if problem.keepsRow {
            chunk.ledger.keep(chunk.rows[r].line, fieldNames[n], problem)
            continue
          }
          chunk.rows[r].problem = chunk.fail(fieldNames[n], problem.message)
          rejected = r
        }
      }
      if keepInputs || keys != nil {
        for r in first..<chunk.rows.count where chunk.rows[r].problem < 0 {
          chunk.rows[r].inputStart = chunk.inputs.count
          if keepInputs {
            for (j, input) in inputReaders.enumerated() {
              let read = chunk.withPendingValues(of: fieldCount + j) {
                input.reader.read($0[r - first])
              }
              switch read {
              case .success(let value):
                chunk.inputs.append(value.celValue(input.type, missing: "\(path).\(input.name)"))
              case .failure(let problem):
                chunk.rows[r].problem = chunk.fail(input.name, problem.message)
              }
              if chunk.rows[r].problem >= 0 { break }
            }
          }
          if let keys, chunk.rows[r].problem < 0 {
            let row = chunk.rows[r]
            let resolved = chunk.keys.withUnsafeBufferPointer {
              keys.resolve(UnsafeBufferPointer(rebasing: $0[row.keyStart..<row.keyEnd]))
            }
            switch resolved {
            case .success(let person): chunk.rows[r].person = person
            case .failure(let problem):
              chunk.rows[r].problem = chunk.fail(keyName, problem.reason, problem.unmatched)
              if problem.caseMismatch { chunk.ledger.caseMismatches += 1 }
            }
          }
        }
      }
      chunk.endPending()
    }
    chunks = file.chunks(
      { [spareChunks] records in
        if var chunk = spareChunks.take() {
          chunk.reuse(known: known.index)
          return chunk
        }
        return PersonChunk(
          path: path, records: records, columns: emptyColumns,
          inputs: keepInputs ? inputReaders.count : 0, heldFields: heldColumns.count,
          known: known.index)
      },
      row: { chunk, record, base, scratch in
        guard chunk.ledger.accept(record, names: names, base: base) else { return }
        guard filter.isEmpty || filter.matches(record, base: base, scratch: scratch) else {
          chunk.ledger.skipped += 1
          return
        }
        let id = record.field(keyColumn, in: base, scratch: scratch)
        if let problem = IDCheck.problem(id) {
          chunk.ledger.reject(record.line, keyName, problem)
          return
        }
        let keyStart = chunk.keys.count
        chunk.keys.append(contentsOf: id)
        chunk.rows.append(
          PersonChunk.Row(
            line: record.line, keyStart: keyStart, keyEnd: chunk.keys.count,
            keyHash: PersonIndex.hash(id), inputStart: chunk.inputs.count))
        // The row's values are parsed with the next rows', a column at a time.
        heldColumns.withUnsafeBufferPointer {
          chunk.hold(record, fields: $0, base: base, scratch: scratch)
        }
        if chunk.pendingCount == PersonChunk.pendingLimit { parsePending(&chunk) }
      },
      problem: { chunk, line, problem in chunk.ledger.problem(line, problem) },
      finish: { chunk in
        parsePending(&chunk)
        if let known = chunk.known {
          chunk.findKnownPersons(in: known)
        } else if keys == nil {
          chunk.noteIDsAscending()
        }
      })
  }

  /// Stops the workers of a table that will not be merged (an earlier table failed).
  func cancel() {
    chunks?.pipeline.cancel()
  }

  /// The persons a person table's workers look rows' ids up in: those known when its merge
  /// begins, set then (chunks begun before find nothing, and the merge looks their ids up).
  final class KnownPersons: @unchecked Sendable {
    private let lock = NSLock()
    private var persons: PersonIndex?

    /// The persons known, if set yet.
    var index: PersonIndex? {
      get { lock.withLock { persons } }
      set { lock.withLock { persons = newValue } }
    }
  }
}
