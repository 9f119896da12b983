/// Builds RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted.
struct CSVWriter {
  private(set) var text = ""

  init(header: [String]) {
    append(header)
  }

  mutating func append(_ fields: [String]) {
    var first = true
    for field in fields {
      if !first { text += "," }
      first = false
      if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        text += "\"" + field.replacingQuotes() + "\""
      } else {
        text += field
      }
    }
    text += "\r\n"
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
