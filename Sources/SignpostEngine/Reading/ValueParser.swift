import SignpostRules

/// Turns a source's text values into typed values, by the source's declared spellings.
struct ValueParser: Sendable {
  private let format: SourceFormat
  private let datePatterns: [DatePattern]
  private let nulls: Set<String>
  private let trues: Set<String>
  private let falses: Set<String>

  init(format: SourceFormat) {
    self.format = format
    datePatterns = format.dateFormats.compactMap(DatePattern.init)
    nulls = Set(format.nullValues)
    trues = Set(format.trueValues)
    falses = Set(format.falseValues)
  }

  /// Whether the text is one of the source's null markers.
  func isNull(_ text: String) -> Bool { nulls.contains(text) }

  /// The typed value, `.missing` for a null marker, or the reason the text is not valid.
  /// `codeList` names the code list to translate codes through (`list.field` or `field`)
  /// before the text is read as its type: an enum value, and also a yes/no spelling or a
  /// number (`R` for reception as year group 0).
  func parse(_ raw: String, as type: FieldType, codeList: String) -> Result<
    FieldValue, ReadProblem
  > {
    if nulls.contains(raw) { return .success(.missing) }
    guard let codes = format.codes[codeList] else { return read(raw, as: type, raw: raw) }
    if let translated = codes[raw] { return read(translated, as: type, raw: raw) }
    // Not a code: the value itself is still read (a tidy table writes the values); an enum
    // or yes/no value that is neither is reported against the code list.
    let result = read(raw, as: type, raw: raw)
    let order = format.codeOrder[codeList] ?? codes.keys.sorted()
    switch (result, type) {
    case (.failure, .enumeration(let values)): return .failure(.notInCodeList(raw, order, values))
    case (.failure, .bool):
      return .failure(.notInCodeList(raw, order, format.trueValues + format.falseValues))
    default: return result
    }
  }

  private func read(_ text: String, as type: FieldType, raw: String) -> Result<
    FieldValue, ReadProblem
  > {
    switch type {
    case .string:
      return .success(.string(text))
    case .bool:
      if trues.contains(text) { return .success(.bool(true)) }
      if falses.contains(text) { return .success(.bool(false)) }
      return .failure(.notABoolean(text, format.trueValues, format.falseValues))
    case .int:
      guard let value = Int64(text.trimmingSpaces), value != Column.missingInt else {
        return .failure(.notAWholeNumber(text))
      }
      return .success(.int(value))
    case .double:
      guard let value = Double(text.trimmingSpaces), value.isFinite else {
        return .failure(.notANumber(text))
      }
      return .success(.double(value))
    case .date:
      let bytes = Array(text.utf8)
      for pattern in datePatterns {
        if let seconds = pattern.parse(bytes) {
          // A date-time keeps its day: rules compare dates.
          let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
          if let days = Int32(exactly: day) { return .success(.date(days)) }
        }
      }
      return .failure(.notADate(text, format.dateFormats))
    case .enumeration(let values):
      guard let position = values.firstIndex(of: text) else {
        return .failure(.unknownCode(raw, values))
      }
      return .success(.code(UInt16(position)))
    }
  }
}

/// Why a value or a row could not be read.
enum ReadProblem: Error, Sendable, Equatable {
  case notABoolean(String, [String], [String])
  case notAWholeNumber(String)
  case notANumber(String)
  case notADate(String, [String])
  case unknownCode(String, [String])
  /// Neither a code of the field's code list nor a value it can hold: the text, the codes
  /// and the values.
  case notInCodeList(String, [String], [String])

  var message: String {
    switch self {
    case .notABoolean(let text, let trues, let falses):
      "'\(text)' is not a yes/no value (expected one of \((trues + falses).joined(separator: ", ")))"
    case .notAWholeNumber(let text): "'\(text)' is not a whole number"
    case .notANumber(let text): "'\(text)' is not a number"
    case .notADate(let text, let formats):
      "'\(text)' is not a date (expected \(formats.joined(separator: " or ")))"
    case .unknownCode(let text, let values):
      "'\(text)' is not a known value (expected one of \(values.joined(separator: ", ")))"
    case .notInCodeList(let text, let codes, let values):
      "'\(text)' is not in the code list (expected a code such as \(codes.prefix(8).joined(separator: ", "))\(codes.count > 8 ? ", …" : ""); or a value: \(values.joined(separator: ", ")))"
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: Substring {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return s
  }
}
