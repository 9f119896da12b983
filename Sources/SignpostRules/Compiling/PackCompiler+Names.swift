import SignpostCEL
import SignpostSource

extension PackCompiler {
  /// Names every `Person` record has besides the schema's fields and event lists.
  static let personNames: Set<String> = ["id"]
  /// Names a linked person (`links.sibling[0]`) adds to the `Person` fields.
  static let linkedNames: Set<String> = ["indicators", "relation"]
  /// The most enum values a field may have: records hold them as 16-bit codes, one kept for
  /// "missing".
  static let maximumEnumValues = Int(UInt16.max)

  /// Checks the names the record types are built from: no field may take a name the language
  /// or the record model uses, and enum fields must fit their codes. Returns whether the
  /// record types can be built: the loader reports a clash among person fields, event lists
  /// and `id` (`schema.duplicate-name`) or an event field named `date` (`schema.event-date`),
  /// and either leaves a record with two fields of one name.
  static func checkNames(_ pack: RulePack, _ bag: inout DiagnosticBag) -> Bool {
    let schema = pack.schema
    let schemaFile = pack.files.first { $0.path.hasSuffix("/schema.yaml") }
    func reserved(_ name: String, _ what: String, _ reason: String, at location: SourceLocation) {
      bag.append(PackDiagnostics.reservedName(name, what, reason, file: schemaFile, at: location))
    }
    func checkKeyword(_ name: String, _ what: String, at location: SourceLocation) {
      if CELNames.keywords.contains(name) {
        reserved(name, what, "it is a CEL keyword", at: location)
      }
    }
    func checkEnum(_ field: FieldDeclaration, _ what: String, named name: String) {
      if case .enumeration(let values) = field.type, values.count > maximumEnumValues {
        bag.append(
          PackDiagnostics.tooManyValues(
            name, what, count: values.count, limit: maximumEnumValues, file: schemaFile,
            at: field.location))
      }
    }

    for field in schema.personFields {
      checkKeyword(field.name, "person field", at: field.location)
      if linkedNames.contains(field.name) {
        reserved(
          field.name, "person field", "a linked person has '\(field.name)'", at: field.location)
      }
      checkEnum(field, "person field", named: field.name)
    }
    for list in schema.eventLists {
      checkKeyword(list.name, "event list", at: list.location)
      if linkedNames.contains(list.name) {
        reserved(list.name, "event list", "a linked person has '\(list.name)'", at: list.location)
      }
      for field in list.fields {
        checkKeyword(field.name, "event field", at: field.location)
        checkEnum(field, "event field", named: "\(list.name).\(field.name)")
      }
    }
    let variables = Set(baseVariables(schema).keys)
    for indicator in pack.indicators {
      if CELNames.keywords.contains(indicator.id) {
        bag.append(
          PackDiagnostics.reservedName(
            indicator.id, "indicator id", "it is a CEL keyword", file: indicator.file,
            at: indicator.location))
      }
      for (name, expression) in indicator.evidence {
        let reason: String? =
          CELNames.keywords.contains(name) || CELNames.reservedWords.contains(name)
          ? "it is a CEL reserved word"
          : variables.contains(name) ? "it would hide the variable '\(name)'" : nil
        if let reason {
          bag.append(
            PackDiagnostics.reservedName(
              name, "evidence name", reason, file: expression.source.file,
              at: expression.location))
        }
      }
    }
    let records =
      [Array(personNames) + schema.personFields.map(\.name) + schema.eventLists.map(\.name)]
      + schema.eventLists.map { $0.recordFields.map(\.name) }
    return records.allSatisfy { Set($0).count == $0.count }
  }
}
