import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource
import SignpostYAML

/// Builds the population of a pack test case from its YAML: schema field names, values typed
/// by the schema, event lists as sequences of mappings. An omitted field is missing (so
/// indicators that need it are not evaluated); an omitted event list has no events.
struct TestRecordBuilder {
  let schema: Schema
  /// Sources not supplied in this case; their fields and lists are unknown.
  let missingSources: Set<String>
  private(set) var builder: PopulationBuilder
  private(set) var diagnostics: [Diagnostic] = []
  /// The number of the generated person being added, for `{n}` in its template.
  private var number: Int?

  init(schema: Schema, suppliedSources: [String]?) {
    self.schema = schema
    let all = Set(schema.sources.map(\.id))
    let supplied = suppliedSources.map(Set.init) ?? all
    missingSources = all.subtracting(supplied)
    builder = PopulationBuilder(schema: schema)
    builder.suppliedSources = supplied
    for (i, field) in schema.personFields.enumerated()
    where !field.sources.isEmpty && field.sources.allSatisfy(missingSources.contains) {
      builder.markUnsupplied(i, attribute: "source \(field.source ?? "?")")
    }
    for (i, list) in schema.eventLists.enumerated() where !missingSources.contains(list.source) {
      builder.supplyList(i)
    }
  }

  /// Adds the person a YAML mapping describes; returns its index, or the index of the
  /// person already added under the same id. With a `number`, `{n}` in any value stands for it
  /// (a generated person of a template).
  mutating func add(_ node: YAMLNode, defaultID: String, number: Int? = nil) -> Int {
    self.number = number
    defer { self.number = nil }
    guard let pairs = node.pairs else {
      report(node, "expected a mapping of field names to values for a test person")
      return builder.person(defaultID)
    }
    let id = pairs.first { $0.keyText == "id" }?.value.scalar.map(text) ?? defaultID
    if let existing = builder.index(of: id) { return existing }
    let person = builder.person(id)
    let known = ["id"] + schema.personFields.map(\.name) + schema.eventLists.map(\.name)
    for pair in pairs where pair.keyText != "id" {
      let name = pair.keyText
      if let index = schema.personFields.firstIndex(where: { $0.name == name }) {
        let field = schema.personFields[index]
        if field.sources.allSatisfy(missingSources.contains), let source = field.source {
          report(
            pair.key,
            "field '\(name)' comes from source '\(source)', which this case does not supply")
          continue
        }
        builder.setField(
          index, of: person, to: value(pair.value, as: field, context: "field '\(name)'"))
      } else if let index = schema.eventLists.firstIndex(where: { $0.name == name }) {
        let list = schema.eventLists[index]
        guard builder.isSupplied(list: index) else {
          report(
            pair.key,
            "'\(name)' comes from source '\(list.source)', which this case does not supply")
          continue
        }
        for values in eventValues(pair.value, list) {
          builder.appendEvent(values, person: person, list: index)
        }
      } else {
        report(
          pair.key,
          "unknown field '\(name)' for a test person" + Suggestions.didYouMean(name, in: known))
      }
    }
    return person
  }

  mutating func link(_ link: PersonLink, symmetric: Bool) {
    builder.link(link, symmetric: symmetric)
  }

  private mutating func eventValues(_ node: YAMLNode, _ list: EventListDeclaration)
    -> [[FieldValue]]
  {
    guard let items = node.items else {
      if node.scalar?.isNull == true { return [] }
      report(node, "expected a list of '\(list.name)' events")
      return []
    }
    let fields = list.recordFields
    return items.map { item in
      var values = [FieldValue](repeating: .missing, count: fields.count)
      guard let pairs = item.pairs else {
        report(item, "expected a mapping for a '\(list.name)' event")
        return values
      }
      for pair in pairs {
        guard let index = fields.firstIndex(where: { $0.name == pair.keyText }) else {
          report(
            pair.key,
            "unknown field '\(pair.keyText)' for a '\(list.name)' event"
              + Suggestions.didYouMean(pair.keyText, in: fields.map(\.name)))
          continue
        }
        values[index] = value(
          pair.value, as: fields[index], context: "'\(list.name)' field '\(pair.keyText)'")
      }
      if case .missing = values[0] { report(item, "a '\(list.name)' event needs a date") }
      return values
    }
  }

  private mutating func value(_ node: YAMLNode, as field: FieldDeclaration, context: String)
    -> FieldValue
  {
    guard let scalar = node.scalar else {
      report(node, "expected a single value for \(context)")
      return .missing
    }
    if scalar.isNull { return .missing }
    let text = text(scalar)
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
      if let date = PackDate(iso: text), let days = Int32(exactly: date.daysSinceEpoch) {
        return .date(days)
      }
      report(node, "expected a date written YYYY-MM-DD for \(context), found '\(text)'")
    case .enumeration(let values):
      if let code = values.firstIndex(of: text) { return .code(UInt16(code)) }
      report(
        node,
        "'\(text)' is not a value of \(context)" + Suggestions.didYouMean(text, in: values)
          + " (values: \(values.joined(separator: ", ")))")
    }
    return .missing
  }

  /// A scalar's text, with `{n}` replaced in a generated person.
  private func text(_ scalar: YAMLScalar) -> String {
    guard let number else { return scalar.value }
    return scalar.value.replacingOccurrences(of: "{n}", with: String(number))
  }

  private mutating func report(_ node: YAMLNode, _ message: String) {
    diagnostics.append(
      Diagnostic(id: "pack.test-data", message: message, file: node.file, range: node.range))
  }
}
