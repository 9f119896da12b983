import Foundation
import SignpostCEL
import SignpostRules

/// What `inspect` finds in one input file, before any scoring: which columns are mapped,
/// how often each mapped value is missing or invalid, and how well its ids link.
public struct FileProfile: Sendable {
  public struct Column: Sendable {
    /// The record field (or input) the column feeds.
    public var field: String
    public var column: String
    public var type: String
    public var values: Int
    public var nulls: Int
    /// Invalid values and how often each occurs, most frequent first.
    public var invalid: [(value: String, count: Int)]
    /// What the invalid values are: "outside the code list", "not a date", ...
    public var problem: String
    /// For values outside a code list: where in `schema.yaml` a code would go
    /// (`sources.education.values.codes.sen`), and the values it may map to.
    public var codeList: (path: String, values: [String])?

    public var nullRate: Double { values == 0 ? 0 : Double(nulls) / Double(values) }
    public var invalidCount: Int { invalid.map(\.count).reduce(0, +) }
  }

  public var path: String
  public var source: String
  public var format: String
  public var content: String
  /// `person_id` for the pack's own ids, or the id system joined through the linkage.
  public var idSystem: String
  /// The column holding the id, by its own name (`UPN`, `PersonRef`).
  public var keyColumn: String = "person_id"
  public var rows: Int
  public var columns: [Column]
  public var unmappedColumns: [String]
  public var missingColumns: [String]
  public var rowsRejected: Int
  public var rowsUnmatched: Int
  /// Unmatched rows by why, rows `where:` skipped, and the file's warnings, as scoring
  /// would report them.
  public var unmatched = UnmatchedCounts()
  public var rowsSkipped = 0
  public var warnings: [String] = []
  /// Unmatched ids that the linkage holds in another case (`ab123` for `AB123`).
  public var caseMismatches = 0
  /// The file's first rejects, in line order, each with its line, field and reason: a quote
  /// never closed, an id with spaces or invisible characters, bytes that are not UTF-8.
  public var firstRejects: [Reject] = []

  /// How many rejects a profile lists.
  public static let shownRejects = 5

  /// The share of rows scoring would reject.
  public var rejectRate: Double { rows == 0 ? 0 : Double(rowsRejected) / Double(rows) }

  /// The share of rows whose id the linkage joined to a person.
  public var matchRate: Double? {
    idSystem == "person_id" || rows == 0 ? nil : Double(rows - rowsUnmatched) / Double(rows)
  }
}

/// Profiles a folder of extracts against a pack's mapping (`signpost inspect`).
public enum ExtractInspector {
  public static func inspect(pack: CompiledPack, directory: String) throws(ExtractReadError)
    -> (profiles: [FileProfile], read: ExtractReadResult)
  {
    let read = try ExtractReader(pack: pack, directory: directory).read()
    var files: [(source: SourceDeclaration, table: SourceTable, path: String, file: CSVFile)] = []
    for source in pack.schema.sources {
      for table in source.tables where table.format == .csv {
        for path in InputFiles.matching(table.path, in: directory) {
          files.append((source, table, path, try CSVFile(path: path, directory: directory)))
        }
      }
    }
    // The person fields each file supplies (by column or derived), so that a field another
    // file of the same source supplies is not reported missing.
    let supplies = files.map { file -> Set<String> in
      guard file.table.content == .person else { return [] }
      let header = Set(file.file.names)
      return Set(
        pack.schema.personFields.filter {
          $0.sources.contains(file.source.id) && header.contains(file.table.column(for: $0.name))
        }.map(\.name)
      ).union(file.table.derive.map(\.field))
    }
    var profiles: [FileProfile] = []
    for (index, file) in files.enumerated() {
      var elsewhere = Set<String>()
      for (other, supplied) in zip(files.indices, supplies)
      where other != index && files[other].source.id == file.source.id {
        elsewhere.formUnion(supplied)
      }
      // Rows combined by `derive` carry only their inputs; other fields are optional there.
      if file.table.manyRows, !file.table.derive.isEmpty {
        elsewhere.formUnion(pack.schema.personFields.map(\.name))
      }
      profiles.append(
        profile(
          file.file, path: file.path, source: file.source, table: file.table,
          schema: pack.schema,
          parser: ValueParser(format: file.source.format, timeZone: pack.manifest.timeZone),
          report: read.files.first { $0.path == file.path }, suppliedElsewhere: elsewhere,
          rejects: Array(
            read.rejects.lazy.filter { $0.file == file.path }.prefix(FileProfile.shownRejects))))
    }
    return (profiles, read)
  }

  /// The columns a table maps: record field (or input) name, column name, type and code list.
  static func mappedColumns(_ table: SourceTable, source: String, schema: Schema) -> [(
    field: String, column: String, type: FieldType, codeList: String
  )] {
    switch table.content {
    case .person, .nested:
      let derived = Set(table.derive.map(\.field))
      let fields = schema.personFields.filter {
        $0.sources.contains(source) && !derived.contains($0.name)
      }.map { ($0.name, table.column(for: $0.name), $0.type, $0.name) }
      return fields + table.inputs.map { ($0.column, $0.column, $0.type, $0.column) }
    case .events(let name):
      guard let list = schema.eventList(named: name) else { return [] }
      return list.recordFields.map {
        ($0.name, table.column(for: $0.name), $0.type, "\(name).\($0.name)")
      }
    case .links:
      return [
        ("linked_person_id", table.column(for: "linked_person_id"), .string, ""),
        (
          "relation", table.column(for: "relation"), .enumeration(schema.relations.map(\.name)),
          "relation"
        ),
      ]
    }
  }

  private static func profile(
    _ file: CSVFile, path: String, source: SourceDeclaration, table: SourceTable,
    schema: Schema, parser: ValueParser, report: FileReport?, suppliedElsewhere: Set<String>,
    rejects: [Reject]
  ) -> FileProfile {
    let header = file.names
    let position = file.columns
    let mapped = mappedColumns(table, source: source.id, schema: schema)
    var columns = mapped.map { column -> FileProfile.Column in
      var codeList: (String, [String])?
      if case .enumeration(let values) = column.type, !column.codeList.isEmpty {
        codeList = ("sources.\(source.id).values.codes.\(column.codeList)", values)
      }
      return FileProfile.Column(
        field: column.field, column: column.column, type: column.type.description, values: 0,
        nulls: 0, invalid: [], problem: problemName(column.type), codeList: codeList)
    }
    var invalid = [[String: Int]](repeating: [:], count: mapped.count)
    var rows = 0
    let readers = mapped.map { parser.reader(for: $0.type, codeList: $0.codeList) }
    file.forEachRecord { record, base, scratch in
      rows += 1
      guard let record else { return }
      for (i, column) in mapped.enumerated() {
        guard let at = position[column.column], at < record.count else { continue }
        let bytes = record.field(at, in: base, scratch: scratch)
        columns[i].values += 1
        switch readers[i].read(bytes) {
        case .success(.missing): columns[i].nulls += 1
        case .failure: invalid[i][String(decoding: bytes, as: UTF8.self), default: 0] += 1
        default: break
        }
      }
    }
    for i in columns.indices {
      columns[i].invalid = invalid[i].sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        .map { ($0.key, $0.value) }
    }
    let used = Set(mapped.map(\.column) + [table.keyColumn])
    return FileProfile(
      path: path, source: source.id, format: table.format.rawValue,
      content: contentName(table.content), idSystem: table.idSystem ?? "person_id",
      keyColumn: table.keyColumn, rows: rows,
      columns: columns.filter { position[$0.column] != nil },
      unmappedColumns: header.filter { !used.contains($0) },
      missingColumns: (mapped.filter { !suppliedElsewhere.contains($0.field) }.map(\.column)
        + [table.keyColumn]).filter { position[$0] == nil },
      rowsRejected: report?.rowsRejected ?? 0, rowsUnmatched: report?.rowsUnmatched ?? 0,
      unmatched: report?.unmatched ?? UnmatchedCounts(), rowsSkipped: report?.rowsSkipped ?? 0,
      warnings: report?.warnings ?? [], caseMismatches: report?.caseMismatches ?? 0,
      firstRejects: rejects)
  }

  private static func problemName(_ type: FieldType) -> String {
    switch type {
    case .enumeration: "outside the code list"
    case .date: "not dates"
    case .int: "not whole numbers"
    case .double: "not numbers"
    case .bool: "not yes/no values"
    case .string: "invalid"
    }
  }

  private static func contentName(_ content: SourceTable.Content) -> String {
    switch content {
    case .person: "person fields"
    case .events(let list): "events: \(list)"
    case .links: "links"
    case .nested: "nested persons"
    }
  }
}
