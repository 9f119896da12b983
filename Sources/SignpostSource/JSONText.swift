/// JSON text written by hand in a fixed key order, so output bytes are stable (summary.json,
/// scores.ndjson, inspect): the one place Signpost escapes a JSON string itself. Output that
/// needs no fixed order goes through Foundation's `JSONEncoder`.
public enum JSONText {
  /// A JSON string literal for `value`.
  public static func string(_ value: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(value.utf8.count + 2)
    append(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the JSON string literal for `value` to UTF-8 text: `"` and `\` escaped, and every
  /// control character (`\n`, `\r`, `\t`, the others as `\u001f`); the rest as it is, copied
  /// in runs between the bytes that need escaping.
  public static func append(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
      Array(value.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
    }
    out.append(UInt8(ascii: "\""))
  }

  private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    let backslash = UInt8(ascii: "\\")
    func escaped(_ byte: UInt8) {
      out.append(backslash)
      out.append(byte)
    }
    var run = 0
    var at = firstEscaped(in: bytes, from: 0)
    while at < bytes.count {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<at]))
      let byte = bytes[at]
      switch byte {
      case 0x0A: escaped(UInt8(ascii: "n"))
      case 0x0D: escaped(UInt8(ascii: "r"))
      case 0x09: escaped(UInt8(ascii: "t"))
      case 0..<0x20:
        escaped(UInt8(ascii: "u"))
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: byte >> 4 == 0 ? "0" : "1"))
        let low = byte & 0xF
        out.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
      default: escaped(byte)
      }
      run = at + 1
      at = firstEscaped(in: bytes, from: run)
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
  }

  /// The index of the first byte from `start` on that a JSON string must escape (a control
  /// character, `"` or `\`), or `bytes.count` if none: eight bytes at a time while a word
  /// holds none (``wordNeedsEscaping(_:)`` is exact), then byte by byte within the word
  /// that does, or the last few bytes.
  static func firstEscaped(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var at = start
    if let base = UnsafeRawPointer(bytes.baseAddress) {
      while at + 8 <= bytes.count,
        !wordNeedsEscaping(base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
      {
        at += 8
      }
    }
    while at < bytes.count, !byteNeedsEscaping(bytes[at]) { at += 1 }
    return at
  }

  /// Whether a JSON string must escape `byte`: a control character, `"` or `\`.
  static func byteNeedsEscaping(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// Whether any of the eight bytes of `word` is one ``byteNeedsEscaping(_:)``, exactly: the
  /// bit tricks "has a byte less than 0x20" and "has a zero byte" (of the word exclusive-or'd
  /// with `"` or `\` in every byte), whose borrows can mark a wrong byte only above one that
  /// does match.
  static func wordNeedsEscaping(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    let control = (word &- ones &* 0x20) & ~word & highs != 0
    return control || hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\""))))
      || hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\\"))))
  }

  public static func array(_ values: [String]) -> String {
    "[" + values.map(string).joined(separator: ",") + "]"
  }

  /// An object from ordered key/raw-JSON pairs.
  public static func object(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
  }

  /// The same, laid out with indentation for people to read.
  public static func prettyObject(_ pairs: [(String, String)], indent: String = "") -> String {
    let inner = indent + "  "
    return "{\n" + pairs.map { "\(inner)\(string($0.0)): \($0.1)" }.joined(separator: ",\n")
      + "\n\(indent)}"
  }
}
