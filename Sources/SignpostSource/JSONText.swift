/// JSON text written by hand in a fixed key order, so output bytes are stable (summary.json,
/// scores.ndjson, inspect): the one place Signpost escapes a JSON string itself. Output that
/// needs no fixed order goes through Foundation's `JSONEncoder`.
public enum JSONText {
  /// A JSON string literal for `value`.
  public static func string(_ value: String) -> String {
    var bytes: [UInt8] = []
    appendString(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the JSON string literal for `value` to `bytes` as UTF-8: the quotes, `"` and
  /// `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00xx`, all else as it is.
  public static func appendString(_ value: String, to bytes: inout [UInt8]) {
    bytes.append(0x22)
    for byte in value.utf8 {
      switch byte {
      case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
      case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
      case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(0x22)
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
