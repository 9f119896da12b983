import Foundation
import SignpostRules

/// The API's OpenAPI 3.1 document, `OpenAPI/openapi.yaml` in the module's resources. The
/// repository's copy describes a referral's record in general terms; the service serves it
/// with the record's components written out from the serving pack's schema
/// (``served(schema:)``), so that a client, or schemathesis, sees every source, relation,
/// field, list, type and value the pack takes.
public enum OpenAPIDocument {
  /// The document's text, or `nil` if the resource is missing.
  public static let yaml: String? = Bundle.module.url(
    forResource: "openapi", withExtension: "yaml", subdirectory: "OpenAPI"
  ).flatMap { try? String(contentsOf: $0, encoding: .utf8) }

  /// The document with the components `ScoreRequest`, `Link`, `PersonRecord` and
  /// `LinkedPerson` written from the schema, each as one JSON line (JSON is YAML); `nil` if
  /// the resource is missing.
  public static func served(schema: Schema) -> String? {
    guard let yaml else { return nil }
    var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (name, component) in components(schema) {
      let header = "    \(name):"
      guard let start = lines.firstIndex(of: header),
        let data = try? JSONSerialization.data(
          withJSONObject: component, options: [.sortedKeys, .withoutEscapingSlashes]),
        let json = String(data: data, encoding: .utf8)
      else { return nil }
      let end =
        lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix("      ") }
        ?? lines.endIndex
      lines.replaceSubrange(start..<end, with: ["\(header) \(json)"])
    }
    return lines.joined(separator: "\n")
  }

  /// The record's components as JSON Schemas, by name.
  static func components(_ schema: Schema) -> [(String, [String: Any])] {
    let strict: [String: Any] = ["type": "object", "additionalProperties": false]
    var request = strict
    request["required"] = ["person"]
    request["properties"] =
      [
        "as_of": ["type": ["string", "null"], "format": "date"],
        "sources": [
          "type": ["array", "null"], "items": ["enum": schema.sources.map(\.id)],
        ] as [String: Any],
        "person": ["$ref": "#/components/schemas/PersonRecord"],
        "links": ["type": ["array", "null"], "items": ["$ref": "#/components/schemas/Link"]],
      ] as [String: Any]
    var link = strict
    link["required"] = ["relation", "person"]
    link["properties"] = [
      "relation": ["enum": schema.relations.map(\.name)],
      "person": ["$ref": "#/components/schemas/LinkedPerson"],
    ]
    var record = strict
    record["required"] = ["id"]
    record["properties"] = fields(schema).merging([
      "id": ["type": "string", "minLength": 1, "maxLength": ReferralRecord.idLimit]
    ]) { _, id in id }
    var linked = strict
    linked["properties"] = fields(schema)
    return [
      ("ScoreRequest", request), ("Link", link), ("PersonRecord", record),
      ("LinkedPerson", linked),
    ]
  }

  /// Each person field and each event list of the schema, as JSON Schemas.
  private static func fields(_ schema: Schema) -> [String: Any] {
    var properties: [String: Any] = [:]
    for field in schema.personFields {
      properties[field.name] = value(field, sources: field.sources)
    }
    for list in schema.eventLists {
      var fields: [String: Any] = [:]
      for field in list.recordFields { fields[field.name] = value(field, sources: []) }
      fields["date"] = ["type": "string", "format": "date"]
      properties[list.name] =
        [
          "type": ["array", "null"],
          "description": list.description.isEmpty ? "From \(list.source)." : list.description,
          "items": [
            "type": "object", "additionalProperties": false, "required": ["date"],
            "properties": fields,
          ] as [String: Any],
        ] as [String: Any]
    }
    return properties
  }

  /// The JSON Schema of one field's value, or null (missing).
  private static func value(_ field: FieldDeclaration, sources: [String]) -> [String: Any] {
    var schema: [String: Any] = [:]
    switch field.type {
    case .bool: schema["type"] = ["boolean", "null"]
    case .int:
      schema["type"] = ["integer", "null"]
      schema["minimum"] =
        field.checks.minimum.flatMap { Int64(exactly: $0.rounded(.up)) } ?? Int64.min
      schema["maximum"] =
        field.checks.maximum.flatMap { Int64(exactly: $0.rounded(.down)) } ?? Int64.max
    case .double:
      schema["type"] = ["number", "null"]
      if let minimum = field.checks.minimum { schema["minimum"] = minimum }
      if let maximum = field.checks.maximum { schema["maximum"] = maximum }
    case .string:
      schema["type"] = ["string", "null"]
      if let pattern = field.checks.pattern { schema["pattern"] = "^(?:\(pattern))$" }
    case .date:
      schema["type"] = ["string", "null"]
      schema["format"] = "date"
    case .enumeration(let values):
      schema["enum"] = values + [NSNull()]
    }
    let from = sources.isEmpty ? "" : "From \(sources.joined(separator: ", ")). "
    if !from.isEmpty || !field.description.isEmpty {
      schema["description"] = from + field.description
    }
    return schema
  }
}
