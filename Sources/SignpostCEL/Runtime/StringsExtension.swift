import Foundation

/// The strings extension as cel-go's `ext.Strings()` defines it: `charAt`, `indexOf`,
/// `lastIndexOf`, `lowerAscii`, `upperAscii`, `replace`, `split`, `substring`, `trim`, `join`,
/// `reverse`, `format` and `strings.quote`. Positions count Unicode code points (Go's runes),
/// as cel-go does; each function is one kernel both evaluators call.
enum StringsExtension {
  private static let string = CELType.string
  private static let int = CELType.int

  static let functions: [CELFunction] = [
    function("charAt", [("string_char_at_int", [string, int], string)], charAt),
    function(
      "indexOf",
      [
        ("string_index_of_string", [string, string], int),
        ("string_index_of_string_int", [string, string, int], int),
      ], indexOf),
    function(
      "lastIndexOf",
      [
        ("string_last_index_of_string", [string, string], int),
        ("string_last_index_of_string_int", [string, string, int], int),
      ], lastIndexOf),
    function("lowerAscii", [("string_lower_ascii", [string], string)]) { args in
      mapScalars(args) { $0.isASCII ? Unicode.Scalar(UInt8(ascii: $0).lowercasedASCII) : $0 }
    },
    function("upperAscii", [("string_upper_ascii", [string], string)]) { args in
      mapScalars(args) { $0.isASCII ? Unicode.Scalar(UInt8(ascii: $0).uppercasedASCII) : $0 }
    },
    function(
      "replace",
      [
        ("string_replace_string_string", [string, string, string], string),
        ("string_replace_string_string_int", [string, string, string, int], string),
      ], replace),
    function(
      "split",
      [
        ("string_split_string", [string, string], .list(string)),
        ("string_split_string_int", [string, string, int], .list(string)),
      ], split),
    function(
      "substring",
      [
        ("string_substring_int", [string, int], string),
        ("string_substring_int_int", [string, int, int], string),
      ], substring),
    function("trim", [("string_trim", [string], string)]) { args in
      guard case .string(let s) = args[0] else { return noOverload("trim", args) }
      let scalars = Array(s.unicodeScalars)
      guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
      else { return .string("") }
      return .string(text(scalars[first...last]))
    },
    function(
      "join",
      [
        ("list_join", [.list(string)], string),
        ("list_join_string", [.list(string), string], string),
      ], join),
    function("reverse", [("reverse", [string], string)]) { args in
      guard case .string(let s) = args[0] else { return noOverload("reverse", args) }
      return .string(text(s.unicodeScalars.reversed()))
    },
    function("format", [("string_format", [string, .list(.dyn)], string)], StringFormat.format),
    CELFunction(
      "strings.quote", overloads: [.init("strings_quote", [string], string)],
      implementation: .nary(quote)),
  ]

  /// A receiver-style function with one kernel over all its overloads.
  private static func function(
    _ name: String, _ overloads: [(String, [CELType], CELType)],
    _ kernel: @escaping @Sendable ([CELValue]) -> CELValue
  ) -> CELFunction {
    CELFunction(
      name,
      overloads: overloads.map { CELOverload($0.0, receiverStyle: true, $0.1, $0.2) },
      implementation: .nary(kernel))
  }

  static func noOverload(_ name: String, _ args: [CELValue]) -> CELValue {
    CELValue.propagate(args)
      ?? .error(
        CELError("no such overload: \(name)(\(args.map(\.typeName).joined(separator: ", ")))"))
  }

  private static func outOfRange(_ index: Int64) -> CELValue {
    .error(CELError("index out of range: \(index)"))
  }

  private static func text(_ scalars: some Sequence<Unicode.Scalar>) -> String {
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  private static func mapScalars(
    _ args: [CELValue], _ transform: (Unicode.Scalar) -> Unicode.Scalar
  ) -> CELValue {
    guard args.count == 1, case .string(let s) = args[0] else { return noOverload("ascii", args) }
    return .string(text(s.unicodeScalars.map(transform)))
  }

  /// The code points of a string and of a search string, with an optional integer.
  private static func stringArguments(_ args: [CELValue]) -> (
    [Unicode.Scalar], [Unicode.Scalar], Int64?
  )? {
    guard args.count == 2 || args.count == 3, case .string(let s) = args[0],
      case .string(let t) = args[1]
    else { return nil }
    if args.count == 3 {
      guard case .int(let n) = args[2] else { return nil }
      return (Array(s.unicodeScalars), Array(t.unicodeScalars), n)
    }
    return (Array(s.unicodeScalars), Array(t.unicodeScalars), nil)
  }

  private static func matches(
    _ scalars: [Unicode.Scalar], _ search: [Unicode.Scalar], at position: Int
  ) -> Bool {
    position + search.count <= scalars.count
      && scalars[position..<(position + search.count)].elementsEqual(search)
  }

  @Sendable static func charAt(_ args: [CELValue]) -> CELValue {
    guard args.count == 2, case .string(let s) = args[0], case .int(let i) = args[1] else {
      return noOverload("charAt", args)
    }
    let scalars = Array(s.unicodeScalars)
    guard i >= 0, i <= Int64(scalars.count) else { return outOfRange(i) }
    return .string(i == Int64(scalars.count) ? "" : text([scalars[Int(i)]]))
  }

  /// An empty search string is found at the start position, whatever it is; a search string
  /// longer than the string is not found; otherwise a start given must be inside the string
  /// (the cel-spec conformance tests: `'tacocat'.indexOf('a', 30)` is an error).
  @Sendable static func indexOf(_ args: [CELValue]) -> CELValue {
    guard let (scalars, search, offset) = stringArguments(args) else {
      return noOverload("indexOf", args)
    }
    let start = offset ?? 0
    if search.isEmpty { return .int(start) }
    if offset == nil, search.count > scalars.count { return .int(-1) }
    guard start >= 0, start < Int64(scalars.count) else { return outOfRange(start) }
    for position in Int(start)..<scalars.count where matches(scalars, search, at: position) {
      return .int(Int64(position))
    }
    return .int(-1)
  }

  /// The last match starting at or before the position (the end by default), with the same
  /// rules as `indexOf` (`''.lastIndexOf('@@') == -1`, `'a'.lastIndexOf('a', 30)` an error).
  @Sendable static func lastIndexOf(_ args: [CELValue]) -> CELValue {
    guard let (scalars, search, offset) = stringArguments(args) else {
      return noOverload("lastIndexOf", args)
    }
    if search.isEmpty { return .int(offset ?? Int64(scalars.count)) }
    if offset == nil, search.count > scalars.count { return .int(-1) }
    let start = offset ?? Int64(scalars.count - 1)
    guard start >= 0, start < Int64(scalars.count) else { return outOfRange(start) }
    var position = min(Int(start), scalars.count - search.count)
    while position >= 0 {
      if matches(scalars, search, at: position) { return .int(Int64(position)) }
      position -= 1
    }
    return .int(-1)
  }

  /// Go's `strings.Replace`: at most `limit` replacements (all when negative); an empty search
  /// string matches before every code point and at the end.
  @Sendable static func replace(_ args: [CELValue]) -> CELValue {
    guard args.count == 3 || args.count == 4, case .string(let s) = args[0],
      case .string(let old) = args[1], case .string(let new) = args[2]
    else { return noOverload("replace", args) }
    var limit = Int64(-1)
    if args.count == 4 {
      guard case .int(let n) = args[3] else { return noOverload("replace", args) }
      limit = n
    }
    let scalars = Array(s.unicodeScalars)
    let search = Array(old.unicodeScalars)
    let replacement = Array(new.unicodeScalars)
    var result: [Unicode.Scalar] = []
    var replaced = Int64(0)
    var position = 0
    while position <= scalars.count {
      let canReplace = limit < 0 || replaced < limit
      if canReplace, search.isEmpty || matches(scalars, search, at: position) {
        result += replacement
        replaced += 1
        if search.isEmpty {
          if position < scalars.count { result.append(scalars[position]) }
          position += 1
        } else {
          position += search.count
        }
      } else {
        if position < scalars.count { result.append(scalars[position]) }
        position += 1
      }
    }
    return .string(text(result))
  }

  /// Go's `strings.SplitN`: at most `limit` parts, the last holding the rest (all parts when
  /// negative, none when zero); an empty separator splits into code points.
  @Sendable static func split(_ args: [CELValue]) -> CELValue {
    guard let (scalars, separator, limit) = stringArguments(args) else {
      return noOverload("split", args)
    }
    let most = limit ?? -1
    if most == 0 { return .list([]) }
    var parts: [CELValue] = []
    var start = 0
    var position = 0
    if separator.isEmpty {
      while start < scalars.count {
        if most > 0, Int64(parts.count) == most - 1 { break }
        parts.append(.string(text([scalars[start]])))
        start += 1
      }
      if start < scalars.count { parts.append(.string(text(scalars[start...]))) }
      return .list(parts)
    }
    while position + separator.count <= scalars.count {
      if most > 0, Int64(parts.count) == most - 1 { break }
      if matches(scalars, separator, at: position) {
        parts.append(.string(text(scalars[start..<position])))
        position += separator.count
        start = position
      } else {
        position += 1
      }
    }
    parts.append(.string(text(scalars[start...])))
    return .list(parts)
  }

  @Sendable static func substring(_ args: [CELValue]) -> CELValue {
    guard args.count == 2 || args.count == 3, case .string(let s) = args[0],
      case .int(let start) = args[1]
    else { return noOverload("substring", args) }
    let scalars = Array(s.unicodeScalars)
    let count = Int64(scalars.count)
    var end = count
    if args.count == 3 {
      guard case .int(let e) = args[2] else { return noOverload("substring", args) }
      end = e
      if start > end {
        return .error(CELError("invalid substring range. start: \(start), end: \(end)"))
      }
    }
    guard start >= 0, start <= count else { return outOfRange(start) }
    guard end >= 0, end <= count else { return outOfRange(end) }
    return .string(text(scalars[Int(start)..<Int(end)]))
  }

  @Sendable static func join(_ args: [CELValue]) -> CELValue {
    guard args.count == 1 || args.count == 2, case .list(let items) = args[0] else {
      return noOverload("join", args)
    }
    var separator = ""
    if args.count == 2 {
      guard case .string(let s) = args[1] else { return noOverload("join", args) }
      separator = s
    }
    var parts: [String] = []
    for item in items {
      guard case .string(let s) = item else {
        return .error(CELError("join: invalid input: \(item)"))
      }
      parts.append(s)
    }
    return .string(parts.joined(separator: separator))
  }

  /// Wraps a string in double quotes with CEL's escapes, so it prints as written.
  @Sendable static func quote(_ args: [CELValue]) -> CELValue {
    guard args.count == 1, case .string(let s) = args[0] else {
      return noOverload("strings.quote", args)
    }
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\u{07}": out += "\\a"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{0B}": out += "\\v"
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      default: out.unicodeScalars.append(scalar)
      }
    }
    return .string(out + "\"")
  }
}

extension UInt8 {
  fileprivate var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
  fileprivate var uppercasedASCII: UInt8 { (97...122).contains(self) ? self - 32 : self }
}
