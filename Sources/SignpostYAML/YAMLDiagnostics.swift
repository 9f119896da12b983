import SignpostSource

/// The catalogue of every diagnostic the YAML layer reports, each with a stable id, so that the
/// wording lives in one place.
enum YAMLDiagnostics {
  // MARK: - Parsing

  /// libyaml rejected the text; `problem` and `context` are its own words.
  static func syntax(
    problem: String, context: String?, contextLocation: SourceLocation?, atTab: Bool,
    file: SourceFile, at location: SourceLocation
  ) -> Diagnostic {
    var notes: [String] = []
    if let context, let contextLocation {
      notes.append(
        "\(context) starting at line \(contextLocation.line), column \(contextLocation.column)")
    }
    if atTab {
      notes.append("YAML does not allow tabs for indentation; indent with spaces")
    }
    return Diagnostic(
      id: .yamlSyntax, message: "invalid YAML: \(problem)", file: file, at: location,
      notes: notes)
  }

  static func duplicateKey(_ key: String, firstLine: Int, file: SourceFile, range: SourceRange)
    -> Diagnostic
  {
    Diagnostic(
      id: .yamlDuplicateKey, message: "duplicate key '\(key)' in mapping", file: file,
      range: range, notes: ["'\(key)' was first defined on line \(firstLine)"])
  }

  static func multipleDocuments(file: SourceFile, at location: SourceLocation) -> Diagnostic {
    Diagnostic(
      id: .yamlMultipleDocuments,
      message: "found a second YAML document; a file must contain exactly one", file: file,
      at: location)
  }

  static func alias(_ name: String, file: SourceFile, range: SourceRange) -> Diagnostic {
    Diagnostic(
      id: .yamlAlias,
      message: "found alias '*\(name)': aliases and anchors are not supported in rule packs",
      file: file, range: range)
  }

  static func anchor(_ name: String, file: SourceFile, range: SourceRange) -> Diagnostic {
    Diagnostic(
      id: .yamlAlias,
      message: "found anchor '&\(name)': aliases and anchors are not supported in rule packs",
      file: file, range: range)
  }

  static func complexKey(_ key: YAMLNode) -> Diagnostic {
    Diagnostic(
      id: .yamlComplexKey, message: "a mapping key must be a scalar, found \(describe(key))",
      file: key.file, range: key.range)
  }

  static func tooDeep(limit: Int, file: SourceFile, at location: SourceLocation) -> Diagnostic {
    Diagnostic(
      id: .yamlDepth, message: "nesting is deeper than \(limit) levels", file: file, at: location)
  }

  // MARK: - Reading

  /// A node of the wrong kind, such as a sequence where a mapping belongs.
  static func wrongKind(expected: String, subject: String, found node: YAMLNode) -> Diagnostic {
    Diagnostic(
      id: .yamlWrongKind,
      message: "expected \(expected) for \(subject), found \(describe(node))",
      file: node.file, range: node.range)
  }

  static func missingKey(_ key: String, context: String, mapping: YAMLNode) -> Diagnostic {
    Diagnostic(
      id: .yamlMissingKey, message: "missing required key '\(key)' in \(context)",
      file: mapping.file, at: mapping.range.start)
  }

  static func missingValue(_ key: String, context: String, keyNode: YAMLNode) -> Diagnostic {
    Diagnostic(
      id: .yamlMissingValue, message: "missing value for required key '\(key)' in \(context)",
      file: keyNode.file, range: keyNode.range)
  }

  static func unknownKey(
    _ key: String, context: String, candidates: [String], keyNode: YAMLNode
  ) -> Diagnostic {
    Diagnostic(
      id: .yamlUnknownKey,
      message: "unknown key '\(key)' in \(context)"
        + Suggestions.didYouMean(key, in: candidates),
      file: keyNode.file, range: keyNode.range)
  }

  /// A scalar that does not spell a value of the expected type.
  static func invalidValue(expected: String, subject: String, found node: YAMLNode) -> Diagnostic {
    Diagnostic(
      id: .yamlInvalidValue,
      message: "expected \(expected) for \(subject), found \(describe(node))", file: node.file,
      range: node.range)
  }

  static func outOfRange(_ text: String, subject: String, node: YAMLNode) -> Diagnostic {
    Diagnostic(
      id: .yamlInvalidValue, message: "\(text) is out of range for \(subject)",
      file: node.file, range: node.range)
  }

  static func invalidDate(_ text: String, reason: String, subject: String, node: YAMLNode)
    -> Diagnostic
  {
    Diagnostic(
      id: .yamlInvalidValue, message: "invalid date '\(text)' for \(subject): \(reason)",
      file: node.file, range: node.range)
  }

  // MARK: - Wording

  /// How a message names a node: "a mapping", "'abc'", "the quoted string 'abc'".
  static func describe(_ node: YAMLNode) -> String {
    switch node.kind {
    case .mapping: return "a mapping"
    case .sequence: return "a sequence"
    case .scalar(let scalar):
      if scalar.isNull { return "null" }
      switch scalar.style {
      case .plain: return "'\(excerpt(scalar.value))'"
      case .singleQuoted, .doubleQuoted: return "the quoted string '\(excerpt(scalar.value))'"
      case .literal, .folded: return "a block of text"
      }
    }
  }

  /// The first line of `text`, cut to 40 characters.
  private static func excerpt(_ text: String) -> String {
    let line = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
    guard line.count > 40 || line.count < text.unicodeScalars.count else { return text }
    return String(String.UnicodeScalarView(line.prefix(40))) + "..."
  }
}
