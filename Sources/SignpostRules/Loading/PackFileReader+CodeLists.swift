import SignpostSource
import SignpostYAML

extension PackFileReader {
  /// Checks every code list of every source: it must name a field the source supplies (a
  /// person field, `list.field` of one of its event lists, an input column of one of its
  /// tables, or `relation` for its links), and every code must map to a value that field can
  /// hold. Problems are reported at the list's name or at the code's value.
  func checkCodeLists(_ schema: Schema, sources node: YAMLNode?) {
    for pair in node?.pairs ?? [] {
      guard let source = schema.source(named: pair.keyText),
        let values = pair.value.pairs?.first(where: { $0.keyText == "values" })?.value,
        let codes = values.pairs?.first(where: { $0.keyText == "codes" })?.value
      else { continue }
      for list in codes.pairs ?? [] {
        guard let target = codeTarget(list.keyText, at: list.key, source: source, schema: schema)
        else { continue }
        for code in list.value.pairs ?? [] {
          checkCode(code, list: list.keyText, target: target, source: source)
        }
      }
    }
  }

  /// What a code list's values must be.
  private enum CodeTarget {
    case type(FieldType)
    case relation([String])
  }

  /// The field a code list names, or `nil` after reporting that it names none.
  private func codeTarget(
    _ name: String, at node: YAMLNode, source: SourceDeclaration, schema: Schema
  ) -> CodeTarget? {
    let lists = schema.eventLists.filter { $0.source == source.id }
    if let dot = name.firstIndex(of: ".") {
      let listName = String(name[..<dot])
      let fieldName = String(name[name.index(after: dot)...])
      guard let list = schema.eventList(named: listName) else {
        report(
          node, .schemaCodeList,
          "code list '\(name)' names unknown event list '\(listName)'"
            + Suggestions.didYouMean(listName, in: lists.map(\.name)))
        return nil
      }
      guard list.source == source.id else {
        report(
          node, .schemaCodeList,
          "code list '\(name)' is for event list '\(listName)', which comes from source '\(list.source)', not '\(source.id)'"
        )
        return nil
      }
      guard let field = list.recordFields.first(where: { $0.name == fieldName }) else {
        report(
          node, .schemaCodeList,
          "event list '\(listName)' has no field '\(fieldName)'"
            + Suggestions.didYouMean(fieldName, in: list.recordFields.map(\.name)))
        return nil
      }
      return .type(field.type)
    }
    if let field = schema.personFields.first(where: {
      $0.name == name && $0.sources.contains(source.id)
    }) {
      return .type(field.type)
    }
    let inputs = source.tables.flatMap(\.inputs)
    if let input = inputs.first(where: { $0.column == name }) { return .type(input.type) }
    if name == "relation", source.tables.contains(where: { $0.content == .links }) {
      return .relation(schema.relations.map(\.name))
    }
    let candidates =
      schema.personFields.filter { $0.sources.contains(source.id) }.map(\.name)
      + inputs.map(\.column)
      + lists.flatMap { list in list.recordFields.map { "\(list.name).\($0.name)" } }
    report(
      node, .schemaCodeList,
      "code list '\(name)' names no field of source '\(source.id)'"
        + Suggestions.didYouMean(name, in: candidates),
      notes: [
        "name a person field the source supplies, 'list.field' for an event field, or an input column"
      ])
    return nil
  }

  /// Checks that one code maps to a value its field can hold.
  private func checkCode(
    _ code: YAMLPair, list: String, target: CodeTarget, source: SourceDeclaration
  ) {
    guard let value = code.value.scalar?.value else {
      report(code.value, .schemaCodeList, "code '\(code.keyText)' must map to a single value")
      return
    }
    let lead = "code '\(code.keyText)' of code list '\(list)' maps to '\(value)', which"
    switch target {
    case .relation(let relations):
      if !relations.contains(value) {
        report(
          code.value, .schemaCodeList,
          "\(lead) is not a relation" + Suggestions.didYouMean(value, in: relations),
          notes: ["relations: \(relations.joined(separator: ", "))"])
      }
    case .type(let type):
      let format = source.format
      switch type {
      case .enumeration(let values):
        if !values.contains(value) {
          report(
            code.value, .schemaCodeList,
            "\(lead) is not one of its values" + Suggestions.didYouMean(value, in: values),
            notes: ["values: \(values.joined(separator: ", "))"])
        }
      case .bool:
        if !format.trueValues.contains(value), !format.falseValues.contains(value) {
          report(
            code.value, .schemaCodeList,
            "\(lead) is not a yes/no spelling of source '\(source.id)'",
            notes: [
              "true: \(format.trueValues.joined(separator: ", ")); false: \(format.falseValues.joined(separator: ", "))"
            ])
        }
      case .int:
        if Int64(value) == nil {
          report(code.value, .schemaCodeList, "\(lead) is not a whole number")
        }
      case .double:
        if Double(value) == nil {
          report(code.value, .schemaCodeList, "\(lead) is not a number")
        }
      case .date:
        let bytes = Array(value.utf8)
        if !format.dateFormats.contains(where: { DatePattern($0)?.parse(bytes) != nil }) {
          report(
            code.value, .schemaCodeList,
            "\(lead) is not a date in the source's formats (\(format.dateFormats.joined(separator: ", ")))"
          )
        }
      case .string:
        break
      }
    }
  }
}
