import SignpostSource
import SignpostYAML

extension PackFileReader {
  /// An indicator file: `indicators:` and a list of indicators.
  func indicators(_ node: YAMLNode) -> [Indicator] {
    let reader = YAMLMappingReader(node, context: "indicator file", diagnostics: sink)
    defer { reader.reportUnknownKeys() }
    return items(reader, "indicators", context: "indicator", required: true).compactMap(indicator)
  }

  /// The ids written in a file's list, even of items that fail to load, so that later
  /// references to them are not reported as unknown too.
  static func declaredIDs(_ node: YAMLNode, list: String) -> [String] {
    let items = node.pairs?.first { $0.keyText == list }?.value.items ?? []
    return items.compactMap { $0.pairs?.first { $0.keyText == "id" }?.value.scalar?.value }
  }

  private func indicator(_ item: YAMLMappingReader) -> Indicator? {
    let id = item.string("id", required: true)
    let domain = item.string("domain", required: true)
    let description = item.string("description", required: true)
    let points = item.int("points", required: true)
    let basis = item.string("basis") ?? ""
    let when = expression(item, "when", required: true)
    var evidence: [(String, PackExpression)] = []
    if let values = item.mapping("evidence", context: "evidence") {
      for pair in values.entries() {
        if !Self.isIdentifier(pair.keyText) {
          report(
            pair.key, .packIdentifier,
            "evidence name '\(pair.keyText)' must be a simple lowercase name")
        }
        if let value = expression(pair.value, what: "evidence '\(pair.keyText)'") {
          evidence.append((pair.keyText, value))
        }
      }
    }
    item.reportUnknownKeys()
    guard let id, let domain, let description, let points, let when else { return nil }
    checkIdentifier(id, item, what: "indicator")
    return Indicator(
      id: id, domain: domain, description: description, points: points, when: when,
      evidence: evidence, basis: basis, file: item.node.file, location: item.node.range.start,
      domainLocation: item.node("domain")?.range.start ?? item.node.range.start,
      descriptionLocation: item.node("description")?.range.start ?? item.node.range.start,
      pointsLocation: item.node("points")?.range.start)
  }

  /// A programme file: one programme.
  func programme(_ node: YAMLNode) -> Programme? {
    let reader = YAMLMappingReader(node, context: "programme", diagnostics: sink)
    let id = reader.string("id", required: true)
    let name = reader.string("name", required: true)
    let description = reader.string("description") ?? ""
    let route = reader.string("route", required: true)
    let capacity = reader.int("capacity")
    let tiesText = reader.string("ties")
    let ties =
      choice(
        tiesText, of: Programme.Ties.self, key: "ties", in: reader, id: .packTies) ?? .panel
    let priority = expression(reader, "priority", required: false)
    let eligibility = items(reader, "eligibility", context: "eligibility condition", required: true)
      .compactMap(condition)
    let exclusions = items(reader, "exclusions", context: "exclusion").compactMap(exclusion)
    reader.reportUnknownKeys()
    guard let id, let name, let route else { return nil }
    checkIdentifier(id, reader, what: "programme")
    if let capacity, capacity < 0, let at = reader.node("capacity") {
      report(at, .packCapacity, "capacity must be zero or more")
    }
    for (index, condition) in (eligibility + exclusions).enumerated()
    where (eligibility + exclusions)[..<index].contains(where: { $0.id == condition.id }) {
      report(
        node, .packDuplicateCondition,
        "programme '\(id)' has two conditions named '\(condition.id)'")
    }
    if tiesText != nil, capacity == nil, let at = reader.node("ties") {
      report(at, .packTies, "ties only matter with a capacity; set 'capacity' or remove 'ties'")
    }
    if exclusions.contains(where: { $0.outcome == .holdsPlace }), capacity == nil {
      report(
        node, .packHoldsPlace,
        "programme '\(id)' has an exclusion with outcome holds_place but no capacity")
    }
    return Programme(
      id: id, name: name, description: description, eligibility: eligibility,
      exclusions: exclusions, priority: priority, capacity: capacity, ties: ties, route: route,
      file: node.file, location: node.range.start)
  }

  private func condition(_ item: YAMLMappingReader) -> Condition? {
    let condition = conditionFields(item)
    item.reportUnknownKeys()
    return condition
  }

  /// An exclusion: a condition with what happens to the person it applies to.
  private func exclusion(_ item: YAMLMappingReader) -> Condition? {
    var condition = conditionFields(item)
    let outcome = choice(
      item.string("outcome"), of: Condition.Outcome.self, key: "outcome", in: item,
      id: .packExclusionOutcome)
    let note = item.string("note")
    item.reportUnknownKeys()
    if let outcome { condition?.outcome = outcome }
    if condition?.outcome == .listed, note == nil {
      report(
        item.node, .packExclusionNote,
        "an exclusion with outcome listed needs a 'note' saying what to do (\"inform the allocated worker\")"
      )
    }
    condition?.note = note ?? ""
    return condition
  }

  /// The value a key names among an enumeration's cases, or `nil` (reported when the text
  /// names none of them).
  private func choice<Choice: RawRepresentable & CaseIterable>(
    _ text: String?, of: Choice.Type, key: String, in reader: YAMLMappingReader, id: DiagnosticID
  ) -> Choice? where Choice.RawValue == String {
    guard let text else { return nil }
    if let value = Choice(rawValue: text) { return value }
    let known = Choice.allCases.map(\.rawValue)
    report(
      reader.node(key) ?? reader.node, id,
      "\(key) must be one of \(known.joined(separator: ", ")), not '\(text)'"
        + Suggestions.didYouMean(text, in: known))
    return nil
  }

  private func conditionFields(_ item: YAMLMappingReader) -> Condition? {
    let id = item.string("id", required: true)
    let description = item.string("description", required: true)
    let when = expression(item, "when", required: true)
    guard let id, let description, let when else { return nil }
    checkIdentifier(id, item, what: "condition")
    return Condition(id: id, description: description, when: when)
  }
}
