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
  /// The file that joins each source's own person ids to the pack's person ids, if any.
  public var linkage: LinkageDeclaration?

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
  /// The sources that supply the field (person fields only), in precedence order: when
  /// they disagree, the first with a value wins.
  public var sources: [String]
  public var location: SourceLocation
  /// Bounds, a pattern, null spellings and the unknown-code policy of the field's values.
  public var checks = FieldChecks()
  /// What the field means (``FieldMeaning``): its `means:`, or its name when that is a word
  /// of the vocabulary; `nil` otherwise.
  public var meaning: String?

  /// The source of highest precedence.
  public var source: String? { sources.first }

  public init(
    name: String, type: FieldType, description: String, sources: [String],
    location: SourceLocation
  ) {
    self.name = name
    self.type = type
    self.description = description
    self.sources = sources
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
  /// What the list holds (``FieldMeaning``): its `means:`, or its name when that is a word of
  /// the vocabulary; `nil` otherwise.
  public var meaning: String?

  public func field(named name: String) -> FieldDeclaration? {
    fields.first { $0.name == name }
  }

  /// The fields of one event as records hold them: `date` first, then the declared fields.
  public var recordFields: [FieldDeclaration] {
    [FieldDeclaration(name: "date", type: .date, description: "", sources: [], location: location)]
      + fields
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
  /// The lawful basis for sharing person-level records (DOMAIN.md: s.16 does not cover health
  /// or social care), or ``unconfirmedGateway`` while no such basis has been confirmed.
  public var gateway: String
  /// What is known and what a DPO must confirm, for an unconfirmed gateway.
  public var gatewayNote: String = ""
  public var tables: [SourceTable]
  public var format: SourceFormat
  public var location: SourceLocation
  /// How long the partnership keeps the source's data and the results drawn from it, in
  /// words (`retention` in schema.yaml), for the pack's public record; `nil` if not stated.
  public var retention: String? = nil

  /// The `gateway` that marks a source whose person-level sharing has no confirmed basis.
  public static let unconfirmedGateway = "unconfirmed"

  /// Whether the source names a gateway rather than being marked unconfirmed.
  public var gatewayConfirmed: Bool { gateway != Self.unconfirmedGateway }
}

/// How a source writes its values.
public struct SourceFormat: Sendable {
  /// Date patterns such as `yyyy-MM-dd` or `dd/MM/yyyy`, tried in order.
  public var dateFormats: [String]
  public var trueValues: [String]
  public var falseValues: [String]
  /// Cell values that mean "no value".
  public var nullValues: [String]
  /// Per field (`field`, `list.field`, an input column or `relation`): source code → the
  /// value's text, read as the field's type (an enum value, a yes/no spelling, a number).
  public var codes: [String: [String: String]]
  /// The codes of each list in the order written: the first code for a value is the one the
  /// source writes now, later ones older spellings still read.
  public var codeOrder: [String: [String]] = [:]

  public static let standard = SourceFormat(
    dateFormats: ["yyyy-MM-dd"], trueValues: ["true", "TRUE", "True", "Y", "yes", "Yes", "1"],
    falseValues: ["false", "FALSE", "False", "N", "no", "No", "0"],
    nullValues: ["", "NULL", "null"],
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

  /// The file's path under the input folder; `*` and `?` match several files.
  public var path: String
  public var format: Format
  public var content: Content
  /// The column holding the person id.
  public var keyColumn: String
  /// The id system of the key (`upn`, `police_id`, `nhs_number`), joined to person ids
  /// through the linkage file; `nil` when the key is the pack's own person id.
  public var idSystem: String?
  /// Whether a person may have several rows (one per term, say), combined by `derive`.
  public var manyRows: Bool
  /// Typed source columns that `derive` expressions read, by column name.
  public var inputs: [(column: String, type: FieldType)]
  /// Person fields computed from the table's rows (`rows`, a list of the typed inputs).
  public var derive: [(field: String, expression: PackExpression)]
  /// Record field name → source column name, where they differ.
  public var columns: [String: String]
  public var location: SourceLocation
  /// `default:` — with `rows: many`, the value (as text, read as the field's type) a field
  /// takes for a person with no rows in the table's files (no absence rows: 0 sessions).
  public var defaults: [(field: String, value: String)] = []
  /// `where:` — only rows whose columns hold one of these values belong to the table (one
  /// file can feed several event lists); the others are skipped, and counted.
  public var filter: [(column: String, values: [String])] = []

  /// The column a field is read from.
  public func column(for field: String) -> String { columns[field] ?? field }

  /// Whether the path names several files.
  public var isGlob: Bool { path.contains("*") || path.contains("?") }
}

/// The linkage file produced by the council's data matching: one row per source record id,
/// naming the person id it was matched to, how, and how confidently.
public struct LinkageDeclaration: Sendable {
  public var path: String
  /// Column names: `system`, `source_id`, `person_id`, `method`, `score`.
  public var columns: [String: String]
  /// Links scoring below this are treated as unmatched.
  public var minimumScore: Double
  /// Match methods accepted whatever their score (a clerical review with a blank score).
  public var acceptedMethods: [String] = []
  public var location: SourceLocation

  public init(
    path: String, columns: [String: String], minimumScore: Double, acceptedMethods: [String] = [],
    location: SourceLocation
  ) {
    self.path = path
    self.columns = columns
    self.minimumScore = minimumScore
    self.acceptedMethods = acceptedMethods
    self.location = location
  }

  public static let columnNames = ["system", "source_id", "person_id", "method", "score"]

  public func column(_ name: String) -> String { columns[name] ?? name }
}

/// What a field's values must satisfy beyond their type, as `schema.yaml` declares it.
public struct FieldChecks: Sendable, Hashable {
  /// Numbers below `minimum` or above `maximum` are rejected.
  public var minimum: Double?
  public var maximum: Double?
  /// A regular expression a string must match whole (a URN is `[0-9]{6}`).
  public var pattern: String?
  /// Cell values that mean "no value" for this field, in place of its source's `null`
  /// (`[]`: an empty cell is an empty value, not a missing one).
  public var nullValues: [String]?
  /// Whether a code outside the code list keeps the row, with the field unknown and a
  /// warning (`unknown_codes: unknown`), instead of rejecting it.
  public var keepUnknownCodes = false

  public init() {}

  /// Whether `pattern` compiles as a regular expression.
  public static func isValidPattern(_ pattern: String) -> Bool {
    (try? Regex(pattern)) != nil
  }
}
