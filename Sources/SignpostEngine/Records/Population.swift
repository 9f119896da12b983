import SignpostCEL
import SignpostRules

/// One person's data as expressions read it: field values in schema order (`.unknown`
/// where missing) and event lists (`nil` where the source was not supplied).
public struct PersonRecord: Sendable {
  public var id: String
  /// Values of the schema's person fields, in declaration order.
  public var fields: [CELValue]
  /// Each event list's events, in schema order; `nil` when its source was not supplied.
  public var events: [[EventRecord]?]

  public init(id: String, fields: [CELValue], events: [[EventRecord]?]) {
    self.id = id
    self.fields = fields
    self.events = events
  }
}

/// One event: its date first, then the list's fields in schema order.
public struct EventRecord: Sendable {
  public var values: [CELValue]

  public init(values: [CELValue]) {
    self.values = values
  }
}

/// A directed link from one person to another, by index into the population.
public struct PersonLink: Sendable, Hashable {
  public var from: Int
  public var to: Int
  /// The index of the relation in the schema.
  public var relation: Int

  public init(from: Int, to: Int, relation: Int) {
    self.from = from
    self.to = to
    self.relation = relation
  }
}

/// Everyone to be scored, with the links between them and which sources were supplied.
public struct Population: Sendable {
  public private(set) var people: [PersonRecord] = []
  /// For each person, the links that start at them, by relation.
  public private(set) var links: [[PersonLink]] = []
  private var index: [String: Int] = [:]
  /// The sources whose data was supplied; fields from others are not evaluated.
  public var suppliedSources: Set<String>

  public init(suppliedSources: Set<String>) {
    self.suppliedSources = suppliedSources
  }

  public var count: Int { people.count }

  /// The index of the person with this id.
  public func index(of id: String) -> Int? { index[id] }

  /// Adds a person; returns `false` (adding nothing) if the id is already present.
  @discardableResult
  public mutating func add(_ person: PersonRecord) -> Bool {
    guard index[person.id] == nil else { return false }
    index[person.id] = people.count
    people.append(person)
    links.append([])
    return true
  }

  /// Appends an event to one of a person's lists; the list must have been supplied.
  public mutating func appendEvent(_ event: EventRecord, person: Int, list: Int) {
    people[person].events[list]?.append(event)
  }

  /// Adds a link, and its reverse when the relation is symmetric.
  public mutating func link(_ link: PersonLink, symmetric: Bool) {
    links[link.from].append(link)
    if symmetric, link.from != link.to {
      links[link.to].append(PersonLink(from: link.to, to: link.from, relation: link.relation))
    }
  }

  /// Sorts each person's links so that evaluation does not depend on input order.
  public mutating func normaliseLinks() {
    for i in links.indices {
      links[i] = Array(Set(links[i])).sorted {
        ($0.relation, people[$0.to].id) < ($1.relation, people[$1.to].id)
      }
    }
  }
}
