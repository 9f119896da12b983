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
    for (at, byte) in bytes.enumerated()
    where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == backslash {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<at]))
      run = at + 1
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
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
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
