import SignpostRules

/// A column filled one value at a time, as a chunk's rows are parsed on a worker. Its typed
/// array is kept outside ``Column/Storage``, so that an append is one array append, not the
/// array taken out of the enum and put back (a retain, a release and a rewrap per value);
/// ``column`` then makes the column, sharing the array. A string column keeps each value's
/// place among its distinct strings (``StringInterner``), not a `String` a row: a row then
/// costs no reference count, here or when the chunk is emptied, and the merge takes the
/// strings straight from the places (``Column/merge(_:rows:into:rank:ranks:stride:)``).
struct ColumnBuilder: Sendable {
  /// How a column of a field type stores its values (``Column/Storage``'s cases, without
  /// their arrays).
  enum Kind: Sendable {
    case bools, ints, doubles, dates, codes, strings

    init(_ type: FieldType) {
      switch type {
      case .bool: self = .bools
      case .int: self = .ints
      case .double: self = .doubles
      case .date: self = .dates
      case .enumeration: self = .codes
      case .string: self = .strings
      }
    }
  }

  /// An empty column of the field's type: the type, code values and missing attribute.
  private let template: Column
  let kind: Kind
  private var bools: [UInt8] = []
  private var ints: [Int64] = []
  private var doubles: [Double] = []
  private var present: [Bool] = []
  private var dates: [Int32] = []
  private var codes: [UInt16] = []
  /// A string column's values: places in `interned`'s strings, ``Column/missingPlace`` missing.
  private var positions: [UInt32] = []
  private var interned = StringInterner()

  /// A builder of columns like `template` (an empty column of the field's type), with room
  /// for `capacity` values.
  init(_ template: Column, capacity: Int) {
    self.template = template
    switch template.storage {
    case .bools:
      kind = .bools
      bools.reserveCapacity(capacity)
    case .ints:
      kind = .ints
      ints.reserveCapacity(capacity)
    case .doubles:
      kind = .doubles
      doubles.reserveCapacity(capacity)
      present.reserveCapacity(capacity)
    case .dates:
      kind = .dates
      dates.reserveCapacity(capacity)
    case .codes:
      kind = .codes
      codes.reserveCapacity(capacity)
    case .strings:
      kind = .strings
      positions.reserveCapacity(capacity)
    }
  }

  mutating func append(_ value: FieldValue) {
    switch kind {
    case .bools: bools.append(Column.storedBool(value))
    case .ints: ints.append(Column.storedInt(value))
    case .doubles:
      let stored = Column.storedDouble(value)
      doubles.append(stored.value)
      present.append(stored.present)
    case .dates: dates.append(Column.storedDate(value))
    case .codes: codes.append(Column.storedCode(value))
    case .strings: positions.append(Self.place(of: value, in: &interned))
    }
  }

  /// A string value's place among `strings` (made there the first time it is seen);
  /// ``Column/missingPlace`` for a missing value or one of another kind.
  static func place(of value: FieldValue, in strings: inout StringInterner) -> UInt32 {
    guard let string = Column.storedString(value) else { return Column.missingPlace }
    return UInt32(truncatingIfNeeded: strings.position(of: string))
  }

  // Block appends, for a reader that parses a block of values of the builder's kind at once
  // (see ``FieldReader/parse(_:into:problem:)``): the kind's array grows by `count` missing
  // values, and `body` writes each value's stored form in its place through a pointer, with
  // no uniqueness or capacity check a value.

  mutating func appendBools(count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
    Self.extend(&bools, by: count, missing: 2, body)
  }
  mutating func appendInts(count: Int, _ body: (UnsafeMutablePointer<Int64>) -> Void) {
    Self.extend(&ints, by: count, missing: Column.missingInt, body)
  }
  /// `body` writes each value and whether it is present.
  mutating func appendDoubles(
    count: Int, _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Bool>) -> Void
  ) {
    Self.extend(&doubles, by: count, missing: 0) { values in
      Self.extend(&present, by: count, missing: false) { body(values, $0) }
    }
  }
  mutating func appendDates(count: Int, _ body: (UnsafeMutablePointer<Int32>) -> Void) {
    Self.extend(&dates, by: count, missing: Column.missingDate, body)
  }
  mutating func appendCodes(count: Int, _ body: (UnsafeMutablePointer<UInt16>) -> Void) {
    Self.extend(&codes, by: count, missing: Column.missingCode, body)
  }
  /// `body` writes each value's place among the column's distinct strings, which it is
  /// given to add to.
  mutating func appendStrings(
    count: Int, _ body: (UnsafeMutablePointer<UInt32>, inout StringInterner) -> Void
  ) {
    Self.extend(&positions, by: count, missing: Column.missingPlace) { body($0, &interned) }
  }

  /// Grows `array` by `count` copies of `missing` and calls `body` with where they start.
  @inline(__always)
  private static func extend<Element>(
    _ array: inout [Element], by count: Int, missing: Element,
    _ body: (UnsafeMutablePointer<Element>) -> Void
  ) {
    guard count > 0 else { return }
    let start = array.count
    array.append(contentsOf: repeatElement(missing, count: count))
    array.withUnsafeMutableBufferPointer { body($0.baseAddress.unsafelyUnwrapped + start) }
  }

  /// Appends the place `body` gives among the column's distinct strings (which it is given
  /// to add to); `false`, with nothing appended, when it gives `nil`.
  @inline(__always) mutating func appendString(_ body: (inout StringInterner) -> UInt32?) -> Bool {
    guard let position = body(&interned) else { return false }
    positions.append(position)
    return true
  }

  // Typed appends, for a reader that has parsed a value of the builder's kind (see
  // ``FieldReader/parse(_:into:)``): each is one array append, with no
  // ``FieldValue`` made and no switch on the kind.

  /// Appends a yes/no value as stored: 0 no, 1 yes, 2 missing.
  @inline(__always) mutating func append(storedBool stored: UInt8) { bools.append(stored) }
  @inline(__always) mutating func append(int: Int64) { ints.append(int) }
  @inline(__always) mutating func append(double: Double) {
    doubles.append(double)
    present.append(true)
  }
  @inline(__always) mutating func append(date: Int32) { dates.append(date) }
  @inline(__always) mutating func append(code: UInt16) { codes.append(code) }

  /// Appends a missing value.
  @inline(__always) mutating func appendMissing() {
    switch kind {
    case .bools: bools.append(2)
    case .ints: ints.append(Column.missingInt)
    case .doubles:
      doubles.append(0)
      present.append(false)
    case .dates: dates.append(Column.missingDate)
    case .codes: codes.append(Column.missingCode)
    case .strings: positions.append(Column.missingPlace)
    }
  }

  /// Whether the last value appended is missing (the column holds one at least).
  var lastIsMissing: Bool {
    switch kind {
    case .bools: bools.last == 2
    case .ints: ints.last == Column.missingInt
    case .doubles: present.last == false
    case .dates: dates.last == Column.missingDate
    case .codes: codes.last == Column.missingCode
    case .strings: positions.last == Column.missingPlace
    }
  }

  /// Removes the last value appended (a string's place among the distinct strings is kept).
  mutating func removeLast() {
    switch kind {
    case .bools: bools.removeLast()
    case .ints: ints.removeLast()
    case .doubles:
      doubles.removeLast()
      present.removeLast()
    case .dates: dates.removeLast()
    case .codes: codes.removeLast()
    case .strings: positions.removeLast()
    }
  }

  /// At most how many distinct strings a string column keeps from one chunk to the next.
  static let keptStrings = 1 << 14

  /// Removes every value, keeping the arrays' room, and a string column's distinct strings
  /// while they are few (``keptStrings``): the next chunk of a column of wards or schools
  /// finds them where they are instead of making them and their cache again.
  mutating func removeAll() {
    bools.removeAll(keepingCapacity: true)
    ints.removeAll(keepingCapacity: true)
    doubles.removeAll(keepingCapacity: true)
    present.removeAll(keepingCapacity: true)
    dates.removeAll(keepingCapacity: true)
    codes.removeAll(keepingCapacity: true)
    positions.removeAll(keepingCapacity: true)
    if interned.strings.count > Self.keptStrings { interned = StringInterner() }
  }

  /// A string column's values as places in its distinct strings (``Column/missingPlace``
  /// missing), and those strings; `nil` for a column of another kind.
  var internedStrings: (positions: [UInt32], strings: [String])? {
    kind == .strings ? (positions, interned.strings) : nil
  }

  /// The values appended, as a column like the template.
  var column: Column {
    switch template.storage {
    case .bools: Column(storage: .bools(bools), like: template)
    case .ints: Column(storage: .ints(ints), like: template)
    case .doubles: Column(storage: .doubles(doubles, present: present), like: template)
    case .dates: Column(storage: .dates(dates), like: template)
    case .codes(_, let values): Column(storage: .codes(codes, values: values), like: template)
    case .strings:
      Column(
        storage: .strings(positions, values: DistinctStrings(distinct: interned.strings)),
        like: template)
    }
  }
}
