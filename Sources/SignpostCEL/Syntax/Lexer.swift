/// Splits a CEL expression into tokens; a malformed token becomes a diagnostic.
struct Lexer {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  private(set) var problems: [(message: String, offset: Int)] = []

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  /// Two-character operators before their first character alone; each with its scalars, so
  /// that matching one walks no string.
  private static let punctuations: [(text: String, scalars: [Unicode.Scalar])] = [
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".",
    ",", "(", ")", "[", "]", "{", "}",
  ].map { ($0, Array($0.unicodeScalars)) }

  mutating func tokenize() -> [Token] {
    var tokens: [Token] = []
    // Room for a token every other character: one allocation rather than one per doubling.
    tokens.reserveCapacity(scalars.count / 2 + 1)
    while true {
      skipSpaceAndComments()
      let start = position
      guard position < scalars.count else {
        tokens.append(Token(kind: .end, offset: start, endOffset: start))
        return tokens
      }
      if let kind = next() {
        tokens.append(Token(kind: kind, offset: start, endOffset: position))
      }
    }
  }

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    position + ahead < scalars.count ? scalars[position + ahead] : nil
  }

  private mutating func skipSpaceAndComments() {
    while let c = peek() {
      if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
        position += 1
      } else if c == "/", peek(1) == "/" {
        while let d = peek(), d != "\n" { position += 1 }
      } else {
        return
      }
    }
  }

  private mutating func next() -> Token.Kind? {
    guard let c = peek() else { return .end }
    let start = position
    if c == "\"" || c == "'" { return lexString(raw: false, bytes: false) }
    if c == "`" {
      position += 1
      let nameStart = position
      while let d = peek(), d != "`", d != "\n" { position += 1 }
      guard peek() == "`", position > nameStart else {
        problems.append(("unterminated quoted field name", start))
        return nil
      }
      let name = text(nameStart..<position)
      position += 1
      return .quotedIdentifier(name)
    }
    if isIdentifierStart(c) {
      // String prefixes: r, R, b, B and combinations.
      var raw = false
      var bytes = false
      var lookahead = 0
      while let p = peek(lookahead), "rRbB".unicodeScalars.contains(p), lookahead < 2 {
        if p == "r" || p == "R" { raw = true } else { bytes = true }
        lookahead += 1
      }
      if lookahead > 0, let q = peek(lookahead), q == "\"" || q == "'" {
        position += lookahead
        return lexString(raw: raw, bytes: bytes)
      }
      while let d = peek(), isIdentifierStart(d) || isDigit(d) { position += 1 }
      let word = text(start..<position)
      if CELNames.keywords.contains(word) { return .keyword(word) }
      if CELNames.reservedWords.contains(word) { return .reserved(word) }
      return .identifier(word)
    }
    if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) { return lexNumber() }
    for p in Self.punctuations where p.scalars[0] == c && matches(p.scalars) {
      position += p.scalars.count
      return .punctuation(p.text)
    }
    problems.append(("unexpected character '\(c.escaped(asASCII: false))'", start))
    position += 1
    return nil
  }

  /// The text of some of the scalars, encoded into one temporary buffer: a string built by
  /// appending the scalars allocated for nearly every identifier (a fifth of a pack's
  /// allocations when compiling).
  private func text(_ range: Range<Int>) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count * 4) { buffer in
      var count = 0
      for scalar in scalars[range] {
        UTF8.encode(scalar) { byte in
          buffer[count] = byte
          count += 1
        }
      }
      return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
    }
  }

  private func matches(_ scalars: [Unicode.Scalar]) -> Bool {
    scalars.indices.allSatisfy { peek($0) == scalars[$0] }
  }

  private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }

  private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  private func isHexDigit(_ c: Unicode.Scalar) -> Bool {
    isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
  }

  private mutating func lexNumber() -> Token.Kind? {
    let start = position
    if peek() == "0", let x = peek(1), x == "x" || x == "X" {
      position += 2
      let digitsStart = position
      while let d = peek(), isHexDigit(d) { position += 1 }
      let digits = text(digitsStart..<position)
      if let u = peek(), u == "u" || u == "U" {
        position += 1
        guard let value = UInt64(digits, radix: 16) else { return overflow(start) }
        return .uint(value)
      }
      guard let value = Int64(digits, radix: 16) else { return overflow(start) }
      return .int(value)
    }
    var isFloat = false
    while let d = peek(), isDigit(d) { position += 1 }
    if peek() == ".", let d = peek(1), isDigit(d) {
      isFloat = true
      position += 1
      while let d = peek(), isDigit(d) { position += 1 }
    }
    if let e = peek(), e == "e" || e == "E" {
      var look = 1
      if let sign = peek(1), sign == "+" || sign == "-" { look = 2 }
      if let d = peek(look), isDigit(d) {
        isFloat = true
        position += look
        while let d = peek(), isDigit(d) { position += 1 }
      }
    }
    let text = text(start..<position)
    if isFloat {
      return .double(Double(text) ?? .nan)
    }
    if let u = peek(), u == "u" || u == "U" {
      position += 1
      guard let value = UInt64(text) else { return overflow(start) }
      return .uint(value)
    }
    guard let value = Int64(text) else {
      // The magnitude of the most negative int is only valid after unary minus.
      if text == "9223372036854775808" { return .intMinMagnitude }
      return overflow(start)
    }
    return .int(value)
  }

  private mutating func overflow(_ start: Int) -> Token.Kind? {
    problems.append(("integer literal out of range", start))
    return nil
  }

  private mutating func lexString(raw: Bool, bytes: Bool) -> Token.Kind? {
    let start = position
    guard let quote = peek() else { return nil }
    let triple = peek(1) == quote && peek(2) == quote
    position += triple ? 3 : 1
    var out: [UInt8] = []
    func append(_ scalar: Unicode.Scalar) {
      UTF8.encode(scalar) { out.append($0) }
    }
    while true {
      guard let c = peek() else {
        problems.append(("unterminated string literal", start))
        return nil
      }
      if c == quote {
        if !triple {
          position += 1
          break
        }
        if peek(1) == quote, peek(2) == quote {
          position += 3
          break
        }
      }
      if !triple, c == "\n" || c == "\r" {
        problems.append(("unterminated string literal", start))
        return nil
      }
      if c == "\\", !raw {
        let escapeStart = position
        position += 1
        guard let e = peek() else { continue }
        position += 1
        switch e {
        case "a": out.append(0x07)
        case "b": out.append(0x08)
        case "f": out.append(0x0C)
        case "n": out.append(0x0A)
        case "r": out.append(0x0D)
        case "t": out.append(0x09)
        case "v": out.append(0x0B)
        case "\\", "'", "\"", "`", "?": append(e)
        case "x", "X", "u", "U":
          let count = (e == "x" || e == "X") ? 2 : (e == "u" ? 4 : 8)
          var value: UInt32 = 0
          for _ in 0..<count {
            guard let h = peek(), isHexDigit(h), let digit = UInt32(String(h), radix: 16) else {
              problems.append(("invalid escape sequence", escapeStart))
              return nil
            }
            value = value * 16 + digit
            position += 1
          }
          if e == "x" || e == "X", bytes {
            out.append(UInt8(value))
          } else if bytes, e == "U" {
            problems.append(("\\U escapes are valid only in string literals", escapeStart))
            return nil
          } else if let scalar = Unicode.Scalar(value) {
            append(scalar)
          } else {
            problems.append(("invalid Unicode code point in escape", escapeStart))
            return nil
          }
        case "0"..."3":
          var value = UInt32(e.value - 48)
          for _ in 0..<2 {
            guard let o = peek(), o >= "0", o <= "7" else {
              problems.append(("invalid octal escape", escapeStart))
              return nil
            }
            value = value * 8 + (o.value - 48)
            position += 1
          }
          if bytes {
            out.append(UInt8(value))
          } else if let scalar = Unicode.Scalar(value) {
            append(scalar)
          }
        default:
          problems.append(("invalid escape sequence '\\\(e)'", escapeStart))
          return nil
        }
        continue
      }
      append(c)
      position += 1
    }
    if bytes { return .bytes(out) }
    return .string(String(decoding: out, as: UTF8.self))
  }
}
