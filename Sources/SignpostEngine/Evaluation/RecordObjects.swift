import SignpostCEL
import SignpostRules

/// The data record objects read, shared by every object of one evaluation.
final class RecordData: Sendable {
  let population: Population
  let provider: PackTypeProvider
  /// The record type name of each event list.
  let eventTypeNames: [String]
  /// The source of each event list, for the "not supplied" unknown.
  let eventSources: [MissingInput]
  let fieldCount: Int

  init(population: Population, pack: CompiledPack) {
    self.population = population
    provider = pack.provider
    eventTypeNames = pack.schema.eventLists.map { "Event.\($0.name)" }
    eventSources = pack.schema.eventLists.map { .source($0.source) }
    fieldCount = pack.schema.personFields.count
  }

  /// Another population's records of the same pack, the pack's names taken from `other`.
  init(population: Population, like other: RecordData) {
    self.population = population
    provider = other.provider
    eventTypeNames = other.eventTypeNames
    eventSources = other.eventSources
    fieldCount = other.fieldCount
  }
}

/// A person as the `person` variable: `id`, the fields, then the event lists.
struct PersonObject: CELObject {
  let data: RecordData
  let person: Int

  var typeName: String { PackTypeProvider.person }

  func field(at slot: Int) -> CELValue {
    if slot == 0 { return .string(data.population.ids[person]) }
    let field = slot - 1
    if field < data.fieldCount { return data.population.fields[field].value(person) }
    let list = field - data.fieldCount
    guard list < data.population.events.count else { return .error(CELError("no such field")) }
    guard let table = data.population.events[list] else {
      return data.eventSources[list].unknown
    }
    return .list(
      table.rows(of: person).map { .object(EventObject(data: data, list: list, row: $0)) })
  }

  /// `has(person.f)` is unknown, not false, when the field's source was not supplied.
  func has(_ slot: Int) -> CELValue {
    if let source = unsuppliedSource(slot) { return source.unknown }
    if case .unknown = field(at: slot) { return .bool(false) }
    return .bool(true)
  }

  /// The source not supplied that a field or event list at `slot` comes from, if any.
  private func unsuppliedSource(_ slot: Int) -> MissingInput? {
    let field = slot - 1
    guard field >= 0 else { return nil }
    if field < data.fieldCount { return data.population.fields[field].unsupplied }
    let list = field - data.fieldCount
    guard list < data.population.events.count, data.population.events[list] == nil else {
      return nil
    }
    return data.eventSources[list]
  }

  func field(named name: String) -> CELValue? {
    data.provider.fieldSlot(of: typeName, field: name).map(field(at:))
  }
}

/// One event of a list.
struct EventObject: CELObject {
  let data: RecordData
  let list: Int
  let row: Int

  var typeName: String { data.eventTypeNames[list] }

  func field(at slot: Int) -> CELValue {
    guard let table = data.population.events[list], slot < table.columns.count else {
      return .error(CELError("no such field"))
    }
    return table.columns[slot].value(row)
  }

  func field(named name: String) -> CELValue? {
    data.provider.fieldSlot(of: typeName, field: name).map(field(at:))
  }
}

/// A person's indicator outcomes as the `indicators` variable (or a linked person's).
struct IndicatorsObject: CELObject {
  let outcomes: [IndicatorOutcome?]
  let ids: [String]
  let typeName: String

  func field(at slot: Int) -> CELValue {
    guard slot < outcomes.count else { return .error(CELError("no such indicator")) }
    guard let outcome = outcomes[slot] else {
      return .error(CELError("indicator '\(ids[slot])' read before it was evaluated"))
    }
    return outcome.value(named: ids[slot])
  }

  func field(named name: String) -> CELValue? {
    ids.firstIndex(of: name).map(field(at:))
  }
}

/// A linked person: the person's fields, their indicators, and the relation.
struct LinkedObject: CELObject {
  let person: PersonObject
  let indicators: IndicatorsObject
  let relation: String

  var typeName: String { PackTypeProvider.linked }

  func field(at slot: Int) -> CELValue {
    let personSlots = person.data.provider.personSlotCount
    if slot < personSlots { return person.field(at: slot) }
    if slot == personSlots { return .object(indicators) }
    return .string(relation)
  }

  func has(_ slot: Int) -> CELValue {
    slot < person.data.provider.personSlotCount ? person.has(slot) : .bool(true)
  }

  func field(named name: String) -> CELValue? {
    person.data.provider.fieldSlot(of: typeName, field: name).map(field(at:))
  }
}

/// The `links` variable: for each relation, the linked persons.
struct LinksObject: CELObject {
  let byRelation: [CELValue]
  let relations: [String]

  var typeName: String { PackTypeProvider.links }

  func field(at slot: Int) -> CELValue {
    slot < byRelation.count ? byRelation[slot] : .error(CELError("no such relation"))
  }

  func field(named name: String) -> CELValue? {
    relations.firstIndex(of: name).map(field(at:))
  }
}
