/// Builds RFC 4180 CSV text that is safe to open in a spreadsheet.
///
/// Fields with commas, quotes or line breaks are quoted. A text field that begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read by Excel or LibreOffice as a
/// formula (OWASP "CSV injection"), so it is written with a leading apostrophe (`'=1+2`),
/// which spreadsheets show as text; numbers the writer formats itself are never changed.
public struct CSVWriter {
  public private(set) var text = ""

  public init(header: [String]) {
    append(header)
  }

  /// Appends one row of text fields.
  public mutating func append(_ fields: [String]) {
    var bytes = ByteText()
    for (n, field) in fields.enumerated() {
      if n > 0 { bytes.byte(0x2C) }
      bytes.csvField(field)
    }
    bytes.byte(0x0D)
    bytes.byte(0x0A)
    text += String(decoding: bytes.bytes, as: UTF8.self)
  }

  /// Whether a field's first byte makes a spreadsheet read it as a formula.
  static func startsFormula(_ first: UInt8?) -> Bool {
    switch first {
    case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true  // = + - @ tab CR
    default: false
    }
  }
}

extension ByteText {
  /// A CSV text field: neutralised with a leading apostrophe when it would start a formula,
  /// and quoted when it holds a comma, quote or line break.
  mutating func csvField(_ text: String) {
    let utf8 = text.utf8
    let formula = CSVWriter.startsFormula(utf8.first)
    guard formula || utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else {
      append(utf8)
      return
    }
    byte(0x22)
    if formula { byte(0x27) }
    for b in utf8 {
      if b == 0x22 { byte(0x22) }
      byte(b)
    }
    byte(0x22)
  }
}
