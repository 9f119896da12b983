/// Reads one JSON object of a request by its field names, each problem a ``TriageError``
/// naming the field by its path; ``finish()`` refuses a field the route does not know.
struct JSONObjectReader {
  /// The object's path in the body: empty for the body itself, `person.links[0]` below it.
  let path: String
  let fields: [String: JSONInput]
  /// The keys of `fields` read so far.
  private var read: Set<String> = []

  init(_ value: JSONInput, path: String) throws(TriageError) {
    guard case .object(let fields) = value else {
      throw TriageError(
        .badRequest, "expected an object, found \(value.kindText)",
        field: path.isEmpty ? nil : path)
    }
    self.path = path
    self.fields = fields
  }

  /// A field's path for a problem.
  func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// A field's value; `nil` when it is absent or null.
  mutating func value(_ key: String, required: Bool = false) throws(TriageError) -> JSONInput? {
    let given = fields[key]
    // Only keys the object has are noted: `finish()` compares the count with its fields.
    if given != nil { read.insert(key) }
    guard let value = given, value != .null else {
      if required { throw TriageError(.badRequest, "is required", field: path(key)) }
      return nil
    }
    return value
  }

  /// A string field.
  mutating func string(_ key: String, required: Bool = false, maxLength: Int = 1_000)
    throws(TriageError) -> String?
  {
    guard let value = try value(key, required: required) else { return nil }
    guard case .string(let text) = value else {
      throw TriageError(.badRequest, "expected a string, found \(value.kindText)", field: path(key))
    }
    guard text.count <= maxLength else {
      throw TriageError(.badRequest, "is longer than \(maxLength) characters", field: path(key))
    }
    return text
  }

  /// A string field that must be one of `values`.
  mutating func choice(_ key: String, of values: [String], required: Bool = false)
    throws(TriageError) -> String?
  {
    guard let text = try string(key, required: required) else { return nil }
    guard values.contains(text) else {
      throw TriageError(
        .badRequest, "'\(text)' is not one of \(values.joined(separator: ", "))", field: path(key))
    }
    return text
  }

  /// A list field.
  mutating func list(_ key: String) throws(TriageError) -> [JSONInput]? {
    guard let value = try value(key) else { return nil }
    guard case .array(let items) = value else {
      throw TriageError(.badRequest, "expected a list, found \(value.kindText)", field: path(key))
    }
    return items
  }

  /// Refuses any field not read, naming the first in alphabetical order.
  func finish() throws(TriageError) {
    // Every field read: nothing to name, and no sort.
    guard read.count < fields.count else { return }
    if let unknown = fields.keys.sorted().first(where: { !read.contains($0) }) {
      throw TriageError(.badRequest, "is not a known field", field: path(unknown))
    }
  }
}
