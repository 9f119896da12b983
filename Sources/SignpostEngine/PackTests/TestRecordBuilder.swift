import SignpostCEL
import SignpostRules
import SignpostSource
import SignpostYAML

/// Builds person records from the YAML of a pack test case: schema field names, values
/// typed by the schema, event lists as sequences of mappings. An omitted field is missing
/// (so indicators that need it are not evaluated); an omitted event list has no events.
struct TestRecordBuilder {
  let schema: Schema
  /// Sources not supplied in this case; their fields and lists are unknown.
  let missingSources: Set<String>
  private(set) var diagnostics: [Diagnostic] = []

  init(schema: Schema, suppliedSources: [String]?) {
    self.schema = schema
    let all = Set(schema.sources.map(\.id))
    missingSources = suppliedSources.map { all.subtracting($0) } ?? []
  }

  mutating func record(from node: YAMLNode, defaultID: String) -> PersonRecord {
    var fields = schema.personFields.map { field -> CELValue in
      if let source = field.source, missingSources.contains(source) {
        return .unknown(CELUnknown(["source \(source)"]))
      }
      return .unknown(CELUnknown(["person.\(field.name)"]))
    }
    var events: [[EventRecord]?] = schema.eventLists.map {
      missingSources.contains($0.source) ? nil : []
    }
    var id = defaultID
    guard let pairs = node.pairs else {
      report(node, "expected a mapping of field names to values for a test person")
      return PersonRecord(id: id, fields: fields, events: events)
    }
    let known = ["id"] + schema.personFields.map(\.name) + schema.eventLists.map(\.name)
    for pair in pairs {
      let name = pair.keyText
      if name == "id" {
        id = pair.value.scalar?.value ?? id
      } else if let index = schema.personFields.firstIndex(where: { $0.name == name }) {
        let field = schema.personFields[index]
        if let source = field.source, missingSources.contains(source) {
          report(pair.key, "field '\(name)' comes from source '\(source)', which this case does not supply")
          continue
        }
        fields[index] = value(pair.value, as: field, context: "field '\(name)'")
      } else if let index = schema.eventLists.firstIndex(where: { $0.name == name }) {
        let list = schema.eventLists[index]
        guard events[index] != nil else {
          report(pair.key, "'\(name)' comes from source '\(list.source)', which this case does not supply")
          continue
        }
        events[index] = eventRecords(pair.value, list)
      } else {
        report(
          pair.key,
          "unknown field '\(name)' for a test person" + Suggestions.didYouMean(name, in: known))
      }
    }
    return PersonRecord(id: id, fields: fields, events: events)
  }

  private mutating func eventRecords(_ node: YAMLNode, _ list: EventListDeclaration) -> [EventRecord] {
    guard let items = node.items else {
      if node.scalar?.isNull == true { return [] }
      report(node, "expected a list of '\(list.name)' events")
      return []
    }
    let allFields = list.recordFields
    return items.map { item in
      var values = allFields.map { CELValue.unknown(CELUnknown(["\(list.name).\($0.name)"])) }
      guard let pairs = item.pairs else {
        report(item, "expected a mapping for a '\(list.name)' event")
        return EventRecord(values: values)
      }
      for pair in pairs {
        guard let index = allFields.firstIndex(where: { $0.name == pair.keyText }) else {
          report(
            pair.key,
            "unknown field '\(pair.keyText)' for a '\(list.name)' event"
              + Suggestions.didYouMean(pair.keyText, in: allFields.map(\.name)))
          continue
        }
        values[index] = value(
          pair.value, as: allFields[index], context: "'\(list.name)' field '\(pair.keyText)'")
      }
      return EventRecord(values: values)
    }
  }

  private mutating func value(_ node: YAMLNode, as field: FieldDeclaration, context: String)
    -> CELValue
  {
    guard let scalar = node.scalar else {
      report(node, "expected a single value for \(context)")
      return .error(CELError("invalid test value"))
    }
    if scalar.isNull { return .unknown(CELUnknown(["\(field.name)"])) }
    let text = scalar.value
    switch field.type {
    case .bool:
      if text == "true" { return .bool(true) }
      if text == "false" { return .bool(false) }
      report(node, "expected true or false for \(context), found '\(text)'")
    case .int:
      if let v = Int64(text) { return .int(v) }
      report(node, "expected a whole number for \(context), found '\(text)'")
    case .double:
      if let v = Double(text), v.isFinite { return .double(v) }
      report(node, "expected a number for \(context), found '\(text)'")
    case .string:
      return .string(text)
    case .date:
      if let date = PackDate(iso: text) {
        return .timestamp(CELTimestamp(seconds: date.daysSinceEpoch * 86_400))
      }
      report(node, "expected a date written YYYY-MM-DD for \(context), found '\(text)'")
    case .enumeration(let values):
      if values.contains(text) { return .string(text) }
      report(
        node,
        "'\(text)' is not a value of \(context)" + Suggestions.didYouMean(text, in: values)
          + " (values: \(values.joined(separator: ", ")))")
    }
    return .error(CELError("invalid test value"))
  }

  private mutating func report(_ node: YAMLNode, _ message: String) {
    diagnostics.append(
      Diagnostic(id: "pack.test-data", message: message, file: node.file, range: node.range))
  }
}
