import SignpostCEL

/// The record types a pack's expressions see, derived from its schema and indicators.
///
/// - `Person`: `id`, the person fields, then the event lists.
/// - `Event.<list>`: `date`, then the list's fields.
/// - `Indicators` (this person's) and `LinkedIndicators` (a linked person's): one bool per
///   indicator, in pack order.
/// - `Links`: one list of `Linked` per relation.
/// - `Linked`: the `Person` fields, then `indicators` and `relation`.
public struct PackTypeProvider: CELTypeProvider {
  public static let person = "Person"
  public static let indicators = "Indicators"
  public static let linkedIndicators = "LinkedIndicators"
  public static let links = "Links"
  public static let linked = "Linked"

  /// Field names and types of each record type, in slot order.
  private let records: [String: [(name: String, type: CELType)]]
  private let slots: [String: [String: Int]]
  private let enums: [String: [String]]

  public init(schema: Schema, indicatorIDs: [String], bandIDs: [String]) {
    var records: [String: [(String, CELType)]] = [:]
    var enums: [String: [String]] = ["Band": bandIDs]
    var person: [(String, CELType)] = [("id", .string)]
    for field in schema.personFields {
      person.append(
        (field.name, Self.celType(field.type, enumName: "Person.\(field.name)", &enums)))
    }
    for list in schema.eventLists {
      let eventType = "Event.\(list.name)"
      var fields: [(String, CELType)] = [("date", .timestamp)]
      for field in list.fields {
        fields.append(
          (field.name, Self.celType(field.type, enumName: "\(eventType).\(field.name)", &enums)))
      }
      records[eventType] = fields
      person.append((list.name, .list(.object(eventType))))
    }
    records[Self.person] = person
    records[Self.linked] =
      person + [("indicators", .object(Self.linkedIndicators)), ("relation", .string)]
    records[Self.indicators] = indicatorIDs.map { ($0, .bool) }
    records[Self.linkedIndicators] = indicatorIDs.map { ($0, .bool) }
    records[Self.links] = schema.relations.map { ($0.name, .list(.object(Self.linked))) }
    self.records = records
    self.enums = enums
    var slots: [String: [String: Int]] = [:]
    for (name, fields) in records {
      slots[name] = Dictionary(
        uniqueKeysWithValues: fields.enumerated().map { ($1.0, $0) })
    }
    self.slots = slots
  }

  /// The CEL type of a schema field type; dates are timestamps at midnight UTC.
  static func celType(_ type: FieldType, enumName: String, _ enums: inout [String: [String]])
    -> CELType
  {
    switch type {
    case .bool: return .bool
    case .int: return .int
    case .double: return .double
    case .string: return .string
    case .date: return .timestamp
    case .enumeration(let values):
      enums[enumName] = values
      return .enumeration(enumName)
    }
  }

  public func fieldType(of object: String, field: String) -> CELType? {
    guard let slot = slots[object]?[field] else { return nil }
    return records[object]?[slot].type
  }

  public func fieldNames(of object: String) -> [String] {
    records[object]?.map(\.name) ?? []
  }

  public func fieldSlot(of object: String, field: String) -> Int? {
    slots[object]?[field]
  }

  public func enumValues(of enumeration: String) -> [String]? {
    enums[enumeration]
  }

  /// The number of slots of the `Person` record: `id`, fields and event lists.
  public var personSlotCount: Int { records[Self.person]?.count ?? 0 }
}
