import SignpostRules

/// Writes cells as one source writes them: its first date format, its first spellings of true,
/// false and "no value", and RFC 4180 quoting where a value needs it; or, `canonical`, in the
/// record model's own values (ISO dates, `true`, `false`, empty cells) where the source reads
/// them.
struct CellFormatter: Sendable {
  private let datePattern: DatePattern
  let dateFormat: String
  let trueText: String
  let falseText: String
  let nullText: String
  /// The digits of a person id after its `P`.
  let idDigits: Int
  /// The id system the table's keys are in (a partner's own ids), or `nil` for person ids.
  let idSystem: String?

  /// How ids of ``idSystem`` look.
  private let idStyle: ForeignIDStyle?
  /// Whether the date format carries a time of day.
  let hasTime: Bool

  init(format: SourceFormat, idDigits: Int, idSystem: String? = nil, canonical: Bool = false) {
    self.idSystem = idSystem
    idStyle = idSystem.map { ForeignIDStyle(system: $0) }
    func pick(_ spellings: [String], _ plain: String, default fallback: String) -> String {
      canonical && spellings.contains(plain) ? plain : spellings.first ?? fallback
    }
    dateFormat = pick(format.dateFormats, "yyyy-MM-dd", default: "yyyy-MM-dd")
    trueText = pick(format.trueValues, "true", default: "true")
    falseText = pick(format.falseValues, "false", default: "false")
    nullText = pick(format.nullValues, "", default: "")
    self.idDigits = idDigits
    datePattern = DatePattern(dateFormat) ?? .iso
    hasTime = datePattern.hasTime
  }

  /// Appends one cell; `codes` maps enum values to the source's codes, if it has any.
  func append(_ cell: Cell, codes: [String: String]?, to buffer: inout [UInt8]) {
    switch cell {
    case .empty: appendText(nullText, to: &buffer)
    case .text(let text):
      if let codes, let code = codes[text] {
        appendText(code, to: &buffer)
      } else {
        appendText(text, to: &buffer)
      }
    case .int(let value):
      if let code = codes?[String(value)] {
        appendText(code, to: &buffer)
      } else {
        Self.appendInteger(value, width: 1, to: &buffer)
      }
    case .double(let value): Self.appendDecimal(value, places: 1, to: &buffer)
    case .precise(let value): Self.appendDecimal(value, places: 4, to: &buffer)
    case .bool(let value):
      if let code = codes?[value ? "true" : "false"] {
        appendText(code, to: &buffer)
      } else {
        appendText(value ? trueText : falseText, to: &buffer)
      }
    case .date(let day): appendDate(day, year: nil, month: nil, dayOfMonth: nil, to: &buffer)
    case .dateTime(let day, let minute):
      appendDate(day, year: nil, month: nil, dayOfMonth: nil, minute: Int(minute), to: &buffer)
    case .person(let index): appendPersonID(Int(index), to: &buffer)
    }
  }

  /// The text of one cell, as ``append(_:codes:to:)`` would write it (without quoting).
  func text(_ cell: Cell, codes: [String: String]?) -> String {
    var buffer: [UInt8] = []
    switch cell {
    case .text(let text): return codes?[text] ?? text
    case .empty: return nullText
    case .bool(let value): return codes?[value ? "true" : "false"] ?? (value ? trueText : falseText)
    default: append(cell, codes: codes, to: &buffer)
    }
    return String(decoding: buffer, as: UTF8.self)
  }

  /// A date written in the source's format from parts that need not make a real date.
  func dateText(year: Int, month: Int, day: Int) -> String {
    var buffer: [UInt8] = []
    appendDate(0, year: year, month: month, dayOfMonth: day, to: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// A person's id as this table writes it: `P` and the zero-padded number `index + 1`, or
  /// their id in the table's id system.
  func personID(_ index: Int) -> String {
    var buffer: [UInt8] = []
    appendPersonID(index, to: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }

  private func appendPersonID(_ index: Int, to buffer: inout [UInt8]) {
    if let idStyle {
      buffer.append(contentsOf: idStyle.id(index).utf8)
    } else {
      buffer.append(UInt8(ascii: "P"))
      Self.appendInteger(index + 1, width: idDigits, to: &buffer)
    }
  }

  private func appendDate(
    _ day: Int32, year: Int?, month: Int?, dayOfMonth: Int?, minute: Int = 0,
    to buffer: inout [UInt8]
  ) {
    let parts = PackDate(daysSinceEpoch: Int64(day)).components
    datePattern.format(
      year: year ?? parts.year, month: month ?? parts.month, day: dayOfMonth ?? parts.day,
      hour: minute / 60, minute: minute % 60, into: &buffer)
  }

  /// Appends text, quoted (RFC 4180) when it holds a comma, a quote or a line break.
  func appendText(_ text: String, to buffer: inout [UInt8]) {
    let utf8 = text.utf8
    let needsQuotes = utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    guard needsQuotes else {
      buffer.append(contentsOf: utf8)
      return
    }
    buffer.append(34)
    for byte in utf8 {
      if byte == 34 { buffer.append(34) }
      buffer.append(byte)
    }
    buffer.append(34)
  }

  /// Appends a decimal integer, zero-padded to `width` digits.
  static func appendInteger(_ value: Int, width: Int, to buffer: inout [UInt8]) {
    var magnitude = value.magnitude
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    let start = buffer.count
    var count = 0
    repeat {
      buffer.append(UInt8(48 + magnitude % 10))
      magnitude /= 10
      count += 1
    } while magnitude > 0
    while count < width {
      buffer.append(48)
      count += 1
    }
    buffer[start...].reverse()
  }

  /// Appends a number with exactly `places` decimals (1 to 6), rounded half away from zero.
  static func appendDecimal(_ value: Double, places: Int, to buffer: inout [UInt8]) {
    var scale = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * Double(scale)).rounded())
    if scaled < 0 { buffer.append(UInt8(ascii: "-")) }
    let magnitude = abs(scaled)
    appendInteger(magnitude / scale, width: 1, to: &buffer)
    buffer.append(UInt8(ascii: "."))
    appendInteger(magnitude % scale, width: places, to: &buffer)
  }
}
