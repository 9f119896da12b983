import SignpostSource

/// The recursive-descent parser behind ``TextProto``, over the document's UTF-8 bytes.
struct TextProtoParser {
  private let bytes: [UInt8]
  private var position = 0
  private var line = 1
  /// The byte offset where the current line starts, for columns.
  private var lineStart = 0

  /// How deeply messages may nest before the parser gives up (a guard against stack overflow).
  private static let maximumDepth = 100

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses the top-level message, which runs to the end of the input.
  mutating func parseDocument() throws(TextProtoError) -> TextProtoMessage {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      position = 3
      lineStart = 3
    }
    return try parseFields(closingWith: nil, depth: 0, start: location)
  }

  // MARK: - Messages and fields

  /// Parses fields up to `closing` (consumed) or, for the document, the end of input.
  /// `start` is where the message begins: its opening delimiter.
  private mutating func parseFields(
    closingWith closing: UInt8?, depth: Int, start: SourceLocation
  ) throws(TextProtoError) -> TextProtoMessage {
    guard depth <= Self.maximumDepth else { throw error("messages are nested too deeply") }
    var fields: [TextProtoField] = []
    while true {
      skipTrivia()
      guard let byte = peek() else {
        if let closing { throw error("expected '\(Character(Unicode.Scalar(closing)))'") }
        return TextProtoMessage(fields: fields, location: start)
      }
      if byte == closing {
        position += 1
        return TextProtoMessage(fields: fields, location: start)
      }
      try parseField(into: &fields, depth: depth)
      skipTrivia()
      if peek() == UInt8(ascii: ",") || peek() == UInt8(ascii: ";") { position += 1 }
    }
  }

  /// Parses one field (several for the list form `name: [a, b]`) and appends it.
  private mutating func parseField(
    into fields: inout [TextProtoField], depth: Int
  ) throws(TextProtoError) {
    let start = location
    let name = try parseFieldName()
    skipTrivia()
    if peek() == UInt8(ascii: ":") {
      position += 1
      skipTrivia()
      if peek() == UInt8(ascii: "[") {
        position += 1
        for value in try parseList(depth: depth) {
          fields.append(TextProtoField(name: name, value: value, location: start))
        }
        return
      }
      let value = try parseValue(depth: depth)
      fields.append(TextProtoField(name: name, value: value, location: start))
    } else if let closing = closingDelimiter(for: peek()) {
      let opening = location
      position += 1
      let message = try parseFields(closingWith: closing, depth: depth + 1, start: opening)
      fields.append(TextProtoField(name: name, value: .message(message), location: start))
    } else {
      throw error("expected ':' or '{' after field name '\(name)'")
    }
  }

  /// A field name: an identifier, or a bracketed extension name or `Any` type URL, which
  /// keeps its brackets.
  private mutating func parseFieldName() throws(TextProtoError) -> String {
    if peek() == UInt8(ascii: "[") {
      position += 1
      skipTrivia()
      let start = position
      while let byte = peek(),
        isIdentifierByte(byte) || byte == UInt8(ascii: ".")
          || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
      {
        position += 1
      }
      let name = text(start..<position)
      skipTrivia()
      guard !name.isEmpty, peek() == UInt8(ascii: "]") else {
        throw error("expected a type name and ']' in an extension field name")
      }
      position += 1
      return "[\(name)]"
    }
    guard let name = parseIdentifier() else { throw error("expected a field name") }
    return name
  }

  /// The elements of `[a, b, ...]` after the opening bracket, up to the closing one.
  private mutating func parseList(depth: Int) throws(TextProtoError) -> [TextProtoValue] {
    var values: [TextProtoValue] = []
    skipTrivia()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return values
    }
    while true {
      values.append(try parseValue(depth: depth))
      skipTrivia()
      switch peek() {
      case UInt8(ascii: ","):
        position += 1
        skipTrivia()
      case UInt8(ascii: "]"):
        position += 1
        return values
      default: throw error("expected ',' or ']' in a list")
      }
    }
  }

  /// A value after `name:`: a message, string literals, a number or an identifier.
  private mutating func parseValue(depth: Int) throws(TextProtoError) -> TextProtoValue {
    guard let byte = peek() else { throw error("expected a value") }
    if let closing = closingDelimiter(for: byte) {
      let opening = location
      position += 1
      return .message(try parseFields(closingWith: closing, depth: depth + 1, start: opening))
    }
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      var result: [UInt8] = []
      while let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        result += try parseString()
        skipTrivia()
      }
      return .bytes(result)
    }
    if byte == UInt8(ascii: "-") {
      position += 1
      skipTrivia()
      let wordLocation = location
      if let word = parseIdentifier() {
        switch word.lowercased() {
        case "inf", "infinity": return .number(.float(-.infinity))
        case "nan": return .number(.float(.nan))
        default: throw TextProtoError("expected a number after '-'", at: wordLocation)
        }
      }
      return .number(try parseNumber(negative: true))
    }
    if isDigit(byte) || byte == UInt8(ascii: ".") {
      return .number(try parseNumber(negative: false))
    }
    if let word = parseIdentifier() { return .identifier(word) }
    throw error("expected a value")
  }

  private func closingDelimiter(for byte: UInt8?) -> UInt8? {
    switch byte {
    case UInt8(ascii: "{"): UInt8(ascii: "}")
    case UInt8(ascii: "<"): UInt8(ascii: ">")
    default: nil
    }
  }

  // MARK: - Tokens

  private mutating func parseIdentifier() -> String? {
    guard let first = peek(), isIdentifierByte(first), !isDigit(first) else { return nil }
    let start = position
    while let byte = peek(), isIdentifierByte(byte) { position += 1 }
    return text(start..<position)
  }

  /// A decimal, hex (`0x`) or octal (leading `0`) integer, or a float with an optional
  /// fraction, exponent and `f` suffix. Integers too large for 64 bits become floats.
  private mutating func parseNumber(negative: Bool) throws(TextProtoError) -> TextProtoNumber {
    let start = position
    let startLocation = location
    if peek() == UInt8(ascii: "0"), let x = peek(at: 1), x | 0x20 == UInt8(ascii: "x") {
      position += 2
      let digitsStart = position
      while let byte = peek(), hexValue(byte) != nil { position += 1 }
      guard position > digitsStart,
        let magnitude = UInt64(text(digitsStart..<position), radix: 16)
      else {
        throw TextProtoError("invalid hexadecimal integer", at: startLocation)
      }
      try expectEndOfNumber()
      return .integer(negative: negative, magnitude: magnitude)
    }
    var isFloat = false
    while let byte = peek(), isDigit(byte) { position += 1 }
    if peek() == UInt8(ascii: ".") {
      isFloat = true
      position += 1
      while let byte = peek(), isDigit(byte) { position += 1 }
    }
    if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
      isFloat = true
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      let exponentStart = position
      while let byte = peek(), isDigit(byte) { position += 1 }
      guard position > exponentStart else {
        throw TextProtoError("missing exponent digits", at: startLocation)
      }
    }
    let literal = text(start..<position)
    if let f = peek(), f | 0x20 == UInt8(ascii: "f") {
      isFloat = true
      position += 1
    }
    try expectEndOfNumber()
    if !isFloat {
      let octal = literal.count > 1 && literal.hasPrefix("0")
      if let magnitude = UInt64(
        octal ? String(literal.dropFirst()) : literal, radix: octal ? 8 : 10)
      {
        return .integer(negative: negative, magnitude: magnitude)
      }
      if octal { throw TextProtoError("invalid octal integer '\(literal)'", at: startLocation) }
    }
    guard let value = Double(literal) else {
      throw TextProtoError("invalid number '\(literal)'", at: startLocation)
    }
    return .float(negative ? -value : value)
  }

  private func expectEndOfNumber() throws(TextProtoError) {
    if let byte = peek(), isIdentifierByte(byte) || byte == UInt8(ascii: ".") {
      throw error("unexpected character after a number")
    }
  }

  /// One string literal in either quote, with its escapes decoded to bytes.
  private mutating func parseString() throws(TextProtoError) -> [UInt8] {
    let startLocation = location
    guard let quote = peek() else { throw error("expected a string") }
    position += 1
    var result: [UInt8] = []
    while true {
      guard let byte = peek(), byte != UInt8(ascii: "\n") else {
        throw TextProtoError("unterminated string literal", at: startLocation)
      }
      position += 1
      if byte == quote { return result }
      if byte == UInt8(ascii: "\\") {
        try parseEscape(into: &result)
      } else {
        result.append(byte)
      }
    }
  }

  /// Decodes the escape after a backslash: `\n` and friends, `\NNN` (octal), `\xHH`,
  /// `\uHHHH` (with surrogate pairs) and `\UHHHHHHHH`, appending its bytes.
  private mutating func parseEscape(into result: inout [UInt8]) throws(TextProtoError) {
    let escapeLocation = SourceLocation(line: location.line, column: location.column - 1)
    guard let byte = peek(), byte != UInt8(ascii: "\n") else {
      throw TextProtoError("unterminated escape sequence", at: escapeLocation)
    }
    position += 1
    switch byte {
    case UInt8(ascii: "a"): result.append(0x07)
    case UInt8(ascii: "b"): result.append(0x08)
    case UInt8(ascii: "f"): result.append(0x0C)
    case UInt8(ascii: "n"): result.append(0x0A)
    case UInt8(ascii: "r"): result.append(0x0D)
    case UInt8(ascii: "t"): result.append(0x09)
    case UInt8(ascii: "v"): result.append(0x0B)
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "?"):
      result.append(byte)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      var value = UInt32(byte - UInt8(ascii: "0"))
      for _ in 0..<2 {
        guard let digit = peek(), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else {
          break
        }
        value = value * 8 + UInt32(digit - UInt8(ascii: "0"))
        position += 1
      }
      guard let octet = UInt8(exactly: value) else {
        throw TextProtoError("octal escape out of range", at: escapeLocation)
      }
      result.append(octet)
    case UInt8(ascii: "x"), UInt8(ascii: "X"):
      guard let value = readHex(minimum: 1, maximum: 2) else {
        throw TextProtoError("'\\x' needs a hexadecimal digit", at: escapeLocation)
      }
      result.append(UInt8(value))
    case UInt8(ascii: "u"):
      guard var value = readHex(minimum: 4, maximum: 4) else {
        throw TextProtoError("'\\u' needs four hexadecimal digits", at: escapeLocation)
      }
      if (0xD800..<0xDC00).contains(value), peek() == UInt8(ascii: "\\"),
        peek(at: 1) == UInt8(ascii: "u")
      {
        let save = position
        position += 2
        if let low = readHex(minimum: 4, maximum: 4), (0xDC00..<0xE000).contains(low) {
          value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else {
          position = save
        }
      }
      try appendScalar(value, into: &result, at: escapeLocation)
    case UInt8(ascii: "U"):
      guard let value = readHex(minimum: 8, maximum: 8) else {
        throw TextProtoError("'\\U' needs eight hexadecimal digits", at: escapeLocation)
      }
      try appendScalar(value, into: &result, at: escapeLocation)
    default:
      throw TextProtoError(
        "unknown escape sequence '\\\(Character(Unicode.Scalar(byte)))'", at: escapeLocation)
    }
  }

  private func appendScalar(
    _ value: UInt32, into result: inout [UInt8], at escapeLocation: SourceLocation
  ) throws(TextProtoError) {
    guard let scalar = Unicode.Scalar(value) else {
      throw TextProtoError("escape is not a Unicode scalar value", at: escapeLocation)
    }
    result += Array(String(scalar).utf8)
  }

  /// Reads `minimum` to `maximum` hex digits; `nil` when there are fewer than `minimum`.
  private mutating func readHex(minimum: Int, maximum: Int) -> UInt32? {
    var value: UInt32 = 0
    var count = 0
    while count < maximum, let byte = peek(), let digit = hexValue(byte) {
      value = value * 16 + UInt32(digit)
      position += 1
      count += 1
    }
    return count >= minimum ? value : nil
  }

  /// Skips white space and `#` comments, counting lines.
  private mutating func skipTrivia() {
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\n"):
        position += 1
        line += 1
        lineStart = position
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
        position += 1
      case UInt8(ascii: "#"):
        while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
      default: return
      }
    }
  }

  // MARK: - Bytes and positions

  private func peek(at offset: Int = 0) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  /// The current line and column; the column counts characters, not UTF-8 bytes.
  private var location: SourceLocation {
    let characters = bytes[lineStart..<position].count { $0 & 0xC0 != 0x80 }
    return SourceLocation(line: line, column: characters + 1)
  }

  private func error(_ message: String) -> TextProtoError {
    TextProtoError(message, at: location)
  }

  private func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private func isIdentifierByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == UInt8(ascii: "_")
      || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
  }

  private func hexValue(_ byte: UInt8) -> UInt8? {
    if isDigit(byte) { return byte - UInt8(ascii: "0") }
    let lower = byte | 0x20
    return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")
      ? lower - UInt8(ascii: "a") + 10 : nil
  }
}
