import SignpostSource

/// Builds RFC 4180 CSV text that is safe to open in a spreadsheet: every text field through
/// `CSVText` of SignpostSource (quoted where needed, a would-be formula neutralised with an
/// apostrophe); numbers the writer formats itself are never changed.
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
}

extension ByteText {
  /// A CSV text field made safe for spreadsheets (``CSVText``).
  mutating func csvField(_ text: String) {
    CSVText.appendField(text, safe: true, to: &bytes)
  }
}
