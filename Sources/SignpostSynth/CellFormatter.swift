import SignpostRules

/// Writes cells as one source writes them: its first date format, its first spellings of true,
/// false and "no value", and RFC 4180 quoting where a value needs it.
struct CellFormatter: Sendable {
  private enum DatePart: Sendable {
    case year
    case month
    case day
    case hour
    case minute
    case second
    case literal(UInt8)
  }

  private let dateParts: [DatePart]
  let dateFormat: String
  let trueText: String
  let falseText: String
  let nullText: String
  /// The digits of a person id after its `P`.
  let idDigits: Int
  /// The id system the table's keys are in (a partner's own ids), or `nil` for person ids.
  let idSystem: String?

  /// ``foreignPrefix(_:)`` of the id system, as bytes.
  private let prefix: [UInt8]

  init(format: SourceFormat, idDigits: Int, idSystem: String? = nil) {
    self.idSystem = idSystem
    prefix = idSystem.map { Array(Self.foreignPrefix($0).utf8) } ?? []
    dateFormat = format.dateFormats.first ?? "yyyy-MM-dd"
    trueText = format.trueValues.first ?? "true"
    falseText = format.falseValues.first ?? "false"
    nullText = format.nullValues.first ?? ""
    self.idDigits = idDigits
    var parts: [DatePart] = []
    let bytes = Array(dateFormat.utf8)
    var index = 0
    let tokens: [(String, DatePart)] = [
      ("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute),
      ("ss", .second),
    ]
    outer: while index < bytes.count {
      for (token, part) in tokens where bytes[index...].starts(with: token.utf8) {
        parts.append(part)
        index += token.utf8.count
        continue outer
      }
      parts.append(.literal(bytes[index]))
      index += 1
    }
    dateParts = parts
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
    case .int(let value): Self.appendInteger(value, width: 1, to: &buffer)
    case .double(let value): Self.appendOneDecimal(value, to: &buffer)
    case .bool(let value): appendText(value ? trueText : falseText, to: &buffer)
    case .date(let day): appendDate(day, year: nil, month: nil, dayOfMonth: nil, to: &buffer)
    case .person(let index): appendPersonID(Int(index), to: &buffer)
    }
  }

  /// The text of one cell, as ``append(_:codes:to:)`` would write it (without quoting).
  func text(_ cell: Cell, codes: [String: String]?) -> String {
    var buffer: [UInt8] = []
    switch cell {
    case .text(let text): return codes?[text] ?? text
    case .empty: return nullText
    case .bool(let value): return value ? trueText : falseText
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
    if idSystem != nil {
      buffer.append(contentsOf: prefix)
      Self.appendInteger(Self.foreignNumber(index), width: 10, to: &buffer)
    } else {
      buffer.append(UInt8(ascii: "P"))
      Self.appendInteger(index + 1, width: idDigits, to: &buffer)
    }
  }

  /// The prefix of ids in another system: its name in capitals and a dash (`UPN-`).
  static func foreignPrefix(_ system: String) -> String {
    String(system.uppercased().filter { $0.isLetter || $0.isNumber }) + "-"
  }

  /// A person's number in another id system: a scrambling of the index (a Lehmer step,
  /// one-to-one below 2³¹ − 1), so partners' ids do not line up with person ids.
  static func foreignNumber(_ index: Int) -> Int {
    (index + 1) * 48_271 % 2_147_483_647
  }

  private func appendDate(
    _ day: Int32, year: Int?, month: Int?, dayOfMonth: Int?, to buffer: inout [UInt8]
  ) {
    let parts = PackDate(daysSinceEpoch: Int64(day)).components
    for part in dateParts {
      switch part {
      case .year: Self.appendInteger(year ?? parts.year, width: 4, to: &buffer)
      case .month: Self.appendInteger(month ?? parts.month, width: 2, to: &buffer)
      case .day: Self.appendInteger(dayOfMonth ?? parts.day, width: 2, to: &buffer)
      case .hour, .minute, .second: Self.appendInteger(0, width: 2, to: &buffer)
      case .literal(let byte): buffer.append(byte)
      }
    }
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

  /// Appends a number with exactly one decimal, rounded half away from zero.
  static func appendOneDecimal(_ value: Double, to buffer: inout [UInt8]) {
    let tenths = Int((value * 10).rounded())
    if tenths < 0 { buffer.append(UInt8(ascii: "-")) }
    let magnitude = abs(tenths)
    appendInteger(magnitude / 10, width: 1, to: &buffer)
    buffer.append(UInt8(ascii: "."))
    buffer.append(UInt8(48 + magnitude % 10))
  }
}
