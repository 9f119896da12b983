/// Reads a request body's JSON text (RFC 8259) into a ``JSONInput`` in one pass over its
/// bytes, without Foundation's decoder: a number is `int` when it is a whole number that fits
/// 64 bits (`1e2` is 100; `-9223372036854775809` is not), else `double`; a key given twice keeps its last value; nesting
/// deeper than ``depthLimit`` is refused, so a hostile body cannot exhaust the stack.
struct JSONInputParser {
  /// How deeply arrays and objects may nest.
  static let depthLimit = 512

  /// Why the text is not JSON; the API answers every case with the same 400.
  struct Invalid: Error {}

  private let bytes: UnsafeBufferPointer<UInt8>
  private var at = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// The value a whole text holds; anything but whitespace after it is refused.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Invalid) -> JSONInput {
    var parser = JSONInputParser(bytes)
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.at == bytes.count else { throw Invalid() }
    return value
  }

  private mutating func skipWhitespace() {
    while at < bytes.count {
      switch bytes[at] {
      case 0x20, 0x09, 0x0A, 0x0D: at += 1
      default: return
      }
    }
  }

  private var next: UInt8? { at < bytes.count ? bytes[at] : nil }

  private mutating func value(depth: Int) throws(Invalid) -> JSONInput {
    skipWhitespace()
    guard let byte = next else { throw Invalid() }
    switch byte {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw Invalid()
    }
  }

  private mutating func literal(_ word: StaticString, _ value: JSONInput) throws(Invalid)
    -> JSONInput
  {
    let count = word.utf8CodeUnitCount
    guard bytes.count - at >= count else { throw Invalid() }
    for k in 0..<count where bytes[at + k] != word.utf8Start[k] { throw Invalid() }
    at += count
    return value
  }

  private mutating func object(depth: Int) throws(Invalid) -> JSONInput {
    guard depth <= Self.depthLimit else { throw Invalid() }
    at += 1
    var fields: [String: JSONInput] = [:]
    skipWhitespace()
    if next == UInt8(ascii: "}") {
      at += 1
      return .object(fields)
    }
    while true {
      skipWhitespace()
      guard next == UInt8(ascii: "\"") else { throw Invalid() }
      let key = try string()
      skipWhitespace()
      guard next == UInt8(ascii: ":") else { throw Invalid() }
      at += 1
      fields[key] = try value(depth: depth)
      skipWhitespace()
      switch next {
      case UInt8(ascii: ","): at += 1
      case UInt8(ascii: "}"):
        at += 1
        return .object(fields)
      default: throw Invalid()
      }
    }
  }

  private mutating func array(depth: Int) throws(Invalid) -> JSONInput {
    guard depth <= Self.depthLimit else { throw Invalid() }
    at += 1
    var items: [JSONInput] = []
    skipWhitespace()
    if next == UInt8(ascii: "]") {
      at += 1
      return .array(items)
    }
    while true {
      items.append(try value(depth: depth))
      skipWhitespace()
      switch next {
      case UInt8(ascii: ","): at += 1
      case UInt8(ascii: "]"):
        at += 1
        return .array(items)
      default: throw Invalid()
      }
    }
  }

  /// A string from its opening quote: escapes decoded, control characters and bytes that
  /// are not UTF-8 refused.
  private mutating func string() throws(Invalid) -> String {
    at += 1
    let start = at
    var ascii = true
    // The common case: no escapes, so the bytes are the string.
    while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\"),
      bytes[at] >= 0x20
    {
      ascii = ascii && bytes[at] < 0x80
      at += 1
    }
    guard at < bytes.count else { throw Invalid() }
    if bytes[at] == UInt8(ascii: "\"") {
      // Straight from the body's bytes, without a copy of them first; ASCII (most strings)
      // is UTF-8 already, without the generic validation's cost.
      let text = UnsafeBufferPointer(rebasing: bytes[start..<at])
      at += 1
      if ascii { return String(decoding: text, as: UTF8.self) }
      guard let validated = String(validating: text, as: UTF8.self) else { throw Invalid() }
      return validated
    }
    var utf8 = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<at]))
    while true {
      guard at < bytes.count else { throw Invalid() }
      let byte = bytes[at]
      at += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Invalid() }
        return text
      case UInt8(ascii: "\\"):
        guard let escape = next else { throw Invalid() }
        at += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"): utf8.append(contentsOf: try escapedScalar().utf8)
        default: throw Invalid()
        }
      case 0..<0x20: throw Invalid()
      default: utf8.append(byte)
      }
    }
  }

  /// The scalar of a `\u` escape (its `u` read), a surrogate pair taken together.
  private mutating func escapedScalar() throws(Invalid) -> String {
    let first = try hex4()
    var value = first
    if (0xD800..<0xDC00).contains(first) {
      guard bytes.count - at >= 2, bytes[at] == UInt8(ascii: "\\"),
        bytes[at + 1] == UInt8(ascii: "u")
      else { throw Invalid() }
      at += 2
      let second = try hex4()
      guard (0xDC00..<0xE000).contains(second) else { throw Invalid() }
      value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(value) else { throw Invalid() }
    return String(Character(scalar))
  }

  private mutating func hex4() throws(Invalid) -> UInt32 {
    guard bytes.count - at >= 4 else { throw Invalid() }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let digit: UInt32
      switch bytes[at] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(bytes[at] - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(bytes[at] - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(bytes[at] - UInt8(ascii: "A") + 10)
      default: throw Invalid()
      }
      value = value << 4 | digit
      at += 1
    }
    return value
  }

  /// A number as the grammar writes it: `-`, an integer part without leading zeros, then an
  /// optional fraction and exponent.
  private mutating func number() throws(Invalid) -> JSONInput {
    let start = at
    if next == UInt8(ascii: "-") { at += 1 }
    guard let first = next, isDigit(first) else { throw Invalid() }
    at += 1
    if first != UInt8(ascii: "0") { skipDigits() }
    var whole = true
    if next == UInt8(ascii: ".") {
      whole = false
      at += 1
      guard let digit = next, isDigit(digit) else { throw Invalid() }
      skipDigits()
    }
    if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
      whole = false
      at += 1
      if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { at += 1 }
      guard let digit = next, isDigit(digit) else { throw Invalid() }
      skipDigits()
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
    if whole, let integer = Int64(text) { return .int(integer) }
    guard let double = Double(text), double.isFinite else { throw Invalid() }
    // Digits beyond 64 bits are a number, not a whole number rounded into range (as
    // JSONDecoder read them); a fraction or exponent that comes out whole is whole.
    if !whole { return Int64(exactly: double).map(JSONInput.int) ?? .double(double) }
    return .double(double)
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func skipDigits() {
    while let byte = next, isDigit(byte) { at += 1 }
  }
}
