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

  static func read(_ body: JSONInput, schema: ReferralSchema) throws(TriageError)
    -> ReferralRecord
  {
    var top = try JSONObjectReader(body, path: "")
    var asOf: PackDate?
    if let text = try top.string("as_of") {
      guard let date = PackDate(isoBytes: text) else {
        throw TriageError(.badRequest, "expected a date written YYYY-MM-DD", field: "as_of")
      }
      asOf = date
    }
    let sourceIDs = schema.sourceIDs
    var supplied = [Bool](repeating: true, count: sourceIDs.count)
    if let items = try top.list("sources") {
      supplied = [Bool](repeating: false, count: sourceIDs.count)
      for (n, item) in items.enumerated() {
        guard case .string(let id) = item, let source = sourceIDs.firstIndex(of: id) else {
          throw TriageError(
            .badRequest, "expected one of \(sourceIDs.joined(separator: ", "))",
            field: "sources[\(n)]")
        }
        supplied[source] = true
      }
    }
    guard let person = try top.value("person", required: true) else {
      throw TriageError(.badRequest, "is required", field: "person")
    }
    var linked: [(relation: Int, person: JSONInput)] = []
    for (n, link) in (try top.list("links") ?? []).enumerated() {
      var fields = try JSONObjectReader(link, path: "links[\(n)]")
      guard let name = try fields.choice("relation", of: schema.relations, required: true),
        let relation = schema.relations.firstIndex(of: name),
        let linkedPerson = try fields.value("person", required: true)
      else { continue }
      try fields.finish()
      linked.append((relation, linkedPerson))
    }
    try top.finish()
    for record in [person] + linked.map(\.person) {
      if case .object(let fields) = record { schema.supplies(fields, into: &supplied) }
    }
    var reader = Reader(schema: schema, builder: schema.builder(supplied: supplied))
    let (subject, personID) = try reader.add(person, path: "person", identified: true)
    for (n, link) in linked.enumerated() {
      let (index, _) = try reader.add(link.person, path: "links[\(n)].person", identified: false)
      reader.builder.link(
        PersonLink(from: subject, to: index, relation: link.relation),
        symmetric: schema.schema.relations[link.relation].symmetric)
    }
    return ReferralRecord(
      asOf: asOf, personID: personID, population: reader.builder.build(), subject: subject)
  }

  /// Adds persons to the population, typed by the schema.
  private struct Reader {
    let schema: ReferralSchema
    var builder: PopulationBuilder

    /// Adds the person an object describes; returns its index and id. The referred person
    /// has an `id`; a linked person has none, and is known by its path in the body (which,
    /// like every field's path, is written out only for a problem).
    mutating func add(
      _ value: JSONInput, path: @autoclosure () -> String, identified: Bool
    ) throws(TriageError) -> (Int, String) {
      guard case .object(let record) = value else {
        throw TriageError(.badRequest, "expected an object, found \(value.kindText)", field: path())
      }
      func field(_ key: String) -> String { "\(path()).\(key)" }
      // Each member by the schema's field or list it gives, in one pass over the members:
      // then read in the schema's order, so that the first problem named is always the same.
      var given = [JSONInput?](repeating: nil, count: schema.fieldIndex.count)
      var lists = [JSONInput?](repeating: nil, count: schema.listIndex.count)
      var unknown: [String] = []
      var id: String?
      for (key, member) in record {
        if let f = schema.fieldIndex[key] {
          given[f] = member
        } else if let l = schema.listIndex[key] {
          lists[l] = member
        } else if identified && key == "id" {
          guard case .string(let text) = member else {
            if member == .null { continue }
            throw TriageError(
              .badRequest, "expected a string, found \(member.kindText)", field: field("id"))
          }
          id = text
        } else {
          unknown.append(key)
        }
      }
      var name: String
      if identified {
        guard let given = id else {
          throw TriageError(.badRequest, "is required", field: field("id"))
        }
        guard given.count <= ReferralRecord.idLimit else {
          throw TriageError(
            .badRequest, "is longer than \(ReferralRecord.idLimit) characters", field: field("id"))
        }
        guard !given.isEmpty else {
          throw TriageError(.badRequest, "must not be empty", field: field("id"))
        }
        name = given
      } else {
        name = path()
      }
      // A linked person's name must not be the referred person's id.
      while builder.index(of: name) != nil { name += "'" }
      let person = builder.person(name)
      let declarations = schema.schema.personFields
      for (f, member) in given.enumerated() {
        guard let member, member != .null else { continue }
        builder.setField(
          f, of: person,
          to: try Self.typed(member, as: declarations[f], path: field(declarations[f].name)))
      }
      for (l, member) in lists.enumerated() {
        guard let member, member != .null else { continue }
        let listName = schema.schema.eventLists[l].name
        guard case .array(let events) = member else {
          throw TriageError(
            .badRequest, "expected a list, found \(member.kindText)", field: field(listName))
        }
        let (recordFields, index) = schema.eventFields[l]
        for (n, event) in events.enumerated() {
          try builder.appendEvent(
            Self.event(event, fields: recordFields, index: index, path: field("\(listName)[\(n)]")),
            person: person, list: l)
        }
      }
      if let first = unknown.min() {
        throw TriageError(.badRequest, "is not a known field", field: field(first))
      }
      return (person, name)
    }

    /// An event's values (`date` first, then the list's fields), as its list declares them.
    static func event(
      _ value: JSONInput, fields: [FieldDeclaration], index: [String: Int],
      path: @autoclosure () -> String
    ) throws(TriageError) -> [FieldValue] {
      guard case .object(let members) = value else {
        throw TriageError(.badRequest, "expected an object, found \(value.kindText)", field: path())
      }
      func field(_ key: String) -> String { "\(path()).\(key)" }
      var given = [JSONInput?](repeating: nil, count: fields.count)
      var unknown: [String] = []
      for (key, member) in members {
        if let f = index[key] { given[f] = member } else { unknown.append(key) }
      }
      var values = [FieldValue](repeating: .missing, count: fields.count)
      for (f, member) in given.enumerated() {
        guard let member, member != .null else {
          // The date, first, is required.
          if f == 0 { throw TriageError(.badRequest, "is required", field: field(fields[f].name)) }
          continue
        }
        values[f] = try typed(member, as: fields[f], path: field(fields[f].name))
      }
      if let first = unknown.min() {
        throw TriageError(.badRequest, "is not a known field", field: field(first))
      }
      return values
    }

    /// A JSON value as the field's type, within its declared bounds and pattern.
    static func typed(
      _ value: JSONInput, as field: FieldDeclaration, path: @autoclosure () -> String
    ) throws(TriageError) -> FieldValue {
      func wrong(_ expected: String) -> TriageError {
        TriageError(.badRequest, "expected \(expected), found \(value.kindText)", field: path())
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
          throw TriageError(.badRequest, "expected a date written YYYY-MM-DD", field: path())
        }
        typed = .date(days)
      case (.date, _): throw wrong("a date written YYYY-MM-DD")
      case (.enumeration(let values), .string(let text)):
        guard let code = values.firstIndex(of: text) else {
          throw TriageError(
            .badRequest, "'\(text)' is not one of \(values.joined(separator: ", "))", field: path())
        }
        typed = .code(UInt16(code))
      case (.enumeration(let values), _): throw wrong("one of \(values.joined(separator: ", "))")
      }
      try check(typed, field.checks, path: path())
      return typed
    }

    private static func check(
      _ value: FieldValue, _ checks: FieldChecks, path: @autoclosure () -> String
    ) throws(TriageError) {
      let number: Double? =
        switch value {
        case .int(let n): Double(n)
        case .double(let n): n
        default: nil
        }
      if let number, let minimum = checks.minimum, number < minimum {
        throw TriageError(.badRequest, "must be at least \(minimum)", field: path())
      }
      if let number, let maximum = checks.maximum, number > maximum {
        throw TriageError(.badRequest, "must be at most \(maximum)", field: path())
      }
      if case .string(let text) = value, let pattern = checks.pattern,
        let regex = try? Regex(pattern), (try? regex.wholeMatch(in: text)) == nil
      {
        throw TriageError(.badRequest, "does not match the pattern \(pattern)", field: path())
      }
    }
  }
}
