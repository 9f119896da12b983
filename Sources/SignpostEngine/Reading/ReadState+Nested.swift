import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource

extension ReadState {
  /// Reads an NDJSON table: one JSON object per line holding a person's fields (by column
  /// name), each event list as an array of objects with a `date`, and `links` as an array of
  /// `{linked_person_id, relation}`. The first pass adds persons; the second their events
  /// and links, once every person is known.
  mutating func readNested(_ table: ExtractReader.SuppliedTable, pass: NestedPass)
    throws(ExtractReadError)
  {
    switch pass {
    case .persons: try readNestedPersons(table)
    case .eventsAndLinks: try addNestedEventsAndLinks(table)
    }
  }

  private mutating func readNestedPersons(_ table: ExtractReader.SuppliedTable)
    throws(ExtractReadError)
  {
    let fields = schema.personFields.enumerated().filter {
      $0.element.sources.contains(table.source.id)
    }
    for (i, _) in fields { markMapped(i, source: table.source.id) }
    var read = 0
    var used = 0
    var rejected = 0
    var seen = Set<String>()
    var lineNumber = 0
    let mapped: MappedFile
    do {
      mapped = try MappedFile(path: directory + "/" + table.path)
    } catch {
      throw ExtractReadError(.unreadableFile(path: table.path, reason: error.reason))
    }
    let bytes =
      mapped.base.map { UnsafeBufferPointer(start: $0, count: mapped.count) }
      ?? UnsafeBufferPointer(start: nil, count: 0)
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.last == 0x0D ? line.dropLast() : line[...]
      if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      read += 1
      switch parseNestedLine(Array(trimmed), table, fields: fields) {
      case .failure(let problem):
        rejected += 1
        try reject(table.path, lineNumber, problem.field, problem.reason)
      case .success(let person):
        if let problem = IDCheck.problem(person.id) {
          rejected += 1
          try reject(table.path, lineNumber, table.table.keyColumn, problem)
          continue
        }
        guard seen.insert(person.id).inserted else {
          rejected += 1
          try reject(
            table.path, lineNumber, table.table.keyColumn, "duplicate person id '\(person.id)'")
          continue
        }
        setFields(person.fields, of: personIndex(person.id), source: table.source.id)
        pendingNested.append(
          NestedPerson(
            file: table.path, line: lineNumber, id: person.id, events: person.events,
            links: person.links))
        used += 1
      }
    }
    var sha = SHA256()
    sha.update(bytes)
    nestedReports[table.path] = files.count
    files.append(
      FileReport(
        path: table.path, source: table.source.id, sha256: sha.hexDigest(), rowsRead: read,
        rowsUsed: used, rowsRejected: rejected, unmatched: UnmatchedCounts(), warnings: []))
  }

  private mutating func addNestedEventsAndLinks(_ table: ExtractReader.SuppliedTable)
    throws(ExtractReadError)
  {
    for pending in pendingNested where pending.file == table.path {
      guard let person = builder.index(of: pending.id) else { continue }
      var lineRejected = false
      /// A link the second pass cannot add: the line's person is kept, but the line is
      /// counted as rejected, so that the file's rows still reconcile with its rejects.
      func rejectLine(_ field: String, _ reason: String) throws(ExtractReadError) {
        try reject(pending.file, pending.line, field, reason)
        if !lineRejected, let report = nestedReports[pending.file] {
          lineRejected = true
          files[report].rowsUsed -= 1
          files[report].rowsRejected += 1
        }
      }
      for (list, values) in pending.events {
        builder.appendEvent(values, person: person, list: list)
      }
      for (n, link) in pending.links.enumerated() {
        guard let other = builder.index(of: link.to) else {
          try rejectLine("links[\(n)]", "unknown person id '\(link.to)'")
          continue
        }
        guard let r = schema.relations.firstIndex(where: { $0.name == link.relation }) else {
          try rejectLine("links[\(n)]", "'\(link.relation)' is not a known relation")
          continue
        }
        if other != person {
          builder.link(
            PersonLink(from: person, to: other, relation: r),
            symmetric: schema.relations[r].symmetric)
        }
      }
    }
  }

  private struct ParsedNested {
    var id: String
    var fields: [(Int, FieldValue)]
    var events: [(list: Int, values: [FieldValue])]
    var links: [(to: String, relation: String)]
  }

  private struct NestedProblem: Error {
    var field: String?
    var reason: String
  }

  private func parseNestedLine(
    _ bytes: [UInt8], _ table: ExtractReader.SuppliedTable,
    fields: [(offset: Int, element: FieldDeclaration)]
  ) -> Result<ParsedNested, NestedProblem> {
    guard case .object(let object) = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    else {
      return .failure(NestedProblem(field: nil, reason: "the line is not a JSON object"))
    }
    guard let id = object[table.table.keyColumn]?.text, !id.isEmpty else {
      return .failure(
        NestedProblem(field: table.table.keyColumn, reason: "the person id is missing"))
    }
    var parsed = ParsedNested(id: id, fields: [], events: [], links: [])
    for (i, field) in fields {
      guard let raw = object[table.table.column(for: field.name)], !raw.isNull else { continue }
      guard let text = raw.text else {
        return .failure(NestedProblem(field: field.name, reason: "expected a single value"))
      }
      switch table.parser.parse(text, as: field.type, codeList: field.name) {
      case .success(let value): parsed.fields.append((i, value))
      case .failure(let problem):
        return .failure(NestedProblem(field: field.name, reason: problem.message))
      }
    }
    for (listIndex, list) in schema.eventLists.enumerated() where list.source == table.source.id {
      let key = table.table.column(for: list.name)
      guard let raw = object[key] else { continue }
      guard case .array(let items) = raw else {
        return .failure(NestedProblem(field: key, reason: "expected a list of events"))
      }
      let eventFields = list.recordFields
      for (n, item) in items.enumerated() {
        guard case .object(let event) = item else {
          return .failure(NestedProblem(field: "\(key)[\(n)]", reason: "expected an object"))
        }
        var values: [FieldValue] = []
        for field in eventFields {
          let raw = event[table.table.column(for: field.name)]
          let text = raw?.text ?? ""
          if field.name == "date", text.isEmpty {
            return .failure(
              NestedProblem(field: "\(key)[\(n)].date", reason: "an event must have a date"))
          }
          if raw?.text == nil {
            values.append(.missing)
            continue
          }
          switch table.parser.parse(text, as: field.type, codeList: "\(list.name).\(field.name)") {
          case .success(let value): values.append(value)
          case .failure(let problem):
            return .failure(
              NestedProblem(field: "\(key)[\(n)].\(field.name)", reason: problem.message))
          }
        }
        parsed.events.append((listIndex, values))
      }
    }
    if let raw = object["links"] {
      guard case .array(let items) = raw else {
        return .failure(NestedProblem(field: "links", reason: "expected a list of links"))
      }
      for (n, item) in items.enumerated() {
        guard case .object(let link) = item, let to = link[Self.linkColumns.to]?.text,
          let relation = link[Self.linkColumns.relation]?.text
        else {
          return .failure(
            NestedProblem(
              field: "links[\(n)]", reason: "a link needs linked_person_id and relation"))
        }
        parsed.links.append((to, relation))
      }
    }
    return .success(parsed)
  }
}
