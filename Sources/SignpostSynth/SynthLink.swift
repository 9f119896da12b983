/// A link between two persons. Symmetric relations are held once per pair, with
/// `from < to`; `parent_carer` runs from the child to the adult.
struct SynthLink: Sendable, Hashable, Comparable {
  var from: Int32
  var to: Int32
  var relation: SynthRelation

  static func < (a: SynthLink, b: SynthLink) -> Bool {
    (a.from, a.relation.rawValue, a.to) < (b.from, b.relation.rawValue, b.to)
  }
}

/// The relations the model makes, by the Wigan schema's relation names.
enum SynthRelation: Int, CaseIterable, Sendable {
  case sibling
  case parentCarer
  case household
  case peer
  case coOffender

  /// The relation's name in a schema.
  var name: String {
    switch self {
    case .sibling: "sibling"
    case .parentCarer: "parent_carer"
    case .household: "household"
    case .peer: "peer"
    case .coOffender: "co_offender"
    }
  }

  /// Whether the link reads the same both ways, as the model makes it.
  var symmetric: Bool { self != .parentCarer }
}
