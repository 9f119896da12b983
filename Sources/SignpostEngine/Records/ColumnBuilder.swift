import SignpostRules

/// A column filled one value at a time, as a chunk's rows are parsed on a worker. Its typed
/// array is kept outside ``Column/Storage``, so that an append is one array append, not the
/// array taken out of the enum and put back (a retain, a release and a rewrap per value);
/// ``column`` then makes the column, sharing the array.
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
  private var strings: [String?] = []

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
      strings.reserveCapacity(capacity)
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
    case .strings: strings.append(Column.storedString(value))
    }
  }

  // Typed appends, for a reader that has parsed a value of the builder's kind (see
  // ``FieldReader/parse(_:into:strings:)``): each is one array append, with no
  // ``FieldValue`` made and no switch on the kind.

  @inline(__always) mutating func append(bool: Bool) { bools.append(bool ? 1 : 0) }
  @inline(__always) mutating func append(int: Int64) { ints.append(int) }
  @inline(__always) mutating func append(double: Double) {
    doubles.append(double)
    present.append(true)
  }
  @inline(__always) mutating func append(date: Int32) { dates.append(date) }
  @inline(__always) mutating func append(code: UInt16) { codes.append(code) }
  @inline(__always) mutating func append(string: String) { strings.append(string) }

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
    case .strings: strings.append(nil)
    }
  }

  /// Removes every value, keeping the arrays' room.
  mutating func removeAll() {
    bools.removeAll(keepingCapacity: true)
    ints.removeAll(keepingCapacity: true)
    doubles.removeAll(keepingCapacity: true)
    present.removeAll(keepingCapacity: true)
    dates.removeAll(keepingCapacity: true)
    codes.removeAll(keepingCapacity: true)
    strings.removeAll(keepingCapacity: true)
  }

  /// The values appended, as a column like the template.
  var column: Column {
    switch template.storage {
    case .bools: Column(storage: .bools(bools), like: template)
    case .ints: Column(storage: .ints(ints), like: template)
    case .doubles: Column(storage: .doubles(doubles, present: present), like: template)
    case .dates: Column(storage: .dates(dates), like: template)
    case .codes(_, let values): Column(storage: .codes(codes, values: values), like: template)
    case .strings: Column(storage: .strings(strings), like: template)
    }
  }
}
