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
    endRow()
  }

  // MARK: A row field by field, for a file of many rows

  /// Appends a text field (after a comma unless it is the row's first).
  mutating func appendField(_ field: String, first: Bool = false) {
    if !first { bytes.append(0x2C) }
    CSVText.appendField(field, safe: true, to: &bytes)
  }

  /// Appends a field already written as CSV (``written(_:)``).
  mutating func appendWritten(_ field: [UInt8], first: Bool = false) {
    if !first { bytes.append(0x2C) }
    bytes += field
  }

  /// A text field as CSV, to be appended by ``appendWritten(_:first:)`` as often as needed.
  static func written(_ field: String) -> [UInt8] {
    var bytes: [UInt8] = []
    CSVText.appendField(field, safe: true, to: &bytes)
    return bytes
  }

  /// Appends a whole number: its digits as they are (as ``append(_:)`` writes them), or, when
  /// negative, as text, which a spreadsheet must not read as a formula.
  mutating func appendNumber(_ value: Int) {
    guard value >= 0 else { return appendField(String(value)) }
    bytes.append(0x2C)
    bytes += String(value).utf8
  }

  /// Ends the row.
  mutating func endRow() {
    bytes.append(0x0D)
    bytes.append(0x0A)
  }
}
