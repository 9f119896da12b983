/// Text from the data made safe for a terminal: control characters (C0 but the line feed,
/// DEL, C1) and so terminal escape sequences are shown as `\u{1B}`-style escapes instead of
/// being sent to the terminal, where they could move the cursor, rewrite what was printed
/// or change the window title.
enum TerminalText {
  static func escaped(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) {
        out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
