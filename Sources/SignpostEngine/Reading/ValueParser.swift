import Foundation
import SignpostRules
import SignpostSource

/// Turns a source's text values into typed values, by the source's declared spellings.
struct ValueParser: Sendable {
  let format: SourceFormat
  private let datePatterns: [DatePattern]
  private let calendar: ZoneDays

  init(format: SourceFormat, timeZone: String = PackManifest.defaultTimeZone) {
    self.format = format
    datePatterns = format.dateFormats.compactMap(DatePattern.init)
    calendar = ZoneDays(identifier: timeZone)
  }

  /// A reader of one field's values: `codeList` names the code list to translate codes
  /// through (`list.field`, `field` or an input column) before the text is read as its type.
  func reader(for type: FieldType, codeList: String, field: FieldDeclaration? = nil) -> FieldReader
  {
    FieldReader(
      type: type, format: format, codeList: codeList, datePatterns: datePatterns,
      calendar: calendar, field: field)
  }

  /// The typed value of a text, `.missing` for a null marker, or the reason it is not valid.
  func parse(_ raw: String, as type: FieldType, codeList: String) -> Result<
    FieldValue, ReadProblem
  > {
    var raw = raw
    let reader = reader(for: type, codeList: codeList)
    return raw.withUTF8 { reader.read($0) }
  }
}

/// Reads one field's values straight from a file's bytes: null spellings, the code list,
/// then the type, with the field's bounds and pattern. A class, so that workers share one
/// per field instead of copying its arrays for every row; nothing changes after `init`.
final class FieldReader: @unchecked Sendable {
  private let type: FieldType
  /// How a column of the type stores it, for ``parse(_:into:)``.
  private let kind: ColumnBuilder.Kind
  private let nulls: ByteSpellings
  /// The code list's codes, and the value each reads as.
  private let codes: ByteSpellings
  private var codeValues: [Result<FieldValue, ReadProblem>] = []
  private let hasCodeList: Bool
  private let codeOrder: [String]
  private let trues: ByteSpellings
  private let falses: ByteSpellings
  private let format: SourceFormat
  private let datePatterns: [DatePattern]
  /// The days of `yyyy-MM-dd` dates by table, when that is the field's first pattern.
  private let isoDates: ISODateTable?
  private let calendar: ZoneDays
  private let enumValues: ByteSpellings
  private let checks: FieldChecks
  private let pattern: FieldPattern?
  /// The spellings ``parse(_:into:)`` looks a value up in first, in the order ``read(_:)``
  /// tries them (the null markers, the code list's codes, then an enum's values or a yes/no
  /// field's spellings), so that one lookup decides those; what each stands for is
  /// `spelled`'s.
  private let spellings: ByteSpellings
  private let spelled: [Spelled]
  /// For a column of codes or yes/no values (every value a spelling): what each spelling of
  /// ``spellings`` stores (the code, or 0, 1 and 2 for no, yes and missing), or -1 for a
  /// code that does not read as a value (then ``read(_:)`` says why).
  private var stored: [Int32] = []

  /// What a spelling of ``spellings`` stands for.
  private enum Spelled {
    case missing
    /// The code list's code at this position (its value is `codeValues`').
    case code(Int)
    /// An enum's value at this position.
    case value(UInt16)
    case bool(Bool)
  }

  init(
    type: FieldType, format: SourceFormat, codeList: String, datePatterns: [DatePattern],
    calendar: ZoneDays, field: FieldDeclaration?
  ) {
    self.type = type
    kind = ColumnBuilder.Kind(type)
    self.format = format
    self.datePatterns = datePatterns
    isoDates = datePatterns.first?.isISO == true ? .shared : nil
    self.calendar = calendar
    checks = field?.checks ?? FieldChecks()
    pattern = checks.pattern.flatMap(FieldPattern.init)
    nulls = ByteSpellings(checks.nullValues ?? format.nullValues)
    trues = ByteSpellings(format.trueValues)
    falses = ByteSpellings(format.falseValues)
    if case .enumeration(let values) = type {
      enumValues = ByteSpellings(values)
    } else {
      enumValues = ByteSpellings([String]())
    }
    let table = format.codes[codeList]
    hasCodeList = table != nil
    codeOrder = format.codeOrder[codeList] ?? table.map { $0.keys.sorted() } ?? []
    let sortedCodes = table?.keys.sorted() ?? []
    codes = ByteSpellings(sortedCodes)
    let nullSpellings = checks.nullValues ?? format.nullValues
    var spelled = [Spelled](repeating: .missing, count: nullSpellings.count)
    var spellings = nullSpellings
    if hasCodeList {
      spellings += sortedCodes
      spelled += sortedCodes.indices.map(Spelled.code)
    }
    switch type {
    case .enumeration(let values):
      spellings += values
      spelled += values.indices.map { .value(UInt16($0)) }
    case .bool:
      spellings += format.trueValues + format.falseValues
      spelled +=
        [Spelled](repeating: .bool(true), count: format.trueValues.count)
        + [Spelled](repeating: .bool(false), count: format.falseValues.count)
    default: break
    }
    self.spellings = ByteSpellings(spellings)
    self.spelled = spelled
    codeValues = sortedCodes.map { code in
      var text = table?[code] ?? ""
      return text.withUTF8 { self.readType($0, raw: code) }
    }
    let kind = kind
    stored = spelled.map { spelling in
      switch (spelling, kind) {
      case (.missing, .codes): Int32(Column.missingCode)
      case (.missing, _): 2
      case (.code(let code), _):
        if case .success(let value) = codeValues[code] {
          kind == .codes ? Int32(Column.storedCode(value)) : Int32(Column.storedBool(value))
        } else {
          -1
        }
      case (.value(let position), _): Int32(position)
      case (.bool(let value), _): value ? 1 : 0
      }
    }
  }

  /// The typed value, `.missing` for a null marker, or the reason the bytes are not valid.
  /// A code outside the list of a field that keeps unknown codes is `.keptUnknownCode`: the
  /// row is used with the field unknown.
  func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<FieldValue, ReadProblem> {
    if nulls.contains(bytes) { return .success(.missing) }
    if hasCodeList, let code = codes.firstIndex(of: bytes) { return codeValues[code] }
    if let value = parsed(bytes, string: { String(decoding: $0, as: UTF8.self) }) {
      return checked(value, bytes)
    }
    let problem = self.problem(bytes, raw: nil)
    let text = String(decoding: bytes, as: UTF8.self)
    switch (problem, type) {
    case (.unknownCode, _) where checks.keepUnknownCodes,
      (.notABoolean, _) where checks.keepUnknownCodes:
      return .failure(.keptUnknownCode(text))
    case (_, .enumeration(let values)) where hasCodeList:
      // Not a code: the value itself is still read (a tidy table writes the values); an enum
      // or yes/no value that is neither is reported against the code list.
      return .failure(
        checks.keepUnknownCodes ? .keptUnknownCode(text) : .notInCodeList(text, codeOrder, values))
    case (_, .bool) where hasCodeList:
      return .failure(
        checks.keepUnknownCodes
          ? .keptUnknownCode(text)
          : .notInCodeList(text, codeOrder, format.trueValues + format.falseValues))
    default: return .failure(problem)
    }
  }

  /// What ``read(_:)`` reads when it succeeds, or `nil` when it would fail (then ``read(_:)``
  /// says why). The fast path of a chunk's workers: no `Result`, and a string value is made
  /// by `strings`, so that a value repeated down the file shares one copy.
  @inline(__always)
  func value(_ bytes: UnsafeBufferPointer<UInt8>, strings: inout StringInterner) -> FieldValue? {
    if nulls.contains(bytes) { return .missing }
    if hasCodeList, let code = codes.firstIndex(of: bytes) {
      guard case .success(let value) = codeValues[code] else { return nil }
      return value
    }
    guard let value = parsed(bytes, string: { strings.string($0) }), allows(value) else {
      return nil
    }
    return value
  }

  /// Appends each of `values` to `column` (a builder of the field's type) as ``read(_:)``
  /// reads it: a value that fails is appended missing, and `problem` told its place and why
  /// (a kept unknown code included). The person tables' fast path: the column's kind is
  /// switched on once, not once a value; the column's room for the values is made at once
  /// and each value written into it (``ColumnBuilder/appendCodes(count:_:)`` and the like),
  /// with no array append, so no uniqueness check, a value; a value is first looked up among
  /// the spellings, then parsed straight into its stored form, with no ``FieldValue`` made
  /// and no `Result` (a string is kept as its place among the column's distinct strings,
  /// ``StringInterner``); only what that refuses goes through ``read(_:)``, which
  /// says why.
  func parse(
    _ values: ValueSpans, into column: inout ColumnBuilder,
    problem: (_ place: Int, ReadProblem) -> Void
  ) {
    let count = values.count
    switch kind {
    case .codes:
      column.appendCodes(count: count) { out in
        parseEach(
          values, problem: problem, fast: { code($0) }, general: Column.storedCode,
          store: { out[$0] = $1 })
      }
    case .bools:
      column.appendBools(count: count) { out in
        parseEach(
          values, problem: problem, fast: { storedBool($0) }, general: Column.storedBool,
          store: { out[$0] = $1 })
      }
    case .dates:
      column.appendDates(count: count) { out in
        parseEach(
          values, problem: problem, fast: { date(spelled: $0) }, general: Column.storedDate,
          store: { out[$0] = $1 })
      }
    case .ints:
      column.appendInts(count: count) { out in
        parseEach(
          values, problem: problem, fast: { int($0) }, general: Column.storedInt,
          store: { out[$0] = $1 })
      }
    case .doubles:
      column.appendDoubles(count: count) { out, present in
        parseEach(
          values, problem: problem, fast: { double($0) }, general: Column.storedDouble,
          store: { (out[$0], present[$0]) = $1 })
      }
    case .strings:
      column.appendStrings(count: count) { out, strings in
        parseEach(
          values, problem: problem, fast: { string($0, strings: &strings) },
          general: { ColumnBuilder.place(of: $0, in: &strings) }, store: { out[$0] = $1 })
      }
    }
  }

  /// ``parse(_:into:problem:)``'s loop for one kind, inlined there with the kind's `fast`
  /// path (what a value stores, or `nil` when ``read(_:)`` must say): each value's stored form
  /// is handed to `store` with its place; a value the fast path refuses is read by
  /// ``read(_:)``, its value stored as `general` stores it, or, when it fails, left missing
  /// (as the room was made) and `problem` told its place and why.
  @inline(__always)
  private func parseEach<Stored>(
    _ values: ValueSpans, problem: (_ place: Int, ReadProblem) -> Void,
    fast: (UnsafeBufferPointer<UInt8>) -> Stored?, general: (FieldValue) -> Stored,
    store: (Int, Stored) -> Void
  ) {
    for i in 0..<values.count {
      let bytes = values[i]
      if let stored = fast(bytes) {
        store(i, stored)
        continue
      }
      switch read(bytes) {
      case .success(let value): store(i, general(value))
      case .failure(let failure): problem(i, failure)
      }
    }
  }

  /// What ``read(_:)`` reads when it succeeds, appended to `column` (a builder of the field's
  /// type); `false`, with nothing appended, when it would fail (then ``read(_:)`` says why).
  /// One value at a time, the column's kind switched on for each: the event rows' fast path
  /// (the person tables parse a column at a time, ``parse(_:into:problem:)``).
  @inline(__always)
  func parse(_ bytes: UnsafeBufferPointer<UInt8>, into column: inout ColumnBuilder) -> Bool {
    switch kind {
    case .codes: return code(bytes).map { column.append(code: $0) } != nil
    case .bools: return storedBool(bytes).map { column.append(storedBool: $0) } != nil
    case .dates: return date(spelled: bytes).map { column.append(date: $0) } != nil
    case .ints: return int(bytes).map { column.append(int: $0) } != nil
    case .doubles:
      guard let (value, present) = double(bytes) else { return false }
      if present { column.append(double: value) } else { column.appendMissing() }
      return true
    case .strings: return column.appendString { string(bytes, strings: &$0) }
    }
  }

  // Each kind's fast path for one value: its stored form, or `nil` when ``read(_:)`` must
  // read it (and say why it fails).

  /// A column of codes: every value is a spelling, whose code is stored.
  @inline(__always)
  private func code(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt16? {
    storedSpelling(bytes).map { UInt16(truncatingIfNeeded: $0) }
  }

  /// A yes/no column: every value is a spelling, whose yes, no or missing is stored.
  @inline(__always)
  private func storedBool(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
    storedSpelling(bytes).map { UInt8(truncatingIfNeeded: $0) }
  }

  /// For a column of codes or yes/no values: what the spelling `bytes` stores (``stored``);
  /// `nil` for a value that is not a spelling or a code that does not read as a value.
  @inline(__always)
  private func storedSpelling(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    guard let spelling = spellings.firstIndex(of: bytes), stored[spelling] >= 0 else {
      return nil
    }
    return stored[spelling]
  }

  @inline(__always)
  private func date(spelled bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    if let spelling = spellings.firstIndex(of: bytes) {
      return spelled(spelling, missing: Column.missingDate, stored: Column.storedDate)
    }
    return date(bytes)
  }

  @inline(__always)
  private func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    if let spelling = spellings.firstIndex(of: bytes) {
      return spelled(spelling, missing: Column.missingInt, stored: Column.storedInt)
    }
    guard let value = NumberBytes.int(bytes), value != Column.missingInt, allows(Double(value))
    else { return nil }
    return value
  }

  @inline(__always)
  private func double(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, present: Bool)? {
    if let spelling = spellings.firstIndex(of: bytes) {
      return spelled(spelling, missing: (0, false), stored: Column.storedDouble)
    }
    guard let value = NumberBytes.double(bytes), value.isFinite, allows(value) else {
      return nil
    }
    return (value, true)
  }

  /// A string's place among `strings` (made there the first time it is seen); `nil` when it
  /// does not match the field's pattern (the place is still made).
  @inline(__always)
  private func string(_ bytes: UnsafeBufferPointer<UInt8>, strings: inout StringInterner)
    -> UInt32?
  {
    if let spelling = spellings.firstIndex(of: bytes) {
      return spelled(spelling, missing: Column.missingPlace) {
        ColumnBuilder.place(of: $0, in: &strings)
      }
    }
    let position = strings.position(of: bytes)
    if let pattern, !pattern.matches(strings.strings[position]) { return nil }
    return UInt32(truncatingIfNeeded: position)
  }

  /// For a column of another kind than codes or yes/no, what spelling `spelling` stores: a
  /// null marker `missing`, a code its value as `stored` stores it, or `nil` for a code that
  /// does not read as a value (then ``read(_:)`` says why).
  @inline(__always)
  private func spelled<Stored>(
    _ spelling: Int, missing: Stored, stored: (FieldValue) -> Stored
  ) -> Stored? {
    switch spelled[spelling] {
    case .missing: return missing
    case .code(let code):
      guard case .success(let value) = codeValues[code] else { return nil }
      return stored(value)
    // An enum's values and yes/no spellings are only a codes or yes/no column's.
    case .value, .bool: return nil
    }
  }

  /// The day of a date in one of the field's patterns (the first that reads it), or `nil`.
  /// A `yyyy-MM-dd` date of a year the table holds is read by ``ISODateTable`` when that is
  /// the first pattern (the day it gives is the one the pattern's general path gives); any
  /// other text goes through the patterns in turn.
  @inline(__always)
  private func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    if let isoDates, let day = isoDates.day(bytes) { return day }
    for i in datePatterns.indices {
      guard let parsed = datePatterns[i].parseFields(bytes) else { continue }
      if let days = calendar.day(of: parsed) { return days }
    }
    return nil
  }

  /// Whether a number is within the field's bounds.
  @inline(__always)
  private func allows(_ number: Double) -> Bool {
    if let low = checks.minimum, number < low { return false }
    if let high = checks.maximum, number > high { return false }
    return true
  }

  /// The value held to the field's bounds and pattern.
  private func checked(_ value: FieldValue, _ bytes: UnsafeBufferPointer<UInt8>)
    -> Result<FieldValue, ReadProblem>
  {
    if allows(value) { return .success(value) }
    if case .string(let s) = value, let pattern {
      return .failure(.notMatching(s, pattern.source))
    }
    return .failure(
      .outOfRange(String(decoding: bytes, as: UTF8.self), checks.minimum, checks.maximum))
  }

  /// Whether a parsed value is within the field's bounds and matches its pattern.
  @inline(__always)
  private func allows(_ value: FieldValue) -> Bool {
    switch value {
    case .int(let i): allows(Double(i))
    case .double(let d): allows(d)
    case .string(let s): pattern?.matches(s) ?? true
    default: true
    }
  }

  /// The bytes read as the field's type; `raw` is the code they were translated from.
  private func readType(_ bytes: UnsafeBufferPointer<UInt8>, raw: String?) -> Result<
    FieldValue, ReadProblem
  > {
    if let value = parsed(bytes, string: { String(decoding: $0, as: UTF8.self) }) {
      return .success(value)
    }
    return .failure(problem(bytes, raw: raw))
  }

  /// The bytes read as the field's type (a string made by `string`), or `nil` when they are
  /// not one.
  @inline(__always)
  private func parsed(
    _ bytes: UnsafeBufferPointer<UInt8>, string: (UnsafeBufferPointer<UInt8>) -> String
  ) -> FieldValue? {
    switch type {
    case .string:
      return .string(string(bytes))
    case .bool:
      if trues.contains(bytes) { return .bool(true) }
      if falses.contains(bytes) { return .bool(false) }
      return nil
    case .int:
      guard let value = NumberBytes.int(bytes), value != Column.missingInt else { return nil }
      return .int(value)
    case .double:
      guard let value = NumberBytes.double(bytes), value.isFinite else { return nil }
      return .double(value)
    case .date:
      return date(bytes).map(FieldValue.date)
    case .enumeration:
      guard let position = enumValues.firstIndex(of: bytes) else { return nil }
      return .code(UInt16(position))
    }
  }

  /// Why bytes that ``parsed(_:string:)`` refuses are not a value of the field's type; `raw`
  /// is the code they were translated from.
  private func problem(_ bytes: UnsafeBufferPointer<UInt8>, raw: String?) -> ReadProblem {
    let text = String(decoding: bytes, as: UTF8.self)
    switch type {
    case .bool: return .notABoolean(text, format.trueValues, format.falseValues)
    // Any bytes are a string: only a whole number is refused here.
    case .int, .string: return .notAWholeNumber(text)
    case .double: return .notANumber(text)
    case .date: return .notADate(text, format.dateFormats)
    case .enumeration(let values): return .unknownCode(raw ?? text, values)
    }
  }

  @inline(__always)
  static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ spelling: [UInt8]) -> Bool {
    guard bytes.count == spelling.count else { return false }
    for i in 0..<spelling.count where bytes[i] != spelling[i] { return false }
    return true
  }
}

/// `yyyy-MM-dd` dates read by table: the day of each month's first from 1900 to 2099, so
/// that a date is its digits checked and two loads, with no calendar arithmetic. A date of
/// another year, or bytes that are not a real date so written, give `nil` (then the
/// patterns read them, and say why not).
struct ISODateTable: Sendable {
  /// The first year held.
  static let firstYear = 1900
  /// How many years are held.
  static let years = 200
  /// Days since 1970-01-01 of the first of each month, from January of ``firstYear`` to
  /// the January after the last year held (`12 * years + 1` entries).
  private let monthStarts: [Int32]

  static let shared = ISODateTable()

  private init() {
    monthStarts = (0...12 * Self.years).map { month in
      Int32(
        CivilCalendar.days(
          year: Int64(Self.firstYear + month / 12), month: Int64(month % 12 + 1), day: 1))
    }
  }

  /// The day of `yyyy-MM-dd` bytes, or `nil` when they are not a real date of a year held.
  /// The first eight bytes are checked as one word and the last two as another: each digit
  /// byte's high half `3` and, six added, still `3` (so `0` to `9`), and the dashes in place.
  @inline(__always)
  func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    guard bytes.count == 10 else { return nil }
    let raw = UnsafeRawBufferPointer(bytes)
    // Little-endian: byte `i` is bits `8 * i` up. Bytes 4 and 7 are the dashes.
    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    let tail = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
    let dashes: UInt64 = 0xFF00_00FF_0000_0000
    guard word & dashes == 0x2D00_002D_0000_0000 else { return nil }
    let digits = word & ~dashes | 0x3000_0030_0000_0000
    let highs: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    let threes: UInt64 = 0x3030_3030_3030_3030
    let sixes: UInt64 = 0x0606_0606_0606_0606
    guard digits & highs == threes, (digits &+ sixes) & highs == threes,
      tail & 0xF0F0 == 0x3030, (tail &+ 0x0606) & 0xF0F0 == 0x3030
    else { return nil }
    let d = digits &- threes
    let t = tail &- 0x3030
    func at(_ i: UInt64) -> Int { Int(truncatingIfNeeded: d >> (8 * i) & 0xFF) }
    let year = at(0) * 1000 + at(1) * 100 + at(2) * 10 + at(3) - Self.firstYear
    let month = at(5) * 10 + at(6)
    let day = Int32(truncatingIfNeeded: t & 0xFF) * 10 + Int32(truncatingIfNeeded: t >> 8)
    guard year >= 0, year < Self.years, month >= 1, month <= 12, day >= 1 else { return nil }
    return monthStarts.withUnsafeBufferPointer { starts in
      let first = starts[year * 12 + month - 1]
      return day <= starts[year * 12 + month] - first ? first + day - 1 : nil
    }
  }
}

/// The civil date in the pack's time zone of a parsed date or date-time: one written without
/// an offset is already civil; one with an offset is an instant, placed in the zone.
struct ZoneDays: Sendable {
  private let zone: TimeZone?

  init(identifier: String) {
    zone = TimeZone(identifier: identifier)
  }

  func day(of parsed: DatePattern.Parsed) -> Int32? {
    guard let offset = parsed.offsetSeconds else { return Int32(exactly: parsed.days) }
    let instant = CivilCalendar.seconds(fromDays: parsed.days) + parsed.secondsOfDay - offset
    let local =
      instant
      + Int64(zone?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))) ?? 0)
    return Int32(exactly: CivilCalendar.days(fromSeconds: local))
  }
}

/// Whole and decimal numbers parsed from bytes, spaces around them allowed.
enum NumberBytes {
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 { end -= 1 }
    return start..<end
  }

  /// Reads an optional `-` or `+` at `i`, moving past it; whether the number is negative.
  private static func sign(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
    guard bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") else { return false }
    defer { i += 1 }
    return bytes[i] == UInt8(ascii: "-")
  }

  static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    let range = trimmed(bytes)
    var i = range.lowerBound
    guard i < range.upperBound else { return nil }
    let negative = sign(bytes, &i)
    guard i < range.upperBound else { return nil }
    var value: Int64 = 0
    while i < range.upperBound {
      let digit = bytes[i] &- 48
      guard digit < 10 else { return nil }
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) =
        negative
        ? times.subtractingReportingOverflow(Int64(digit))
        : times.addingReportingOverflow(Int64(digit))
      guard !o1, !o2 else { return nil }
      value = next
      i += 1
    }
    return value
  }

  private static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

  /// A decimal such as `-85.25`, exactly as `Double("…")` reads it; other spellings
  /// (exponents, many digits) go through the standard parser.
  static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let range = trimmed(bytes)
    var i = range.lowerBound
    guard i < range.upperBound else { return nil }
    let negative = sign(bytes, &i)
    var mantissa: Int64 = 0
    var digits = 0
    var fraction = 0
    var seenPoint = false
    while i < range.upperBound {
      let byte = bytes[i]
      if byte == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
      } else if byte &- 48 < 10 {
        mantissa = mantissa * 10 + Int64(byte &- 48)
        digits += 1
        if seenPoint { fraction += 1 }
        if digits > 15 { return slow(bytes, range) }
      } else {
        return slow(bytes, range)
      }
      i += 1
    }
    guard digits > 0 else { return nil }
    let value = Double(mantissa) / powers[fraction]
    return negative ? -value : value
  }

  private static func slow(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
    Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
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
  /// A number outside the field's `minimum`..`maximum`.
  case outOfRange(String, Double?, Double?)
  /// A string that does not match the field's `pattern`.
  case notMatching(String, String)
  /// A code outside the list of a field that keeps the row (`unknown_codes: unknown`).
  case keptUnknownCode(String)

  /// Whether the row is still used, with the field unknown.
  var keepsRow: Bool {
    if case .keptUnknownCode = self { return true }
    return false
  }

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
    case .outOfRange(let text, let low, let high):
      "'\(text)' is out of range (expected "
        + [low.map { "at least \(Self.number($0))" }, high.map { "at most \(Self.number($0))" }]
        .compactMap { $0 }.joined(separator: " and ") + ")"
    case .notMatching(let text, let pattern): "'\(text)' does not match the pattern \(pattern)"
    case .keptUnknownCode(let text): "'\(text)' is not in the code list; the value is unknown"
    }
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}

/// A field's `pattern`, compiled once and matched against whole values.
final class FieldPattern: @unchecked Sendable {
  let source: String
  private let regex: Regex<AnyRegexOutput>

  init?(_ source: String) {
    guard let regex = try? Regex(source) else { return nil }
    self.source = source
    self.regex = regex
  }

  /// Not inlined: a reader's fast path calls it only for a field with a pattern, and inlined
  /// it would set up the regex's match type on every call of that path.
  @inline(never)
  func matches(_ text: String) -> Bool { (try? regex.wholeMatch(in: text)) != nil }
}

/// Where each of a block of rows' values of one field lies: in the mapped file, or, for a
/// value that held `""` escapes, unescaped in a buffer of its own.
struct ValueSpans {
  let file: UnsafePointer<UInt8>
  let unescaped: UnsafePointer<UInt8>?
  /// Two numbers a value: its first byte's offset from `file` (for an unescaped value
  /// `~offset` from `unescaped`), and its length.
  let spans: UnsafeBufferPointer<Int>
  let count: Int

  /// The bytes of value `i`.
  @inline(__always)
  subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
    let (start, length) = (spans[2 * i], spans[2 * i + 1])
    if start >= 0 { return UnsafeBufferPointer(start: file + start, count: length) }
    return UnsafeBufferPointer(start: unescaped.map { $0 + ~start }, count: length)
  }
}
