import SignpostSource

/// Small helpers that write JSON text in a fixed key order, so output bytes are stable.
public enum JSONText {
  public static func string(_ value: String) -> String { DiagnosticRenderer.jsonString(value) }

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
