import Foundation

/// `<string>.format(<list>)` as cel-go's strings extension (version 4) defines it: `%s`, `%d`,
/// `%f` and `%e` (with an optional precision such as `%.2f`), `%b`, `%x`, `%X`, `%o` and `%%`.
enum StringFormat {
  /// A piece of a format string: literal text or a clause such as `%.2f`.
  enum Piece: Equatable {
    case text(String)
    case clause(verb: Unicode.Scalar, precision: Int?)
  }

  static let verbs: Set<Unicode.Scalar> = ["s", "d", "f", "e", "b", "o", "x", "X"]

  /// The pieces of a format string up to the first malformed clause, and that clause's error.
  static func parse(_ pattern: String) -> (pieces: [Piece], error: String?) {
    let scalars = Array(pattern.unicodeScalars)
    var pieces: [Piece] = []
    var text = ""
    var position = 0
    func fail(_ message: String) -> ([Piece], String?) {
      if !text.isEmpty { pieces.append(.text(text)) }
      return (pieces, "could not parse formatting clause: \(message)")
    }
    while position < scalars.count {
      let scalar = scalars[position]
      position += 1
      guard scalar == "%" else {
        text.unicodeScalars.append(scalar)
        continue
      }
      guard position < scalars.count else { return fail("unexpected end of string") }
      if scalars[position] == "%" {
        text += "%"
        position += 1
        continue
      }
      var precision: Int?
      if scalars[position] == "." {
        position += 1
        var digits = ""
        while position < scalars.count, ("0"..."9").contains(scalars[position]) {
          digits.unicodeScalars.append(scalars[position])
          position += 1
        }
        guard let value = Int(digits), value <= 100 else { return fail("invalid precision") }
        precision = value
      }
      guard position < scalars.count else { return fail("unexpected end of string") }
      let verb = scalars[position]
      position += 1
      guard verbs.contains(verb) else {
        return fail("unrecognized formatting clause \"\(verb)\"")
      }
      if !text.isEmpty { pieces.append(.text(text)) }
      text = ""
      pieces.append(.clause(verb: verb, precision: precision))
    }
    if !text.isEmpty { pieces.append(.text(text)) }
    return (pieces, nil)
  }

  @Sendable static func format(_ args: [CELValue]) -> CELValue {
    guard args.count == 2, case .string(let pattern) = args[0], case .list(let values) = args[1]
    else { return StringsExtension.noOverload("format", args) }
    let (pieces, parseError) = parse(pattern)
    var out = ""
    var next = 0
    for piece in pieces {
      guard case .clause(let verb, let precision) = piece else {
        if case .text(let text) = piece { out += text }
        continue
      }
      guard next < values.count else { return failure("index \(next) out of range") }
      let value = values[next]
      next += 1
      if let absorbed = CELValue.propagate(value) { return absorbed }
      let clause: Result<String, CELError>
      switch verb {
      case "s": clause = string(value)
      case "d": clause = decimal(value)
      case "f": clause = floating(value, "f", precision ?? 6)
      case "e": clause = floating(value, "e", precision ?? 6)
      case "b": clause = integer(value, radix: 2, clause: "binary", allowsBool: true)
      case "o": clause = integer(value, radix: 8, clause: "octal", allowsBool: false)
      default: clause = hex(value, uppercase: verb == "X")
      }
      switch clause {
      case .success(let text): out += text
      case .failure(let error): return .error(error)
      }
    }
    if let parseError { return failure(parseError) }
    return .string(out)
  }

  /// The types a clause accepts, for the checker (`nil`: any type).
  static func acceptedTypes(_ verb: Unicode.Scalar) -> [CELType]? {
    switch verb {
    case "s": nil
    case "d", "f", "e": [.int, .uint, .double]
    case "b": [.bool, .int, .uint]
    case "o": [.int, .uint]
    default: [.int, .uint, .string, .bytes]
    }
  }

  private static func failure(_ message: String) -> CELValue {
    .error(CELError("error during formatting: \(message)"))
  }

  private static func mismatch(_ clause: String, _ allowed: String, _ value: CELValue)
    -> Result<String, CELError>
  {
    .failure(
      CELError(
        "error during formatting: \(clause) clause can only be used on \(allowed), was given \(value.typeName)"
      ))
  }

  /// `%s`: any value but an object; lists and maps element by element, map entries by key.
  static func string(_ value: CELValue) -> Result<String, CELError> {
    switch value {
    case .null: return .success("null")
    case .bool(let b): return .success(b ? "true" : "false")
    case .int(let i): return .success(String(i))
    case .uint(let u): return .success(String(u))
    case .double(let d): return .success(plain(d))
    case .string(let s): return .success(s)
    case .bytes(let b): return .success(String(decoding: b, as: UTF8.self))
    case .timestamp(let t): return .success(TimeFunctions.format(t))
    case .duration(let d): return .success(TimeFunctions.format(d))
    case .type(let t): return .success(t.runtimeName)
    case .list(let items):
      var parts: [String] = []
      for item in items {
        switch string(item) {
        case .success(let text): parts.append(text)
        case .failure(let error): return .failure(error)
        }
      }
      return .success("[" + parts.joined(separator: ", ") + "]")
    case .map(let map):
      var entries: [(String, String)] = []
      for (key, item) in map.entries {
        switch (string(key), string(item)) {
        case (.success(let k), .success(let v)): entries.append((k, v))
        case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
        }
      }
      let sorted = entries.sorted { Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
      return .success("{" + sorted.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}")
    default:
      return mismatch(
        "string",
        "strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps",
        value)
    }
  }

  private static func decimal(_ value: CELValue) -> Result<String, CELError> {
    switch value {
    case .int(let i): .success(String(i))
    case .uint(let u): .success(String(u))
    case .double(let d): .success(plain(d))
    default: mismatch("decimal", "integers and doubles", value)
    }
  }

  private static func floating(_ value: CELValue, _ style: String, _ precision: Int) -> Result<
    String, CELError
  > {
    let number: Double
    switch value {
    case .int(let i): number = Double(i)
    case .uint(let u): number = Double(u)
    case .double(let d): number = d
    default:
      return mismatch(style == "f" ? "fixed-point" : "scientific", "integers and doubles", value)
    }
    if let special = special(number) { return .success(special) }
    return .success(String(format: "%.\(precision)\(style)", number))
  }

  private static func integer(
    _ value: CELValue, radix: Int, clause: String, allowsBool: Bool
  ) -> Result<String, CELError> {
    switch value {
    case .int(let i): .success(String(i, radix: radix))
    case .uint(let u): .success(String(u, radix: radix))
    case .bool(let b) where allowsBool: .success(b ? "1" : "0")
    default: mismatch(clause, allowsBool ? "integers and bools" : "integers", value)
    }
  }

  private static func hex(_ value: CELValue, uppercase: Bool) -> Result<String, CELError> {
    let digits: String
    switch value {
    case .int(let i): digits = String(i, radix: 16)
    case .uint(let u): digits = String(u, radix: 16)
    case .string(let s): digits = s.utf8.map { byteHex($0) }.joined()
    case .bytes(let b): digits = b.map { byteHex($0) }.joined()
    default: return mismatch("hex", "integers, byte buffers, and strings", value)
    }
    return .success(uppercase ? digits.uppercased() : digits)
  }

  private static func byteHex(_ byte: UInt8) -> String {
    (byte < 16 ? "0" : "") + String(byte, radix: 16)
  }

  private static func special(_ d: Double) -> String? {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    return nil
  }

  /// The shortest decimal that reads back as `d`, never in exponent form (Go's `'f', -1`).
  static func plain(_ d: Double) -> String {
    if let special = special(d) { return special }
    let shortest = "\(d)"
    let parts = shortest.split(separator: "e")
    var mantissa = String(parts[0])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    var exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
    var digits = mantissa.replacingOccurrences(of: ".", with: "")
    let point =
      (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
        ?? mantissa.count)
    exponent += point
    while digits.count < exponent { digits += "0" }
    var integerPart = exponent > 0 ? String(digits.prefix(exponent)) : "0"
    var fraction =
      exponent >= 0
      ? String(digits.dropFirst(exponent)) : String(repeating: "0", count: -exponent) + digits
    while fraction.hasSuffix("0") { fraction.removeLast() }
    while integerPart.count > 1, integerPart.hasPrefix("0") { integerPart.removeFirst() }
    let body = fraction.isEmpty ? integerPart : integerPart + "." + fraction
    return (negative && body != "0" ? "-" : "") + body
  }
}
