/// JSON text written by hand in a fixed key order, so output bytes are stable (summary.json,
/// scores.ndjson, inspect): the one place Signpost escapes a JSON string itself. Output that
/// needs no fixed order goes through Foundation's `JSONEncoder`.
public enum JSONText {
  /// A JSON string literal for `value`.
  public static func string(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let s where s.value < 0x20:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(s.value, radix: 16).count)
          + String(s.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
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
