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
    let gatewayNote = reader.string("gateway_note") ?? ""
    let retention = reader.string("retention")
    var format = SourceFormat.standard
    if let values = reader.mapping("values", context: "values of source '\(id)'") {
      format.dateFormats = values.stringList("dates") ?? format.dateFormats
      format.trueValues = values.stringList("true") ?? format.trueValues
      format.falseValues = values.stringList("false") ?? format.falseValues
      format.nullValues = values.stringList("null") ?? format.nullValues
      for pattern in format.dateFormats where !DatePattern.isValid(pattern) {
        report(
          values.node("dates") ?? values.node, .schemaDateFormat,
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
          format.codeOrder[entry.keyText] = list.entries().map(\.keyText)
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
    var source = SourceDeclaration(
      id: id, description: description, gateway: gateway, tables: tables, format: format,
      location: pair.key.range.start)
    source.gatewayNote = gatewayNote
    source.retention = retention
    return source
  }

  private func table(_ item: YAMLMappingReader) -> SourceTable? {
    let path = item.string("path", required: true)
    let formatName = item.string("format") ?? "csv"
    let kind = item.string("kind", required: true)
    let list = item.string("list")
    let key = item.string("key") ?? "person_id"
    let idSystem = item.string("id_system")
    let rows = item.string("rows") ?? "one"
    if rows != "one", rows != "many", let at = item.node("rows") {
      report(at, .schemaTableRows, "rows must be 'one' or 'many', not '\(rows)'")
    }
    var columns: [String: String] = [:]
    for pair in item.mapping("columns", context: "columns")?.entries() ?? [] {
      columns[pair.keyText] = pair.value.scalar?.value ?? pair.keyText
    }
    var inputs: [(String, FieldType)] = []
    for pair in item.mapping("inputs", context: "inputs")?.entries() ?? [] {
      if let field = field(
        pair, context: "input column", sources: [], requireSource: false, isSourceColumn: true)
      {
        inputs.append((pair.keyText, field.type))
      }
    }
    var derive: [(String, PackExpression)] = []
    for pair in item.mapping("derive", context: "derived fields")?.entries() ?? [] {
      if let value = expression(pair.value, what: "derived field '\(pair.keyText)'") {
        derive.append((pair.keyText, value))
      }
    }
    var defaults: [(field: String, value: String)] = []
    for pair in item.mapping("default", context: "defaults")?.entries() ?? [] {
      guard let value = pair.value.scalar?.value else {
        report(pair.value, .schemaTableDefault, "default: '\(pair.keyText)' needs one value")
        continue
      }
      defaults.append((pair.keyText, value))
    }
    if !defaults.isEmpty, rows != "many", let at = item.node("default") {
      report(at, .schemaTableDefault, "default applies to tables with rows: many")
    }
    var filter: [(column: String, values: [String])] = []
    for pair in item.mapping("where", context: "where")?.entries() ?? [] {
      let values =
        pair.value.items?.compactMap { $0.scalar?.value } ?? pair.value.scalar.map { [$0.value] }
        ?? []
      if values.isEmpty {
        report(
          pair.value, .schemaTableWhere,
          "where: '\(pair.keyText)' needs a value or a list of values the column must hold")
      }
      filter.append((pair.keyText, values))
    }
    item.reportUnknownKeys()
    if let path, let problem = TablePath.problem(path), let at = item.node("path") {
      report(at, .schemaTablePath, problem)
    }
    guard let path, let kind else { return nil }
    guard let format = SourceTable.Format(rawValue: formatName) else {
      report(
        item.node("format") ?? item.node, .schemaTableFormat,
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
        report(item.node, .schemaTableList, "a table of kind 'events' must name its 'list'")
        return nil
      }
      content = .events(list)
    default:
      report(
        item.node("kind") ?? item.node, .schemaTableKind,
        "unknown table kind '\(kind)'" + Suggestions.didYouMean(kind, in: Self.tableKinds))
      return nil
    }
    return SourceTable(
      path: path, format: format, content: content, keyColumn: key, idSystem: idSystem,
      manyRows: rows == "many", inputs: inputs, derive: derive, columns: columns,
      location: item.node.range.start, defaults: defaults, filter: filter)
  }

  /// Checks that each table maps onto declared fields and lists.
  func checkTables(_ schema: Schema, file: SourceFile) {
    for source in schema.sources {
      for table in source.tables {
        let at = SourceRange(at: table.location)
        func problem(_ message: String) {
          sink.report(Diagnostic(id: .schemaTable, message: message, file: file, range: at))
        }
        for (field, _) in table.derive where schema.field(named: field) == nil {
          problem(
            "derived field '\(field)' is not a person field"
              + Suggestions.didYouMean(field, in: schema.personFields.map(\.name)))
        }
        if !table.derive.isEmpty, table.content != .person {
          problem("only a table of kind 'person' can derive fields")
        }
        if let system = table.idSystem, schema.linkage == nil {
          problem("the table is keyed by '\(system)' ids, but the schema declares no linkage file")
        }
        if case .events(let list) = table.content {
          guard let declared = schema.eventList(named: list) else {
            problem(
              "table names unknown event list '\(list)'"
                + Suggestions.didYouMean(list, in: schema.eventLists.map(\.name)))
            continue
          }
          if declared.source != source.id {
            problem(
              "event list '\(list)' is declared to come from source '\(declared.source)', not '\(source.id)'"
            )
          }
        }
      }
    }
  }
}
