/// Every reason a conformance case is skipped rather than run, in one place.
///
/// Signpost's CEL has no protobuf messages, so a case is skipped when it needs them — and
/// only then, or for the other features listed here; a case that merely fails is never
/// skipped, so that it shows up as a failure:
///
/// - protobuf message types in the expression: `TestAllTypes` and the other
///   `cel.expr.conformance` messages, `google.protobuf.*` wrappers, `Any`, `Struct`, `Value`
///   and `ListValue` (but not `google.protobuf.Timestamp` and `Duration`, which are CEL's
///   timestamp and duration types), and message construction `Foo{...}`;
/// - a container naming a protobuf package, for proto type lookups relative to it;
/// - declarations of custom functions or constants in the type environment;
/// - unknown results (matched by expression id, which needs the partial-evaluation API) and
///   unknown bindings;
/// - a locale for evaluation;
/// - values and types the conversion cannot express: protobuf messages (`object_value`,
///   `message_type`), wrappers, enums (`enum_value`), abstract and function types. The
///   conversions report these as ``ConversionError/unsupported(_:)`` and the skip reason is
///   theirs, such as "needs protobuf message type google.protobuf.Int64Value".
enum SkipList {
  /// How to run `test`: with converted inputs, or not at all.
  static func plan(for test: SimpleTest) -> CasePlan {
    if let reason = reason(for: test) { return .skip(reason) }
    do {
      return .run(try PreparedCase(test))
    } catch {
      switch error {
      case .unsupported(let reason): return .skip(reason)
      case .invalid(let message): return .invalid(message)
      }
    }
  }

  /// The reason to skip `test` judging by its text, container, declarations and matcher, or
  /// `nil` when nothing there is outside the subset.
  static func reason(for test: SimpleTest) -> String? {
    switch test.matcher {
    case .unknown, .anyUnknowns: return "unknowns need the partial-evaluation API"
    default: break
    }
    for declaration in test.typeEnvironment {
      switch declaration.kind {
      case .function: return "declares a custom function '\(declaration.name)'"
      case .constant: return "declares a constant '\(declaration.name)'"
      case .ident: break
      }
    }
    let code = withoutStringLiterals(test.expression)
    if code.contains("TestAllTypes") { return "needs protobuf message type TestAllTypes" }
    if code.contains("cel.expr.conformance") {
      return "needs protobuf message types of cel.expr.conformance"
    }
    if let name = protobufMessageName(in: code) {
      return "needs protobuf message type \(name)"
    }
    if let name = messageConstruction(in: code) {
      return "uses message construction syntax \(name){...}"
    }
    if protobufPackages.contains(where: { test.container.hasPrefix($0) }) {
      return "container-dependent proto lookup (container \(test.container))"
    }
    if !test.locale.isEmpty { return "needs locale '\(test.locale)' for evaluation" }
    return nil
  }

  /// Package prefixes that make a container a protobuf one.
  private static let protobufPackages = ["cel.expr.conformance", "google.protobuf", "google.type"]

  /// The first `google.protobuf.X` in `code` other than `Timestamp` and `Duration`.
  private static func protobufMessageName(in code: String) -> String? {
    let prefix = "google.protobuf."
    var rest = Substring(code)
    while let range = rest.firstRange(of: prefix) {
      let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      if name != "Timestamp" && name != "Duration" { return prefix + name }
      rest = rest[range.upperBound...]
    }
    return nil
  }

  /// The type name of the first message construction `Name{` or `a.b.Name {` in `code`.
  /// A map literal cannot follow a name, except after the keyword `in`.
  private static func messageConstruction(in code: String) -> String? {
    let characters = Array(code)
    var index = 0
    while index < characters.count {
      guard isNameStart(characters[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < characters.count,
        isNameStart(characters[index]) || characters[index].isNumber
          || characters[index] == "."
      {
        index += 1
      }
      let name = String(characters[start..<index])
      var next = index
      while next < characters.count, characters[next].isWhitespace { next += 1 }
      if next < characters.count, characters[next] == "{", name != "in" { return name }
    }
    return nil
  }

  private static func isNameStart(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character == "_")
  }

  /// `expression` with the contents of its string and bytes literals removed (quotes kept),
  /// so that names are only found in code.
  private static func withoutStringLiterals(_ expression: String) -> String {
    let characters = Array(expression)
    var result = ""
    var index = 0
    while index < characters.count {
      let character = characters[index]
      guard character == "\"" || character == "'" else {
        result.append(character)
        index += 1
        continue
      }
      let isRaw = index > 0 && (characters[index - 1] == "r" || characters[index - 1] == "R")
      let triple =
        index + 2 < characters.count && characters[index + 1] == character
        && characters[index + 2] == character
      let delimiter = triple ? 3 : 1
      result += String(repeating: character, count: 2 * delimiter)
      index += delimiter
      while index < characters.count {
        if characters[index] == "\\" && !isRaw {
          index += 2
        } else if characters[index] == character
          && (!triple
            || (index + 2 < characters.count && characters[index + 1] == character
              && characters[index + 2] == character))
        {
          index += delimiter
          break
        } else {
          index += 1
        }
      }
    }
    return result
  }
}

/// What the runner does with one test.
enum CasePlan {
  case run(PreparedCase)
  case skip(String)
  /// The test data cannot be used; the case counts as a failure with this message.
  case invalid(String)
}
