import SignpostSource
import SignpostYAML

extension PackFileReader {
  static let tableKinds = ["person", "events", "links", "nested"]

  /// A source: description, gateway, value formats and its files.
  func source(_ pair: YAMLPair) -> SourceDeclaration? {
    let id = pair.keyText
    let reader = YAMLMappingReader(pair.value, context: "source '\(id)'", diagnostics: sink)
    let description = reader.string("description") ?? ""
    let gateway = reader.string("gateway", required: true)
    var format = SourceFormat.standard
    if let values = reader.mapping("values", context: "values of source '\(id)'") {
      format.dateFormats = values.stringList("dates") ?? format.dateFormats
      format.trueValues = values.stringList("true") ?? format.trueValues
      format.falseValues = values.stringList("false") ?? format.falseValues
      format.nullValues = values.stringList("null") ?? format.nullValues
      for pattern in format.dateFormats where !DatePattern.isValid(pattern) {
        report(
          values.node("dates") ?? values.node, "schema.date-format",
          "unsupported date format '\(pattern)'",
          notes: ["use yyyy, MM, dd, HH, mm, ss and literal separators, e.g. dd/MM/yyyy"])
      }
      if let codes = values.mapping("codes", context: "code lists of source '\(id)'") {
        for entry in codes.entries() {
          let list = YAMLMappingReader(
            entry.value, context: "code list '\(entry.keyText)'", diagnostics: sink)
          var mapping: [String: String] = [:]
          for code in list.entries() {
            mapping[code.keyText] = code.value.scalar?.value ?? ""
          }
          format.codes[entry.keyText] = mapping
        }
      }
      values.reportUnknownKeys()
    }
    var tables: [SourceTable] = []
    for item in items(reader, "tables", context: "table of source '\(id)'") {
      if let table = table(item) { tables.append(table) }
    }
    reader.reportUnknownKeys()
    guard let gateway else { return nil }
    return SourceDeclaration(
      id: id, description: description, gateway: gateway, tables: tables, format: format,
      location: pair.key.range.start)
  }

  private func table(_ item: YAMLMappingReader) -> SourceTable? {
    let path = item.string("path", required: true)
    let formatName = item.string("format") ?? "csv"
    let kind = item.string("kind", required: true)
    let list = item.string("list")
    let key = item.string("key") ?? "person_id"
    var columns: [String: String] = [:]
    for pair in item.mapping("columns", context: "columns")?.entries() ?? [] {
      columns[pair.keyText] = pair.value.scalar?.value ?? pair.keyText
    }
    item.reportUnknownKeys()
    guard let path, let kind else { return nil }
    guard let format = SourceTable.Format(rawValue: formatName) else {
      report(
        item.node("format") ?? item.node, "schema.table-format",
        "unknown format '\(formatName)'; use csv or ndjson")
      return nil
    }
    let content: SourceTable.Content
    switch kind {
    case "person": content = .person
    case "links": content = .links
    case "nested": content = .nested
    case "events":
      guard let list else {
        report(item.node, "schema.table-list", "a table of kind 'events' must name its 'list'")
        return nil
      }
      content = .events(list)
    default:
      report(
        item.node("kind") ?? item.node, "schema.table-kind",
        "unknown table kind '\(kind)'" + Suggestions.didYouMean(kind, in: Self.tableKinds))
      return nil
    }
    return SourceTable(
      path: path, format: format, content: content, keyColumn: key, columns: columns,
      location: item.node.range.start)
  }

  /// Checks that each table maps onto declared fields and lists.
  func checkTables(_ schema: Schema, file: SourceFile) {
    for source in schema.sources {
      for table in source.tables {
        let at = SourceRange(at: table.location)
        func problem(_ message: String) {
          sink.report(Diagnostic(id: "schema.table", message: message, file: file, range: at))
        }
        if case .events(let list) = table.content {
          guard let declared = schema.eventList(named: list) else {
            problem(
              "table names unknown event list '\(list)'"
                + Suggestions.didYouMean(list, in: schema.eventLists.map(\.name)))
            continue
          }
          if declared.source != source.id {
            problem("event list '\(list)' is declared to come from source '\(declared.source)', not '\(source.id)'")
          }
        }
      }
    }
  }
}
