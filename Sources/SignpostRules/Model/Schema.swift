import SignpostSource

/// `schema.yaml`: the record model (person fields, event lists, link relations) and the
/// sources the data comes from.
public struct Schema: Sendable {
  /// The person's own fields, in declaration order.
  public var personFields: [FieldDeclaration]
  /// The field holding the date of birth, from which `age` is computed, if any.
  public var birthDateField: String?
  /// Typed event lists, in declaration order.
  public var eventLists: [EventListDeclaration]
  /// The kinds of link between persons (sibling, peer, ...).
  public var relations: [RelationDeclaration]
  /// The partners' data sources, in declaration order.
  public var sources: [SourceDeclaration]

  public func field(named name: String) -> FieldDeclaration? {
    personFields.first { $0.name == name }
  }

  public func eventList(named name: String) -> EventListDeclaration? {
    eventLists.first { $0.name == name }
  }

  public func source(named name: String) -> SourceDeclaration? {
    sources.first { $0.id == name }
  }
}

/// The type of a field.
public enum FieldType: Sendable, Hashable, CustomStringConvertible {
  case bool
  case int
  case double
  case string
  case date
  /// One of a closed set of values.
  case enumeration([String])

  public var description: String {
    switch self {
    case .bool: "bool"
    case .int: "int"
    case .double: "double"
    case .string: "string"
    case .date: "date"
    case .enumeration(let values): "enum(\(values.joined(separator: ", ")))"
    }
  }
}

/// A typed field of a person or an event.
public struct FieldDeclaration: Sendable {
  public var name: String
  public var type: FieldType
  public var description: String
  /// The source that supplies the field (person fields only).
  public var source: String?
  public var location: SourceLocation

  public init(
    name: String, type: FieldType, description: String, source: String?, location: SourceLocation
  ) {
    self.name = name
    self.type = type
    self.description = description
    self.source = source
    self.location = location
  }
}

/// A typed list of events, such as police contacts, supplied by one source.
public struct EventListDeclaration: Sendable {
  public var name: String
  public var description: String
  public var source: String
  /// Every event has a `date`; these are the other fields.
  public var fields: [FieldDeclaration]
  public var location: SourceLocation

  public func field(named name: String) -> FieldDeclaration? {
    fields.first { $0.name == name }
  }
}

/// A kind of link between two persons.
public struct RelationDeclaration: Sendable {
  public var name: String
  public var description: String
  /// Whether the link reads the same both ways (siblings, peers).
  public var symmetric: Bool
}

/// A partner's data source: who supplies it, the legal gateway it is shared under, and how
/// its files map onto the record model.
public struct SourceDeclaration: Sendable {
  public var id: String
  public var description: String
  /// The lawful basis for sharing (DOMAIN.md: s.16 does not cover health or social care).
  public var gateway: String
  public var tables: [SourceTable]
  public var format: SourceFormat
  public var location: SourceLocation
}

/// How a source writes its values.
public struct SourceFormat: Sendable {
  /// Date patterns such as `yyyy-MM-dd` or `dd/MM/yyyy`, tried in order.
  public var dateFormats: [String]
  public var trueValues: [String]
  public var falseValues: [String]
  /// Cell values that mean "no value".
  public var nullValues: [String]
  /// Per field (`field` or `list.field`): source code → enum value.
  public var codes: [String: [String: String]]

  public static let standard = SourceFormat(
    dateFormats: ["yyyy-MM-dd"], trueValues: ["true", "TRUE", "True", "Y", "yes", "Yes", "1"],
    falseValues: ["false", "FALSE", "False", "N", "no", "No", "0"], nullValues: ["", "NULL", "null"],
    codes: [:])
}

/// One file (or glob) of a source, and what it holds.
public struct SourceTable: Sendable {
  public enum Content: Sendable, Hashable {
    /// Person fields, one row per person.
    case person
    /// One event list, one row per event.
    case events(String)
    /// Links between persons, one row per link.
    case links
    /// Nested persons, one JSON object per line, with fields, event lists and links.
    case nested
  }

  public enum Format: String, Sendable {
    case csv
    case ndjson
  }

  public var path: String
  public var format: Format
  public var content: Content
  /// The column holding the person id.
  public var keyColumn: String
  /// Record field name → source column name, where they differ.
  public var columns: [String: String]
  public var location: SourceLocation

  /// The column a field is read from.
  public func column(for field: String) -> String { columns[field] ?? field }
}
