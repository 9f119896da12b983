import HTTPTypes

/// Reads one JSON object of a request by its field names, each problem an ``APIProblem``
/// naming the field by its path; ``finish()`` refuses a field the route does not know.
struct JSONObjectReader {
  /// The object's path in the body: empty for the body itself, `person.links[0]` below it.
  let path: String
  let fields: [String: JSONInput]
  private var read: Set<String> = []

  init(_ value: JSONInput, path: String) throws(APIProblem) {
    guard case .object(let fields) = value else {
      throw APIProblem(
        .badRequest, "expected an object, found \(value.kindText)",
        field: path.isEmpty ? nil : path)
    }
    self.path = path
    self.fields = fields
  }

  /// A field's path for a problem.
  func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// A field's value; `nil` when it is absent or null.
  mutating func value(_ key: String, required: Bool = false) throws(APIProblem) -> JSONInput? {
    read.insert(key)
    guard let value = fields[key], value != .null else {
      if required { throw APIProblem(.badRequest, "is required", field: path(key)) }
      return nil
    }
    return value
  }

  /// A string field.
  mutating func string(_ key: String, required: Bool = false, maxLength: Int = 1_000)
    throws(APIProblem) -> String?
  {
    guard let value = try value(key, required: required) else { return nil }
    guard case .string(let text) = value else {
      throw APIProblem(.badRequest, "expected a string, found \(value.kindText)", field: path(key))
    }
    guard text.count <= maxLength else {
      throw APIProblem(.badRequest, "is longer than \(maxLength) characters", field: path(key))
    }
    return text
  }

  /// A string field that must be one of `values`.
  mutating func choice(_ key: String, of values: [String], required: Bool = false)
    throws(APIProblem) -> String?
  {
    guard let text = try string(key, required: required) else { return nil }
    guard values.contains(text) else {
      throw APIProblem(
        .badRequest, "'\(text)' is not one of \(values.joined(separator: ", "))", field: path(key))
    }
    return text
  }

  /// A list field.
  mutating func list(_ key: String) throws(APIProblem) -> [JSONInput]? {
    guard let value = try value(key) else { return nil }
    guard case .array(let items) = value else {
      throw APIProblem(.badRequest, "expected a list, found \(value.kindText)", field: path(key))
    }
    return items
  }

  /// Refuses any field not read, naming the first in alphabetical order.
  func finish() throws(APIProblem) {
    if let unknown = fields.keys.sorted().first(where: { !read.contains($0) }) {
      throw APIProblem(.badRequest, "is not a known field", field: path(unknown))
    }
  }
}
