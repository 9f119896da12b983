import SignpostCEL

/// Data a rule needed and did not have, which makes it *not evaluated*: a field with no value
/// for the person, a whole source that was not supplied, or an indicator of a linked person
/// that was itself not evaluated.
public enum MissingInput: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// A field with no value, named by its path: `person.attendance`, `police_contacts.date`.
  case field(String)
  /// A source whose extract was not supplied (or whose every row was rejected): `police`.
  case source(String)
  /// An indicator, by id, that a linked person's result in a stored run leaves not evaluated
  /// (an explanation reads linked persons' outcomes from the run, not their reasons).
  case linkedIndicator(String)

  /// How an unknown value's attribute spells a source: `source police`.
  private static let sourcePrefix = "source "
  /// How an unknown value's attribute spells a linked indicator:
  /// `indicator gang_sibling of a linked person`.
  private static let linkedPrefix = "indicator "
  private static let linkedSuffix = " of a linked person"

  /// The input an unknown value's attribute names (the inverse of ``attribute``).
  public init(attribute: String) {
    if attribute.hasPrefix(Self.sourcePrefix) {
      self = .source(String(attribute.dropFirst(Self.sourcePrefix.count)))
    } else if attribute.hasPrefix(Self.linkedPrefix), attribute.hasSuffix(Self.linkedSuffix),
      attribute.count > Self.linkedPrefix.count + Self.linkedSuffix.count
    {
      self = .linkedIndicator(
        String(attribute.dropFirst(Self.linkedPrefix.count).dropLast(Self.linkedSuffix.count)))
    } else {
      self = .field(attribute)
    }
  }

  /// The input as an attribute of an unknown value, and as explanations name it:
  /// `person.attendance`, `source police`, `indicator gang_sibling of a linked person`.
  public var attribute: String {
    switch self {
    case .field(let path): path
    case .source(let source): Self.sourcePrefix + source
    case .linkedIndicator(let id): Self.linkedPrefix + id + Self.linkedSuffix
    }
  }

  /// The value of an expression that reads this input.
  public var unknown: CELValue { .unknown(CELUnknown([attribute])) }

  /// The inputs an unknown value names, in the order explanations list them.
  public static func all(in unknown: CELUnknown) -> [MissingInput] {
    unknown.attributes.sorted().map(MissingInput.init(attribute:))
  }

  public var description: String { attribute }

  public static func < (a: MissingInput, b: MissingInput) -> Bool { a.attribute < b.attribute }
}
