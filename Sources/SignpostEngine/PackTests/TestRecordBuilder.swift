import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource

/// Builds the population of a pack test case from its written records: schema field names, values typed
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
      builder.markUnsupplied(i, source: field.source ?? "?")
    }
    for (i, list) in schema.eventLists.enumerated() where !missingSources.contains(list.source) {
      builder.supplyList(i)
    }
  }

  /// Adds the person a written record describes; returns its index, or the index of the
  /// person already added under the same id. With a `number`, `{n}` in any value stands for it
  /// (a generated person of a template).
  mutating func add(_ record: TestValue, defaultID: String, number: Int? = nil) -> Int {
    self.number = number
    defer { self.number = nil }
    guard let entries = record.entries else {
      report(record, "expected a mapping of field names to values for a test person")
      return builder.person(defaultID)
    }
    let id = entries.first { $0.name == "id" }.flatMap { text($0.value) } ?? defaultID
    if let existing = builder.index(of: id) { return existing }
    let person = builder.person(id)
    let known = ["id"] + schema.personFields.map(\.name) + schema.eventLists.map(\.name)
    for entry in entries where entry.name != "id" {
      let name = entry.name
      if let index = schema.personFields.firstIndex(where: { $0.name == name }) {
        let field = schema.personFields[index]
        if field.sources.allSatisfy(missingSources.contains), let source = field.source {
          report(
            name: entry,
            "field '\(name)' comes from source '\(source)', which this case does not supply")
          continue
        }
        builder.setField(
          index, of: person, to: value(entry.value, as: field, context: "field '\(name)'"))
      } else if let index = schema.eventLists.firstIndex(where: { $0.name == name }) {
        let list = schema.eventLists[index]
        guard builder.isSupplied(list: index) else {
          report(
            name: entry,
            "'\(name)' comes from source '\(list.source)', which this case does not supply")
          continue
        }
        for values in eventValues(entry.value, list) {
          builder.appendEvent(values, person: person, list: index)
        }
      } else {
        report(
          name: entry,
          "unknown field '\(name)' for a test person" + Suggestions.didYouMean(name, in: known))
      }
    }
    return person
  }

  mutating func link(_ link: PersonLink, symmetric: Bool) {
    builder.link(link, symmetric: symmetric)
  }

  private mutating func eventValues(_ written: TestValue, _ list: EventListDeclaration)
    -> [[FieldValue]]
  {
    guard let items = written.items else {
      if written.isNull { return [] }
      report(written, "expected a list of '\(list.name)' events")
      return []
    }
    let fields = list.recordFields
    return items.map { item in
      var values = [FieldValue](repeating: .missing, count: fields.count)
      guard let entries = item.entries else {
        report(item, "expected a mapping for a '\(list.name)' event")
        return values
      }
      for entry in entries {
        guard let index = fields.firstIndex(where: { $0.name == entry.name }) else {
          report(
            name: entry,
            "unknown field '\(entry.name)' for a '\(list.name)' event"
              + Suggestions.didYouMean(entry.name, in: fields.map(\.name)))
          continue
        }
        values[index] = value(
          entry.value, as: fields[index], context: "'\(list.name)' field '\(entry.name)'")
      }
      if case .missing = values[0] { report(item, "a '\(list.name)' event needs a date") }
      return values
    }
  }

  private mutating func value(_ node: TestValue, as field: FieldDeclaration, context: String)
    -> FieldValue
  {
    guard let text = text(node) else {
      report(node, "expected a single value for \(context)")
      return .missing
    }
    if node.isNull { return .missing }
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

  /// A single value's text, with `{n}` replaced in a generated person; `nil` for a list or a
  /// mapping.
  private func text(_ written: TestValue) -> String? {
    guard let text = written.text, let number else { return written.text }
    return text.replacingOccurrences(of: "{n}", with: String(number))
  }

  private mutating func report(_ written: TestValue, _ message: String) {
    diagnostics.append(
      Diagnostic(id: .packTestData, message: message, file: written.file, range: written.range))
  }

  /// Reports a problem at an entry's name.
  private mutating func report(name entry: TestValue.Entry, _ message: String) {
    diagnostics.append(
      Diagnostic(
        id: .packTestData, message: message, file: entry.value.file, range: entry.nameRange))
  }
}
