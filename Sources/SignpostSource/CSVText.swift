/// RFC 4180 CSV fields: the one place Signpost quotes a cell.
///
/// A field with a comma, quote or line break is quoted, its quotes doubled. A *safe* field is
/// also one a spreadsheet may open: text that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return would be read by Excel or LibreOffice as a formula (OWASP "CSV
/// injection"), so it is written with a leading apostrophe (`'=1+2`), which spreadsheets show
/// as text. Files read back by Signpost itself (pack-test extracts) use plain fields.
public enum CSVText {
  /// Appends `text` as one field to `bytes`.
  public static func appendField(_ text: String, safe: Bool, to bytes: inout [UInt8]) {
    let utf8 = text.utf8
    let formula = safe && startsFormula(utf8.first)
    guard formula || utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else {
      bytes.append(contentsOf: utf8)
      return
    }
    bytes.append(0x22)
    if formula { bytes.append(0x27) }
    for b in utf8 {
      if b == 0x22 { bytes.append(0x22) }
      bytes.append(b)
    }
    bytes.append(0x22)
  }

  /// `text` as one field.
  public static func field(_ text: String, safe: Bool) -> String {
    var bytes: [UInt8] = []
    appendField(text, safe: safe, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether a field's first byte makes a spreadsheet read it as a formula.
  public static func startsFormula(_ first: UInt8?) -> Bool {
    switch first {
    case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true  // = + - @ tab CR
    default: false
    }
  }
}
