import SignpostCEL
import SignpostRules

/// What record objects need to know about the pack, computed once per evaluator.
struct RecordContext: Sendable {
  let provider: PackTypeProvider
  /// The source of each event list, for the "not supplied" unknown.
  let eventSources: [String]
  /// The record type name of each event list.
  let eventTypeNames: [String]

  init(pack: CompiledPack) {
    provider = pack.provider
    eventSources = pack.schema.eventLists.map(\.source)
    eventTypeNames = pack.schema.eventLists.map { "Event.\($0.name)" }
  }
}

/// A person as the `person` variable: `id`, the fields, then the event lists.
struct PersonObject: CELObject {
  let record: PersonRecord
  let context: RecordContext

  var typeName: String { PackTypeProvider.person }

  func field(at slot: Int) -> CELValue {
    if slot == 0 { return .string(record.id) }
    let fieldIndex = slot - 1
    if fieldIndex < record.fields.count { return record.fields[fieldIndex] }
    let listIndex = fieldIndex - record.fields.count
    guard listIndex < record.events.count else { return .error(CELError("no such field")) }
    guard let events = record.events[listIndex] else {
      return .unknown(CELUnknown(["source \(context.eventSources[listIndex])"]))
    }
    let eventType = context.eventTypeNames[listIndex]
    return .list(
      events.map { .object(EventObject(record: $0, typeName: eventType, context: context)) })
  }

  func hasField(at slot: Int) -> Bool {
    if case .unknown = field(at: slot) { return false }
    return true
  }

  func field(named name: String) -> CELValue? {
    context.provider.fieldSlot(of: typeName, field: name).map(field(at:))
  }
}

/// One event of a list.
struct EventObject: CELObject {
  let record: EventRecord
  let typeName: String
  let context: RecordContext

  func field(at slot: Int) -> CELValue {
    slot < record.values.count ? record.values[slot] : .error(CELError("no such field"))
  }

  func hasField(at slot: Int) -> Bool {
    if case .unknown = field(at: slot) { return false }
    return true
  }

  func field(named name: String) -> CELValue? {
    context.provider.fieldSlot(of: typeName, field: name).map(field(at:))
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

  func hasField(at slot: Int) -> Bool { slot < outcomes.count }

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
    let personSlots = person.context.provider.personSlotCount
    if slot < personSlots { return person.field(at: slot) }
    if slot == personSlots { return .object(indicators) }
    return .string(relation)
  }

  func hasField(at slot: Int) -> Bool {
    if case .unknown = field(at: slot) { return false }
    return true
  }

  func field(named name: String) -> CELValue? {
    person.context.provider.fieldSlot(of: typeName, field: name).map(field(at:))
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

  func hasField(at slot: Int) -> Bool { slot < byRelation.count }

  func field(named name: String) -> CELValue? {
    relations.firstIndex(of: name).map(field(at:))
  }
}
