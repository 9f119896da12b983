import SignpostSource
import SignpostYAML

extension PackFileReader {
  static let fieldTypes = ["bool", "int", "double", "string", "date", "enum"]

  func schema(_ node: YAMLNode) -> Schema? {
    let reader = YAMLMappingReader(node, context: "schema.yaml", diagnostics: sink)
    let sources = (reader.mapping("sources", context: "sources", required: true)?.entries() ?? [])
      .map { source($0) }.compactMap { $0 }
    let sourceIDs = sources.map(\.id)

    var personFields: [FieldDeclaration] = []
    var birthDate: String?
    if let person = reader.mapping("person", context: "person", required: true) {
      birthDate = person.string("birth_date")
      if let fields = person.mapping("fields", context: "person fields", required: true) {
        personFields = fields.entries().compactMap {
          field(
            $0, context: "person field", sources: sourceIDs, requireSource: true,
            meanings: FieldMeaning.personFields)
        }
        fields.reportUnknownKeys()
      }
      person.reportUnknownKeys()
      if let birthDate {
        let declared = personFields.first { $0.name == birthDate }
        if declared?.type != .date, let at = person.node("birth_date") {
          report(
            at, .schemaBirthDate,
            "birth_date names '\(birthDate)', which is not a person field of type date"
              + Suggestions.didYouMean(birthDate, in: personFields.map(\.name)))
        }
      }
    }

    var eventLists: [EventListDeclaration] = []
    for pair in reader.mapping("events", context: "events")?.entries() ?? [] {
      let name = pair.keyText
      let list = YAMLMappingReader(pair.value, context: "event list '\(name)'", diagnostics: sink)
      let source = list.string("source", required: true)
      let description = list.string("description") ?? ""
      let fields = (list.mapping("fields", context: "fields of '\(name)'")?.entries() ?? [])
        .compactMap {
          field(
            $0, context: "event field", sources: sourceIDs, requireSource: false,
            meanings: FieldMeaning.eventFields)
        }
      let meaning = self.meaning(
        list, of: "event list '\(name)'", named: name, in: FieldMeaning.eventLists)
      list.reportUnknownKeys()
      checkName(name, pair.key, what: "event list")
      if let source, !sourceIDs.contains(source), let at = list.node("source") {
        report(
          at, .schemaUnknownSource,
          "event list '\(name)' names unknown source '\(source)'"
            + Suggestions.didYouMean(source, in: sourceIDs))
      }
      if fields.contains(where: { $0.name == "date" }), let at = list.node("fields") {
        report(at, .schemaEventDate, "every event has a 'date'; do not declare it again")
      }
      guard let source else { continue }
      var declaration = EventListDeclaration(
        name: name, description: description, source: source, fields: fields,
        location: pair.key.range.start)
      declaration.meaning = meaning
      eventLists.append(declaration)
    }

    var relations: [RelationDeclaration] = []
    for pair in reader.mapping("relations", context: "relations")?.entries() ?? [] {
      let relation = YAMLMappingReader(
        pair.value, context: "relation '\(pair.keyText)'", diagnostics: sink)
      let symmetric = relation.bool("symmetric", required: true) ?? false
      let description = relation.string("description") ?? ""
      relation.reportUnknownKeys()
      checkName(pair.keyText, pair.key, what: "relation")
      relations.append(
        RelationDeclaration(name: pair.keyText, description: description, symmetric: symmetric))
    }
    let linkage = reader.mapping("linkage", context: "linkage").flatMap(linkage)
    reader.reportUnknownKeys()

    let names = personFields.map(\.name) + eventLists.map(\.name)
    for (index, name) in names.enumerated() where names[..<index].contains(name) || name == "id" {
      report(
        node, .schemaDuplicateName,
        "'\(name)' is used twice among person fields and event lists (or clashes with 'id')")
    }
    let schema = Schema(
      personFields: personFields, birthDateField: birthDate, eventLists: eventLists,
      relations: relations, sources: sources, linkage: linkage)
    checkTables(schema, file: node.file)
    checkCodeLists(schema, sources: node.pairs?.first { $0.keyText == "sources" }?.value)
    return schema
  }

  /// The linkage file's declaration.
  private func linkage(_ reader: YAMLMappingReader) -> LinkageDeclaration? {
    let path = reader.string("path", required: true)
    let minimum = reader.double("minimum_score") ?? 0
    let acceptedMethods = reader.stringList("accept_methods") ?? []
    var columns: [String: String] = [:]
    if let mapping = reader.mapping("columns", context: "linkage columns") {
      for name in LinkageDeclaration.columnNames {
        if let column = mapping.string(name) { columns[name] = column }
      }
      mapping.reportUnknownKeys()
    }
    reader.reportUnknownKeys()
    if let path, let problem = TablePath.problem(path), let at = reader.node("path") {
      report(at, .schemaTablePath, problem)
    }
    if !(0...1).contains(minimum), let at = reader.node("minimum_score") {
      report(at, .schemaLinkageScore, "minimum_score must be between 0 and 1")
    }
    guard let path else { return nil }
    return LinkageDeclaration(
      path: path, columns: columns, minimumScore: minimum, acceptedMethods: acceptedMethods,
      location: reader.node.range.start)
  }

  private func checkName(_ name: String, _ node: YAMLNode, what: String) {
    if !Self.isIdentifier(name) {
      report(
        node, .packIdentifier,
        "\(what) name '\(name)' must start with a lowercase letter or '_' and hold only lowercase letters, digits and '_'"
      )
    }
  }

  /// A field, written either as a type name (`attendance: double`) or as a mapping.
  func field(
    _ pair: YAMLPair, context: String, sources knownSources: [String], requireSource: Bool,
    isSourceColumn: Bool = false, meanings: [String] = []
  ) -> FieldDeclaration? {
    let name = pair.keyText
    // A partner's column names are theirs to choose; record names must suit expressions.
    if !isSourceColumn { checkName(name, pair.key, what: context) }
    var typeName: String?
    var typeNode = pair.value
    var values: [String]?
    var description = ""
    var sources: [String] = []
    var checks = FieldChecks()
    var checkNodes: [(String, YAMLNode)] = []
    var meaning = meanings.contains(name) ? name : nil
    if let scalar = pair.value.scalar {
      typeName = scalar.value
    } else {
      let reader = YAMLMappingReader(pair.value, context: "\(context) '\(name)'", diagnostics: sink)
      typeName = reader.string("type", required: true)
      typeNode = reader.node("type") ?? pair.value
      values = reader.stringList("values")
      description = reader.string("description") ?? ""
      checks.minimum = reader.double("minimum")
      checks.maximum = reader.double("maximum")
      checks.pattern = reader.string("pattern")
      checks.nullValues = reader.stringList("null")
      if let policy = reader.string("unknown_codes") {
        switch policy {
        case "reject": checks.keepUnknownCodes = false
        case "unknown": checks.keepUnknownCodes = true
        default:
          if let at = reader.node("unknown_codes") {
            report(
              at, .schemaUnknownCodes,
              "unknown_codes is 'reject' (the row is rejected) or 'unknown' (the row is kept with no value for the field, and a warning)"
            )
          }
        }
      }
      for key in ["minimum", "maximum", "pattern", "unknown_codes"] {
        if let at = reader.node(key) { checkNodes.append((key, at)) }
      }
      meaning = self.meaning(reader, of: "\(context) '\(name)'", named: name, in: meanings)
      // One source, or several in precedence order.
      if let node = reader.node("source", required: requireSource) {
        sources =
          node.items?.compactMap { $0.scalar?.value } ?? node.scalar.map { [$0.value] } ?? []
        for source in sources where !knownSources.contains(source) {
          report(
            node, .schemaUnknownSource,
            "\(context) '\(name)' names unknown source '\(source)'"
              + Suggestions.didYouMean(source, in: knownSources))
        }
      }
      reader.reportUnknownKeys()
    }
    if requireSource, pair.value.scalar != nil {
      report(
        pair.value, .schemaFieldSource,
        "person field '\(name)' must say which source supplies it: { type: \(typeName ?? "…"), source: … }"
      )
    }
    guard let typeName else { return nil }
    let type: FieldType
    switch typeName {
    case "bool": type = .bool
    case "int": type = .int
    case "double", "number": type = .double
    case "string": type = .string
    case "date": type = .date
    case "enum":
      guard let values, !values.isEmpty else {
        report(typeNode, .schemaEnumValues, "enum field '\(name)' needs a list of 'values'")
        return nil
      }
      type = .enumeration(values)
    default:
      report(
        typeNode, .schemaUnknownType,
        "unknown type '\(typeName)' for field '\(name)'"
          + Suggestions.didYouMean(typeName, in: Self.fieldTypes),
        notes: ["types: \(Self.fieldTypes.joined(separator: ", "))"])
      return nil
    }
    if values != nil, typeName != "enum" {
      report(typeNode, .schemaValues, "'values' applies only to enum fields")
    }
    for (key, at) in checkNodes {
      switch (key, type) {
      case ("minimum", .int), ("minimum", .double), ("maximum", .int), ("maximum", .double),
        ("pattern", .string), ("unknown_codes", .enumeration), ("unknown_codes", .bool):
        break
      default:
        report(
          at, .schemaFieldCheck,
          "'\(key)' does not apply to a field of type \(typeName) ('minimum' and 'maximum' are for numbers, 'pattern' for strings, 'unknown_codes' for enums and yes/no)"
        )
      }
    }
    if let pattern = checks.pattern, !FieldChecks.isValidPattern(pattern),
      let at = checkNodes.first(where: { $0.0 == "pattern" })?.1
    {
      report(at, .schemaPattern, "'\(pattern)' is not a regular expression")
    }
    if let low = checks.minimum, let high = checks.maximum, low > high,
      let at = checkNodes.first(where: { $0.0 == "maximum" })?.1
    {
      report(at, .schemaFieldRange, "maximum \(high) is below minimum \(low)")
    }
    var declaration = FieldDeclaration(
      name: name, type: type, description: description, sources: sources,
      location: pair.key.range.start)
    declaration.checks = checks
    declaration.meaning = meaning
    return declaration
  }

  /// The meaning of a field or event list (``FieldMeaning``): its `means:`, which must be one
  /// of `vocabulary`, or else its `name` when that is.
  func meaning(
    _ reader: YAMLMappingReader, of what: String, named name: String, in vocabulary: [String]
  ) -> String? {
    guard let means = reader.string("means") else {
      return vocabulary.contains(name) ? name : nil
    }
    guard vocabulary.contains(means) else {
      if let at = reader.node("means") {
        report(
          at, .schemaMeaning,
          "\(what) means '\(means)', which is not a meaning Signpost knows"
            + Suggestions.didYouMean(means, in: vocabulary),
          notes: ["meanings: \(vocabulary.joined(separator: ", "))"])
      }
      return nil
    }
    return means
  }
}
