import SignpostEngine
import SignpostRules
import Synchronization

/// What reading a referral (``ReferralRecord``) needs of the serving pack's schema, worked
/// out once per pack instead of once per request: each field's and event list's index by
/// name, the sources behind each, the fields of each list's events, and a population
/// builder already set up for each combination of supplied sources that requests bring.
final class ReferralSchema: Sendable {
  let schema: Schema
  let sourceIDs: [String]
  let relations: [String]
  /// Each person field's index by name.
  let fieldIndex: [String: Int]
  /// Each event list's index by name.
  let listIndex: [String: Int]
  /// By person field, the indices (into ``sourceIDs``) of the sources that supply it.
  let fieldSources: [[Int]]
  /// By event list, the index of its source.
  let listSource: [Int]
  /// By event list, its events' fields (`date` first) and each one's index by name.
  let eventFields: [(fields: [FieldDeclaration], index: [String: Int])]
  /// Empty builders set up for a set of supplied sources (by source index), kept for the
  /// next request that supplies the same.
  private let builders = Mutex<[[Bool]: PopulationBuilder]>([:])
  /// Builders kept at most: requests of a pack bring a few combinations of sources.
  private static let keptBuilders = 64

  init(_ schema: Schema) {
    self.schema = schema
    sourceIDs = schema.sources.map(\.id)
    relations = schema.relations.map(\.name)
    fieldIndex = Self.indexByName(schema.personFields.map(\.name))
    listIndex = Self.indexByName(schema.eventLists.map(\.name))
    let sourceIndex = Self.indexByName(schema.sources.map(\.id))
    fieldSources = schema.personFields.map { field in field.sources.compactMap { sourceIndex[$0] } }
    listSource = schema.eventLists.map { sourceIndex[$0.source] ?? -1 }
    eventFields = schema.eventLists.map { list in
      let fields = list.recordFields
      return (fields, Self.indexByName(fields.map(\.name)))
    }
  }

  /// The sources (by index) that supply the fields and lists of a person record given.
  func supplies(_ record: [String: JSONInput], into supplied: inout [Bool]) {
    for key in record.keys {
      if let field = fieldIndex[key] {
        for source in fieldSources[field] { supplied[source] = true }
      } else if let list = listIndex[key], listSource[list] >= 0 {
        supplied[listSource[list]] = true
      }
    }
  }

  /// An empty population builder for records that supply the sources `supplied` marks:
  /// the other sources' fields unknown, the supplied sources' event lists empty.
  func builder(supplied: [Bool]) -> PopulationBuilder {
    if let kept = builders.withLock({ $0[supplied] }) { return kept }
    var builder = PopulationBuilder(schema: schema)
    builder.suppliedSources = Set(sourceIDs.indices.filter { supplied[$0] }.map { sourceIDs[$0] })
    for (i, field) in schema.personFields.enumerated()
    where !field.sources.isEmpty && !fieldSources[i].contains(where: { supplied[$0] }) {
      builder.markUnsupplied(i, source: field.source ?? "?")
    }
    for list in schema.eventLists.indices where listSource[list] >= 0 && supplied[listSource[list]]
    {
      builder.supplyList(list)
    }
    return builders.withLock { builders in
      if builders.count >= Self.keptBuilders { builders.removeAll() }
      builders[supplied] = builder
      return builder
    }
  }

  private static func indexByName(_ names: [String]) -> [String: Int] {
    Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
