import SignpostSource

/// Declarations an expression is checked and planned against: variables, functions,
/// record types, a namespace container, and whether macros are expanded.
public struct CELEnvironment: Sendable {
  /// Declared variables by fully qualified name.
  public var variables: [String: CELType]
  /// Functions by name: the standard library plus any added with ``adding(_:)``.
  public var functions: [String: CELFunction]
  /// The namespace names are resolved in, as in protobuf (`a.b` tries `a.b.x`, `a.x`, `x`).
  public var container: String
  public var macros: Bool
  public var provider: (any CELTypeProvider)?

  public init(
    variables: [String: CELType] = [:], container: String = "", macros: Bool = true,
    provider: (any CELTypeProvider)? = nil
  ) {
    self.variables = variables
    self.container = container
    self.macros = macros
    self.provider = provider
    self.functions = StandardLibrary.functions
  }

  /// A copy with more functions; a function of the same name replaces the standard one.
  public func adding(_ more: [CELFunction]) -> CELEnvironment {
    var copy = self
    for function in more { copy.functions[function.name] = function }
    return copy
  }

  /// The names of types usable as values, such as `int` in `type(x) == int`.
  static let typeNames: [String: CELType] = [
    "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
    "bytes": .bytes, "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null,
    "type": .type(.dyn), "google.protobuf.Timestamp": .timestamp,
    "google.protobuf.Duration": .duration,
  ]

  /// The type a name denotes as a value, if any (`int`, `.google.protobuf.Timestamp`).
  static func typeName(_ name: String) -> CELType? {
    typeNames[name.hasPrefix(".") ? String(name.dropFirst()) : name]
  }

  /// The declared variable a (possibly qualified) name refers to in this container.
  func resolve(_ name: String) -> String? {
    if name.hasPrefix(".") {
      let bare = String(name.dropFirst())
      return variables[bare] != nil ? bare : nil
    }
    var prefix = container
    while !prefix.isEmpty {
      let candidate = prefix + "." + name
      if variables[candidate] != nil { return candidate }
      if let dot = prefix.lastIndex(of: ".") {
        prefix = String(prefix[..<dot])
      } else {
        prefix = ""
      }
    }
    return variables[name] != nil ? name : nil
  }

  /// Parses, checks (unless `checked` is false) and plans an expression given as plain text.
  public func compile(_ expression: String, checked: Bool = true) -> Result<
    CELProgram, DiagnosticsError
  > {
    compile(ExpressionSource(text: expression), checked: checked)
  }

  /// Parses, checks and plans an expression, positioning diagnostics through `source`.
  public func compile(
    _ source: ExpressionSource, checked: Bool = true, expectedType: CELType? = nil,
    observed: Bool = false
  ) -> Result<CELProgram, DiagnosticsError> {
    switch check(source, checked: checked, expectedType: expectedType) {
    case .failure(let error): return .failure(error)
    case .success(let checkedExpression):
      return .success(
        CELProgram(checked: checkedExpression, environment: self, observed: observed))
    }
  }

  /// Parses and checks an expression without planning it, returning its result type.
  func check(_ source: ExpressionSource, checked: Bool, expectedType: CELType?)
    -> Result<CheckedExpression, DiagnosticsError>
  {
    var parser = Parser(source.text, macros: macros)
    guard let parsed = parser.parse(text: source.text) else {
      return .failure(DiagnosticsError(parser.issues.map { source.diagnostic(for: $0) }))
    }
    guard checked else {
      return .success(CheckedExpression(parsed: parsed, types: [:], references: [:]))
    }
    var (result, issues) = Checker.check(parsed, in: self)
    if issues.isEmpty, let expectedType {
      var substitution: [String: CELType] = [:]
      if !Checker.isAssignable(result.type, to: expectedType, &substitution) {
        issues.append(
          CELIssue(
            .typeMismatch, "expected an expression of type \(expectedType), found \(result.type)",
            at: parsed.offsets[parsed.root.id] ?? 0))
      }
    }
    guard issues.isEmpty else {
      return .failure(DiagnosticsError(issues.map { source.diagnostic(for: $0) }))
    }
    result.parsed = parsed
    return .success(result)
  }
}

/// The text of an expression and where it came from, so diagnostics point into the file
/// (for an expression inside YAML, the YAML file's line and column).
public struct ExpressionSource: Sendable {
  public var text: String
  public var file: SourceFile
  /// Maps an offset in the text (in Unicode scalars) to a position in `file`.
  public var locate: @Sendable (Int) -> SourceLocation

  /// An expression that stands alone: positions are within its own text.
  public init(text: String, path: String = "<expression>") {
    let file = SourceFile(path: path, text: text)
    self.init(text: text, file: file) { offset in
      ExpressionSource.location(of: offset, in: text)
    }
  }

  public init(
    text: String, file: SourceFile, locate: @escaping @Sendable (Int) -> SourceLocation
  ) {
    self.text = text
    self.file = file
    self.locate = locate
  }

  /// The line and column of an offset into `text`.
  public static func location(of offset: Int, in text: String) -> SourceLocation {
    var line = 1
    var column = 1
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if index >= offset { break }
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return SourceLocation(line: line, column: column)
  }

  func diagnostic(for issue: CELIssue) -> Diagnostic {
    let start = locate(issue.offset)
    var end = start
    end.column += max(1, issue.length)
    return Diagnostic(
      id: DiagnosticID(issue.kind.rawValue), message: issue.message, file: file,
      range: SourceRange(start: start, end: end), notes: issue.notes)
  }
}
