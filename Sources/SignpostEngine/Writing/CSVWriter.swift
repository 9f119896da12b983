/// Builds RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted.
///
/// With `safeCells`, a text field a spreadsheet would run as a formula (one starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, so an export opened in a
/// spreadsheet shows the text instead of evaluating it; numbers are left as they are.
public struct CSVWriter: Sendable {
  public private(set) var text = ""
  private let safeCells: Bool

  public init(header: [String], safeCells: Bool = false) {
    self.safeCells = safeCells
    append(header)
  }

  public mutating func append(_ fields: [String]) {
    var first = true
    for raw in fields {
      if !first { text += "," }
      first = false
      let field = safeCells ? Self.safeCell(raw) : raw
      if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        text += "\"" + field.replacingQuotes() + "\""
      } else {
        text += field
      }
    }
    text += "\r\n"
  }

  /// The field with `'` before a leading formula character, unless it is a number.
  static func safeCell(_ field: String) -> String {
    guard let first = field.utf8.first,
      first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09
        || first == 0x0D
    else { return field }
    if Double(field) != nil { return field }
    return "'" + field
  }
}

extension String {
  fileprivate func replacingQuotes() -> String {
    var out = ""
    for c in self {
      if c == "\"" { out += "\"\"" } else { out.append(c) }
    }
    return out
  }
}
