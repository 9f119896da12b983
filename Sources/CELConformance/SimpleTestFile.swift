/// A file of the cel-spec `simple` conformance suite (`cel.expr.conformance.test.SimpleTestFile`):
/// named sections of tests.
public struct SimpleTestFile: Sendable, Equatable {
  public var name: String
  public var description: String
  public var sections: [SimpleTestSection]

  /// Reads a file from its text-format source.
  public static func parse(_ text: String) throws(TextProtoError) -> SimpleTestFile {
    try SimpleTestFile(TextProto.parse(text))
  }

  /// Decodes a `SimpleTestFile` message.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(["name", "description", "section"], of: "SimpleTestFile")
    name = try message.string("name")
    description = try message.string("description")
    sections = []
    for field in message.fields(named: "section") {
      sections.append(try SimpleTestSection(field.message()))
    }
  }

  /// Every test of every section, in file order.
  public var tests: [SimpleTest] { sections.flatMap(\.tests) }
}

/// A section of a ``SimpleTestFile`` (`SimpleTestSection`): related tests under a name.
public struct SimpleTestSection: Sendable, Equatable {
  public var name: String
  public var description: String
  public var tests: [SimpleTest]

  /// Decodes a `SimpleTestSection` message; each test records this section's name.
  public init(_ message: TextProtoMessage) throws(TextProtoError) {
    try message.checkFields(["name", "description", "test"], of: "SimpleTestSection")
    name = try message.string("name")
    description = try message.string("description")
    tests = []
    for field in message.fields(named: "test") {
      tests.append(try SimpleTest(field.message(), section: name))
    }
  }
}
