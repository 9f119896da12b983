import Foundation
import SignpostEngine
import SignpostRules

/// A referral as `POST /api/v1/score` takes it, in the serving pack's schema's terms, read
/// into a population of its own: the person, and each linked person with the relation the
/// schema declares.
///
/// ```json
/// { "as_of": "2025-04-01", "sources": ["education"],
///   "person": { "id": "R-1", "date_of_birth": "2011-02-03", "attendance": 84.5,
///               "suspensions": [{ "date": "2025-03-01", "days": 1.5, "reason": "bullying" }] },
///   "links": [{ "relation": "sibling", "person": { "police_contacts": [] } }] }
/// ```
///
/// As in a pack test case: an omitted field is missing (indicators that need it are not
/// evaluated), and an omitted event list of a supplied source has no events. The supplied
/// sources are those `sources` names (every source when it is omitted) and those of every
/// field and list the record gives; the others' fields are unknown. A linked person is
/// described, not identified: only the person's `id` is recorded in the audit. Every
/// problem names its field.
struct ReferralRecord {
  var asOf: PackDate?
  var personID: String
  var population: Population
  var subject: Int

  /// The longest person id accepted.
  static let idLimit = 64

  static func read(_ body: JSONInput, schema: Schema) throws(TriageError) -> ReferralRecord {
    var top = try JSONObjectReader(body, path: "")
    var asOf: PackDate?
    if let text = try top.string("as_of") {
      guard let date = PackDate(isoBytes: text) else {
        throw TriageError(.badRequest, "expected a date written YYYY-MM-DD", field: "as_of")
      }
      asOf = date
    }
    let sourceIDs = schema.sources.map(\.id)
    var supplied = Set(sourceIDs)
    if let items = try top.list("sources") {
      supplied = []
      for (n, item) in items.enumerated() {
        guard case .string(let id) = item, sourceIDs.contains(id) else {
          throw TriageError(
            .badRequest, "expected one of \(sourceIDs.joined(separator: ", "))",
            field: "sources[\(n)]")
        }
        supplied.insert(id)
      }
    }
    guard let person = try top.value("person", required: true) else {
      throw TriageError(.badRequest, "is required", field: "person")
    }
    let relations = schema.relations.map(\.name)
    var linked: [(relation: Int, person: JSONInput, path: String)] = []
    for (n, link) in (try top.list("links") ?? []).enumerated() {
      var fields = try JSONObjectReader(link, path: "links[\(n)]")
      guard let name = try fields.choice("relation", of: relations, required: true),
        let relation = relations.firstIndex(of: name),
        let linkedPerson = try fields.value("person", required: true)
      else { continue }
      try fields.finish()
      linked.append((relation, linkedPerson, "links[\(n)].person"))
    }
    try top.finish()
    for record in [person] + linked.map(\.person) {
      if case .object(let fields) = record { supplied.formUnion(sources(of: fields, schema)) }
    }
    var reader = Reader(schema: schema, supplied: supplied)
    let (subject, personID) = try reader.add(person, path: "person", identified: true)
    for link in linked {
      let (index, _) = try reader.add(link.person, path: link.path, identified: false)
      reader.builder.link(
        PersonLink(from: subject, to: index, relation: link.relation),
        symmetric: schema.relations[link.relation].symmetric)
    }
    return ReferralRecord(
      asOf: asOf, personID: personID, population: reader.builder.build(), subject: subject)
  }

  /// The sources of the fields and lists a record gives.
  private static func sources(of record: [String: JSONInput], _ schema: Schema) -> Set<String> {
    var sources: Set<String> = []
    for field in schema.personFields where record[field.name] != nil {
      sources.formUnion(field.sources)
    }
    for list in schema.eventLists where record[list.name] != nil { sources.insert(list.source) }
    return sources
  }

  /// Adds persons to the population, typed by the schema.
  private struct Reader {
    let schema: Schema
    let supplied: Set<String>
    var builder: PopulationBuilder

    init(schema: Schema, supplied: Set<String>) {
      self.schema = schema
      self.supplied = supplied
      builder = PopulationBuilder(schema: schema)
      builder.suppliedSources = supplied
      for (i, field) in schema.personFields.enumerated()
      where !field.sources.isEmpty && !field.sources.contains(where: supplied.contains) {
        builder.markUnsupplied(i, source: field.source ?? "?")
      }
      for (i, list) in schema.eventLists.enumerated() where supplied.contains(list.source) {
        builder.supplyList(i)
      }
    }

    /// Adds the person an object describes; returns its index and id. The referred person
    /// has an `id`; a linked person has none, and is known by its path in the body.
    mutating func add(_ value: JSONInput, path: String, identified: Bool) throws(TriageError)
      -> (Int, String)
    {
      var fields = try JSONObjectReader(value, path: path)
      var id = path
      if identified {
        guard let given = try fields.string("id", required: true, maxLength: idLimit),
          !given.isEmpty
        else { throw TriageError(.badRequest, "must not be empty", field: fields.path("id")) }
        id = given
      }
      // A linked person's name must not be the referred person's id.
      while builder.index(of: id) != nil { id += "'" }
      let person = builder.person(id)
      for (i, field) in schema.personFields.enumerated() {
        guard let value = try fields.value(field.name) else { continue }
        builder.setField(
          i, of: person, to: try Self.typed(value, as: field, path: fields.path(field.name)))
      }
      for (i, list) in schema.eventLists.enumerated() {
        guard let events = try fields.list(list.name) else { continue }
        let recordFields = list.recordFields
        for (n, event) in events.enumerated() {
          var eventFields = try JSONObjectReader(event, path: fields.path("\(list.name)[\(n)]"))
          var values = [FieldValue](repeating: .missing, count: recordFields.count)
          for (f, field) in recordFields.enumerated() {
            guard let value = try eventFields.value(field.name, required: f == 0) else { continue }
            values[f] = try Self.typed(value, as: field, path: eventFields.path(field.name))
          }
          try eventFields.finish()
          builder.appendEvent(values, person: person, list: i)
        }
      }
      try fields.finish()
      return (person, id)
    }

    /// A JSON value as the field's type, within its declared bounds and pattern.
    static func typed(_ value: JSONInput, as field: FieldDeclaration, path: String)
      throws(TriageError) -> FieldValue
    {
      func wrong(_ expected: String) -> TriageError {
        TriageError(.badRequest, "expected \(expected), found \(value.kindText)", field: path)
      }
      let typed: FieldValue
      switch (field.type, value) {
      case (_, .null): return .missing
      case (.bool, .bool(let flag)): typed = .bool(flag)
      case (.bool, _): throw wrong("true or false")
      case (.int, .int(let number)): typed = .int(number)
      case (.int, _): throw wrong("a whole number")
      case (.double, .int(let number)): typed = .double(Double(number))
      case (.double, .double(let number)) where number.isFinite: typed = .double(number)
      case (.double, _): throw wrong("a number")
      case (.string, .string(let text)): typed = .string(text)
      case (.string, _): throw wrong("a string")
      case (.date, .string(let text)):
        guard let date = PackDate(isoBytes: text), let days = Int32(exactly: date.daysSinceEpoch)
        else {
          throw TriageError(.badRequest, "expected a date written YYYY-MM-DD", field: path)
        }
        typed = .date(days)
      case (.date, _): throw wrong("a date written YYYY-MM-DD")
      case (.enumeration(let values), .string(let text)):
        guard let code = values.firstIndex(of: text) else {
          throw TriageError(
            .badRequest, "'\(text)' is not one of \(values.joined(separator: ", "))", field: path)
        }
        typed = .code(UInt16(code))
      case (.enumeration(let values), _): throw wrong("one of \(values.joined(separator: ", "))")
      }
      try check(typed, field.checks, path: path)
      return typed
    }

    private static func check(_ value: FieldValue, _ checks: FieldChecks, path: String)
      throws(TriageError)
    {
      let number: Double? =
        switch value {
        case .int(let n): Double(n)
        case .double(let n): n
        default: nil
        }
      if let number, let minimum = checks.minimum, number < minimum {
        throw TriageError(.badRequest, "must be at least \(minimum)", field: path)
      }
      if let number, let maximum = checks.maximum, number > maximum {
        throw TriageError(.badRequest, "must be at most \(maximum)", field: path)
      }
      if case .string(let text) = value, let pattern = checks.pattern,
        let regex = try? Regex(pattern), (try? regex.wholeMatch(in: text)) == nil
      {
        throw TriageError(.badRequest, "does not match the pattern \(pattern)", field: path)
      }
    }
  }
}
