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
  /// `codeList` names the code list to translate enum codes through (`list.field` or `field`).
  func parse(_ text: String, as type: FieldType, codeList: String) -> Result<
    FieldValue, ReadProblem
  > {
    if nulls.contains(text) { return .success(.missing) }
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
      let code = format.codes[codeList]?[text] ?? text
      guard let position = values.firstIndex(of: code) else {
        return .failure(.unknownCode(text, values))
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
