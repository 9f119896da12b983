import SignpostSource

/// Builds RFC 4180 CSV text that is safe to open in a spreadsheet: every text field through
/// `CSVText` of SignpostSource (quoted where needed, a would-be formula neutralised with an
/// apostrophe); numbers the writer formats itself are never changed.
public struct CSVWriter {
  /// The CSV so far, as UTF-8.
  public private(set) var bytes: [UInt8] = []

  public init(header: [String]) {
    append(header)
  }

  /// The CSV so far.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends one row of text fields.
  public mutating func append(_ fields: [String]) {
    for (n, field) in fields.enumerated() {
      if n > 0 { bytes.append(0x2C) }
      CSVText.appendField(field, safe: true, to: &bytes)
    }
    bytes.append(0x0D)
    bytes.append(0x0A)
  }
}
