/// JSON written as `JSONEncoder` writes it with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes` (two spaces a level, `"key" : value`, an empty container as
/// `[`, a blank line and `]`), byte for byte, for a report large enough that the encoder's
/// cost shows in a run: the caller writes the keys in sorted order. Tests check it against
/// the encoder.
struct PrettyJSON {
  /// The JSON so far, as UTF-8.
  private(set) var bytes: [UInt8] = []
  /// Per open container, whether it has no entry yet.
  private var empty: [Bool] = []

  /// An object; `body` writes its entries with ``key(_:)`` and a value each.
  mutating func object(_ body: (inout PrettyJSON) -> Void) {
    open(0x7B)
    body(&self)
    close(0x7D)
  }

  /// An array; `body` writes its elements, each after ``element()``.
  mutating func array(_ body: (inout PrettyJSON) -> Void) {
    open(0x5B)
    body(&self)
    close(0x5D)
  }

  /// Begins an object's entry: the key, then its value comes next.
  mutating func key(_ key: String) {
    element()
    string(key)
    bytes += [0x20, 0x3A, 0x20]
  }

  /// Begins an array's element.
  mutating func element() {
    if empty[empty.count - 1] {
      empty[empty.count - 1] = false
    } else {
      bytes += [0x2C, 0x0A]
    }
    indent()
  }

  mutating func int(_ value: Int) {
    bytes += String(value).utf8
  }

  /// A string, quoted and escaped as the encoder does: quotes, backslashes and control
  /// characters only (`\n`-style where there is one, else `\u00XX`).
  mutating func string(_ value: String) {
    bytes.append(0x22)
    for byte in value.utf8 {
      switch byte {
      case 0x22: bytes += [0x5C, 0x22]
      case 0x5C: bytes += [0x5C, 0x5C]
      case 0x0A: bytes += [0x5C, 0x6E]
      case 0x0D: bytes += [0x5C, 0x72]
      case 0x09: bytes += [0x5C, 0x74]
      case 0x08: bytes += [0x5C, 0x62]
      case 0x0C: bytes += [0x5C, 0x66]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      default: bytes.append(byte)
      }
    }
    bytes.append(0x22)
  }

  private mutating func open(_ bracket: UInt8) {
    bytes += [bracket, 0x0A]
    empty.append(true)
  }

  private mutating func close(_ bracket: UInt8) {
    empty.removeLast()
    bytes.append(0x0A)
    indent()
    bytes.append(bracket)
  }

  private mutating func indent() {
    bytes += repeatElement(UInt8(0x20), count: 2 * empty.count)
  }
}
