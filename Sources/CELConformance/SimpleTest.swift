import SignpostSource

/// One conformance case (`cel.expr.conformance.test.SimpleTest`): an expression to parse,
/// optionally check, and evaluate, and a matcher for the result.
public struct SimpleTest: Sendable, Equatable {
  /// The name of the section the test is in.
  public var section: String
  public var name: String
  public var description: String
  /// The CEL expression (`expr`).
  public var expression: String
  public var disableMacros: Bool
  public var disableCheck: Bool
  public var checkOnly: Bool
  /// The declarations for the check phase (`type_env`).
  public var typeEnvironment: [SpecDecl]
  /// The container for name resolution, such as `com.example`.
  public var container: String
  public var locale: String
  /// The variable values for evaluation; a repeated key keeps its last value.
  public var bindings: [String: SpecExprValue]
  /// What the result must match; `value { bool_value: true }` when the file gives none.
  public var matcher: ResultMatcher
  /// Where the test's message starts in the file.
  public var location: SourceLocation

  public init(
    section: String = "", name: String, description: String = "", expression: String,
    disableMacros: Bool = false, disableCheck: Bool = false, checkOnly: Bool = false,
    typeEnvironment: [SpecDecl] = [], container: String = "", locale: String = "",
    bindings: [String: SpecExprValue] = [:], matcher: ResultMatcher = .value(.bool(true)),
    location: SourceLocation = SourceLocation(line: 1, column: 1)
  ) {
    self.section = section
    self.name = name
    self.description = description
    self.expression = expression
    self.disableMacros = disableMacros
    self.disableCheck = disableCheck
    self.checkOnly = checkOnly
    self.typeEnvironment = typeEnvironment
    self.container = container
    self.locale = locale
    self.bindings = bindings
    self.matcher = matcher
    self.location = location
  }

  private static let fieldNames: Set<String> = [
    "name", "description", "expr", "disable_macros", "disable_check", "check_only", "type_env",
    "container", "locale", "bindings", "value", "typed_result", "eval_error", "any_eval_errors",
    "unknown", "any_unknowns",
  ]

  /// Decodes a `SimpleTest` message from the section named `section`.
  public init(_ message: TextProtoMessage, section: String) throws(TextProtoError) {
    try message.checkFields(Self.fieldNames, of: "SimpleTest")
    self.section = section
    name = try message.string("name")
    description = try message.string("description")
    expression = try message.string("expr")
    disableMacros = try message.bool("disable_macros")
    disableCheck = try message.bool("disable_check")
    checkOnly = try message.bool("check_only")
    typeEnvironment = []
    for field in message.fields(named: "type_env") {
      typeEnvironment.append(try SpecDecl(field.message()))
    }
    container = try message.string("container")
    locale = try message.string("locale")
    bindings = [:]
    for field in message.fields(named: "bindings") {
      let entry = try field.message()
      try entry.checkFields(["key", "value"], of: "bindings entry")
      let value =
        try entry.message("value") ?? TextProtoMessage(fields: [], location: entry.location)
      bindings[try entry.string("key")] = try SpecExprValue(value)
    }
    matcher = try ResultMatcher(test: message)
    location = message.location
  }
}
