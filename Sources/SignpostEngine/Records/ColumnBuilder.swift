/// A column filled one value at a time, as a chunk's rows are parsed on a worker. Its typed
/// array is kept outside ``Column/Storage``, so that an append is one array append, not the
/// array taken out of the enum and put back (a retain, a release and a rewrap per value);
/// ``column`` then makes the column, sharing the array.
struct ColumnBuilder: Sendable {
  private enum Kind: Sendable { case bools, ints, doubles, dates, codes, strings }

  /// An empty column of the field's type: the type, code values and missing attribute.
  private let template: Column
  private let kind: Kind
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
