import CPrefetch
import SignpostCEL
import SignpostRules
import SignpostSource

/// The values of one field for every row of a table (every person, or every event of a
/// list), stored by type; a missing value is a sentinel, so reading one costs no lookup.
public struct Column: Sendable {
  public enum Storage: Sendable {
    /// 0 false, 1 true, 2 missing.
    case bools([UInt8])
    /// `Int64.min` missing.
    case ints([Int64])
    /// Present where `present` says so.
    case doubles([Double], present: [Bool])
    /// Days since 1970-01-01; `Int32.min` missing.
    case dates([Int32])
    /// Positions in `values`; `UInt16.max` missing.
    case codes([UInt16], values: [String])
    /// Places in `values`; ``Column/missingPlace`` missing.
    case strings([UInt32], values: DistinctStrings)
  }

  public private(set) var storage: Storage
  /// The attribute named when a value is missing, such as `person.attendance`.
  public let missingAttribute: String
  /// When the whole column comes from a source that was not supplied, that source; every row
  /// is then unknown.
  public var unsupplied: MissingInput?

  public static let missingDate = Int32.min
  public static let missingCode = UInt16.max
  public static let missingInt = Int64.min
  public static let missingPlace = UInt32.max

  /// A column holding `storage`, otherwise as `template` (its missing attribute and
  /// whether it is unsupplied).
  init(storage: Storage, like template: Column) {
    self = template
    self.storage = storage
  }

  public init(type: FieldType, missingAttribute: String, count: Int = 0) {
    self.missingAttribute = missingAttribute
    switch type {
    case .bool: storage = .bools([UInt8](repeating: 2, count: count))
    case .int: storage = .ints([Int64](repeating: Self.missingInt, count: count))
    case .double:
      storage = .doubles(
        [Double](repeating: 0, count: count), present: [Bool](repeating: false, count: count))
    case .date: storage = .dates([Int32](repeating: Self.missingDate, count: count))
    case .enumeration(let values):
      storage = .codes([UInt16](repeating: Self.missingCode, count: count), values: values)
    case .string:
      storage = .strings(
        [UInt32](repeating: Self.missingPlace, count: count), values: DistinctStrings())
    }
  }

  public var count: Int {
    switch storage {
    case .bools(let v): v.count
    case .ints(let v): v.count
    case .doubles(let v, _): v.count
    case .dates(let v): v.count
    case .codes(let v, _): v.count
    case .strings(let v, _): v.count
    }
  }

  /// Appends a value (or a missing value when the kinds do not match).
  public mutating func append(_ value: FieldValue) {
    switch storage {
    case .bools(var v):
      storage = .bools([])
      v.append(Self.storedBool(value))
      storage = .bools(v)
    case .ints(var v):
      storage = .ints([])
      v.append(Self.storedInt(value))
      storage = .ints(v)
    case .doubles(var v, var present):
      storage = .doubles([], present: [])
      let stored = Self.storedDouble(value)
      v.append(stored.value)
      present.append(stored.present)
      storage = .doubles(v, present: present)
    case .dates(var v):
      storage = .dates([])
      v.append(Self.storedDate(value))
      storage = .dates(v)
    case .codes(var v, let values):
      storage = .codes([], values: values)
      v.append(Self.storedCode(value))
      storage = .codes(v, values: values)
    case .strings(var v, var values):
      storage = .strings([], values: DistinctStrings())
      v.append(Self.storedString(value).map { values.place(of: $0) } ?? Self.missingPlace)
      storage = .strings(v, values: values)
    }
  }

  /// Appends the rows of a column of the same type (another type's value by value). The
  /// switch is on `storage` alone, so that the array taken out of it is unique and grows in
  /// place rather than being copied.
  mutating func append(contentsOf other: Column) {
    switch storage {
    case .bools(var v):
      guard case .bools(let w) = other.storage else { break }
      storage = .bools([])
      v.append(contentsOf: w)
      storage = .bools(v)
      return
    case .ints(var v):
      guard case .ints(let w) = other.storage else { break }
      storage = .ints([])
      v.append(contentsOf: w)
      storage = .ints(v)
      return
    case .doubles(var v, var present):
      guard case .doubles(let w, let wp) = other.storage else { break }
      storage = .doubles([], present: [])
      v.append(contentsOf: w)
      present.append(contentsOf: wp)
      storage = .doubles(v, present: present)
      return
    case .dates(var v):
      guard case .dates(let w) = other.storage else { break }
      storage = .dates([])
      v.append(contentsOf: w)
      storage = .dates(v)
      return
    case .codes(var v, let values):
      guard case .codes(let w, _) = other.storage else { break }
      storage = .codes([], values: values)
      v.append(contentsOf: w)
      storage = .codes(v, values: values)
      return
    case .strings(var v, var values):
      guard case .strings(let w, let wValues) = other.storage else { break }
      if v.isEmpty && values.strings.isEmpty {
        storage = other.storage
        return
      }
      storage = .strings([], values: DistinctStrings())
      var places = StringPlaces(of: wValues.strings)
      v.append(
        contentsOf: w.lazy.map {
          $0 == Self.missingPlace ? Self.missingPlace : places.place(of: $0, in: &values)
        })
      storage = .strings(v, values: values)
      return
    }
    for row in 0..<other.count { append(other.fieldValue(row)) }
  }

  /// Makes room for `count` rows.
  mutating func reserveCapacity(_ count: Int) {
    switch storage {
    case .bools(var v):
      storage = .bools([])
      v.reserveCapacity(count)
      storage = .bools(v)
    case .ints(var v):
      storage = .ints([])
      v.reserveCapacity(count)
      storage = .ints(v)
    case .doubles(var v, var present):
      storage = .doubles([], present: [])
      v.reserveCapacity(count)
      present.reserveCapacity(count)
      storage = .doubles(v, present: present)
    case .dates(var v):
      storage = .dates([])
      v.reserveCapacity(count)
      storage = .dates(v)
    case .codes(var v, let values):
      storage = .codes([], values: values)
      v.reserveCapacity(count)
      storage = .codes(v, values: values)
    case .strings(var v, let values):
      storage = .strings([], values: values)
      v.reserveCapacity(count)
      storage = .strings(v, values: values)
    }
  }

  /// The room reserved past the column's values (``reserveCapacity(_:)``).
  var spareRoom: [UnsafeRawBufferPointer] {
    switch storage {
    case .bools(let v): [v.spareRoom]
    case .ints(let v): [v.spareRoom]
    case .doubles(let v, let present): [v.spareRoom, present.spareRoom]
    case .dates(let v): [v.spareRoom]
    case .codes(let v, _): [v.spareRoom]
    case .strings(let v, _): [v.spareRoom]
    }
  }

  /// Appends missing values until the column has `count` rows.
  public mutating func pad(to count: Int) {
    let extra = count - self.count
    guard extra > 0 else { return }
    switch storage {
    case .bools(var v):
      storage = .bools([])
      v.append(contentsOf: repeatElement(2, count: extra))
      storage = .bools(v)
    case .ints(var v):
      storage = .ints([])
      v.append(contentsOf: repeatElement(Self.missingInt, count: extra))
      storage = .ints(v)
    case .doubles(var v, var present):
      storage = .doubles([], present: [])
      v.append(contentsOf: repeatElement(0, count: extra))
      present.append(contentsOf: repeatElement(false, count: extra))
      storage = .doubles(v, present: present)
    case .dates(var v):
      storage = .dates([])
      v.append(contentsOf: repeatElement(Self.missingDate, count: extra))
      storage = .dates(v)
    case .codes(var v, let values):
      storage = .codes([], values: values)
      v.append(contentsOf: repeatElement(Self.missingCode, count: extra))
      storage = .codes(v, values: values)
    case .strings(var v, let values):
      storage = .strings([], values: values)
      v.append(contentsOf: repeatElement(Self.missingPlace, count: extra))
      storage = .strings(v, values: values)
    }
  }

  /// Takes in the rows of `source` (a column of the same type, as a chunk of a file parsed
  /// them): row `rows[i]` of `source` goes to row `targets[i]`, in order, when it has a value
  /// and `rank` is below the rank of the source of the value there (`ranks[targets[i] *
  /// stride]`), which it then becomes. The column is first padded to hold every target row.
  /// One pass per column, with no switch per value.
  mutating func merge(
    _ source: Column, rows: [Int32], into targets: [Int32], rank: UInt8,
    ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) {
    guard let last = targets.max() else { return }
    pad(to: Int(last) + 1)
    /// Stores `w[rows[i]]` at `v[targets[i]]` for each row whose value `has` and whose rank
    /// wins, over raw buffers (no bounds or uniqueness check per value).
    func each<T>(_ v: inout [T], _ w: [T], _ has: (T) -> Bool) {
      w.withUnsafeBufferPointer { w in
        Self.store(into: &v, rows: rows, targets: targets, rank: rank, ranks: ranks, stride: stride)
        {
          has(w[$0]) ? w[$0] : nil
        }
      }
    }
    // The switch is on `storage` alone, so that each array taken out of it is unique and
    // is changed in place, not copied.
    switch storage {
    case .bools(var v):
      guard case .bools(let w) = source.storage else { break }
      storage = .bools([])
      each(&v, w) { $0 != 2 }
      storage = .bools(v)
      return
    case .ints(var v):
      guard case .ints(let w) = source.storage else { break }
      storage = .ints([])
      each(&v, w) { $0 != Self.missingInt }
      storage = .ints(v)
      return
    case .doubles(var v, var present):
      guard case .doubles(let w, let wp) = source.storage else { break }
      storage = .doubles([], present: [])
      v.withUnsafeMutableBufferPointer { v in
        present.withUnsafeMutableBufferPointer { present in
          guard let values = v.baseAddress, let flags = present.baseAddress else { return }
          for i in rows.indices {
            if i &+ Self.mergeAhead < rows.count {
              let ahead = Int(targets[i &+ Self.mergeAhead])
              signpost_prefetch(values + ahead)
              signpost_prefetch(flags + ahead)
              signpost_prefetch(ranks + ahead &* stride)
            }
            let row = Int(rows[i])
            let target = Int(targets[i])
            guard wp[row], rank < ranks[target * stride] else { continue }
            ranks[target * stride] = rank
            values[target] = w[row]
            flags[target] = true
          }
        }
      }
      storage = .doubles(v, present: present)
      return
    case .dates(var v):
      guard case .dates(let w) = source.storage else { break }
      storage = .dates([])
      each(&v, w) { $0 != Self.missingDate }
      storage = .dates(v)
      return
    case .codes(var v, let values):
      guard case .codes(let w, _) = source.storage else { break }
      storage = .codes([], values: values)
      each(&v, w) { $0 != Self.missingCode }
      storage = .codes(v, values: values)
      return
    case .strings(var v, var values):
      guard case .strings(let w, let wValues) = source.storage else { break }
      storage = .strings([], values: DistinctStrings())
      Self.storeStrings(
        into: &v, &values, places: w, of: wValues.strings, rows: rows, targets: targets,
        rank: rank, ranks: ranks, stride: stride)
      storage = .strings(v, values: values)
      return
    }
    // A column of another type (not read so): value by value.
    for i in rows.indices {
      let value = source.fieldValue(Int(rows[i]))
      let target = Int(targets[i])
      if case .missing = value { continue }
      guard rank < ranks[target * stride] else { continue }
      ranks[target * stride] = rank
      set(target, value)
    }
  }

  /// ``merge(_:rows:into:rank:ranks:stride:)`` from a chunk's builder. A string column's
  /// values are taken through their places among the builder's distinct strings, each
  /// distinct string looked up once (``StringPlaces``); any other is merged as
  /// ``ColumnBuilder/column``.
  mutating func merge(
    _ source: ColumnBuilder, rows: [Int32], into targets: [Int32], rank: UInt8,
    ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) {
    guard case .strings = storage, let interned = source.internedStrings else {
      merge(source.column, rows: rows, into: targets, rank: rank, ranks: ranks, stride: stride)
      return
    }
    guard let last = targets.max() else { return }
    pad(to: Int(last) + 1)
    guard case .strings(var v, var values) = storage else { return }
    storage = .strings([], values: DistinctStrings())
    Self.storeStrings(
      into: &v, &values, places: interned.positions, of: interned.strings, rows: rows,
      targets: targets, rank: rank, ranks: ranks, stride: stride)
    storage = .strings(v, values: values)
  }

  /// ``store(into:rows:targets:rank:ranks:stride:value:)`` of a string column's rows, given
  /// as `places` among `strings`: each distinct string is taken into `values` the first time
  /// one of its rows is stored.
  private static func storeStrings(
    into v: inout [UInt32], _ values: inout DistinctStrings, places: [UInt32], of strings: [String],
    rows: [Int32], targets: [Int32], rank: UInt8, ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) {
    var found = StringPlaces(of: strings)
    places.withUnsafeBufferPointer { places in
      store(into: &v, rows: rows, targets: targets, rank: rank, ranks: ranks, stride: stride) {
        let place = places[$0]
        return place == missingPlace ? nil : found.place(of: place, in: &values)
      }
    }
  }

  /// ``merge(_:rows:into:rank:ranks:stride:)`` of every row of `source`, in order, into rows
  /// `first...` when none of them has a value yet (new persons, whose ranks are all unset):
  /// the values are appended in one pass, and the rank set where a value is present.
  mutating func mergeRun(
    _ source: ColumnBuilder, first: Int, rank: UInt8, ranks: UnsafeMutablePointer<UInt8>,
    stride: Int
  ) {
    // A string column's values are taken through their places among the builder's distinct
    // strings, as ``merge(_:rows:into:rank:ranks:stride:)`` does.
    if case .strings = storage, let interned = source.internedStrings, count <= first {
      pad(to: first)
      guard case .strings(var v, var values) = storage else { return }
      storage = .strings([], values: DistinctStrings())
      Self.appendStrings(
        &v, &values, places: interned.positions, of: interned.strings, first: first, rank: rank,
        ranks: ranks, stride: stride)
      storage = .strings(v, values: values)
      return
    }
    let column = source.column
    guard count <= first,
      appendRun(column, first: first, rank: rank, ranks: ranks, stride: stride)
    else {
      let rows = (0..<Int32(column.count)).map { $0 }
      merge(
        column, rows: rows, into: rows.map { Int32(first) + $0 }, rank: rank, ranks: ranks,
        stride: stride)
      return
    }
  }

  /// ``mergeRun(_:first:rank:ranks:stride:)`` of a column of the same type; `false` (and
  /// nothing changed) for another type.
  private mutating func appendRun(
    _ source: Column, first: Int, rank: UInt8, ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) -> Bool {
    /// Appends `w` after padding to `first`, and ranks the rows whose value `has`.
    func run<T>(_ v: inout [T], _ w: [T], missing: T, _ has: (T) -> Bool) {
      v.append(contentsOf: repeatElement(missing, count: first - v.count))
      v.append(contentsOf: w)
      for i in w.indices where has(w[i]) { ranks[(first &+ i) &* stride] = rank }
    }
    // The switch is on `storage` alone, so that each array taken out of it is unique and
    // grows in place, not copied.
    switch storage {
    case .bools(var v):
      guard case .bools(let w) = source.storage else { return false }
      storage = .bools([])
      run(&v, w, missing: 2) { $0 != 2 }
      storage = .bools(v)
    case .ints(var v):
      guard case .ints(let w) = source.storage else { return false }
      storage = .ints([])
      run(&v, w, missing: Self.missingInt) { $0 != Self.missingInt }
      storage = .ints(v)
    case .doubles(var v, var present):
      guard case .doubles(let w, let wp) = source.storage else { return false }
      storage = .doubles([], present: [])
      v.append(contentsOf: repeatElement(0, count: first - v.count))
      v.append(contentsOf: w)
      run(&present, wp, missing: false) { $0 }
      storage = .doubles(v, present: present)
    case .dates(var v):
      guard case .dates(let w) = source.storage else { return false }
      storage = .dates([])
      run(&v, w, missing: Self.missingDate) { $0 != Self.missingDate }
      storage = .dates(v)
    case .codes(var v, let values):
      guard case .codes(let w, _) = source.storage else { return false }
      storage = .codes([], values: values)
      run(&v, w, missing: Self.missingCode) { $0 != Self.missingCode }
      storage = .codes(v, values: values)
    case .strings(var v, var values):
      guard case .strings(let w, let wValues) = source.storage else { return false }
      storage = .strings([], values: DistinctStrings())
      v.append(contentsOf: repeatElement(Self.missingPlace, count: first - v.count))
      Self.appendStrings(
        &v, &values, places: w, of: wValues.strings, first: first, rank: rank, ranks: ranks,
        stride: stride)
      storage = .strings(v, values: values)
    }
    return true
  }

  /// Appends the rows of a string column, given as `places` among `strings`, as rows
  /// `first...` (`v` holds `first` rows), and ranks those with a value.
  private static func appendStrings(
    _ v: inout [UInt32], _ values: inout DistinctStrings, places: [UInt32], of strings: [String],
    first: Int, rank: UInt8, ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) {
    var found = StringPlaces(of: strings)
    v.reserveCapacity(first + places.count)
    for (i, place) in places.enumerated() {
      guard place != missingPlace else {
        v.append(missingPlace)
        continue
      }
      v.append(found.place(of: place, in: &values))
      ranks[(first &+ i) &* stride] = rank
    }
  }

  /// How many rows ahead a merge asks for the lines it will write.
  static let mergeAhead = 16

  /// Stores `value(rows[i])` at `v[targets[i]]` for each row that has a value (`nil` when
  /// missing) and whose `rank` is below the one at `ranks[targets[i] * stride]`, which then
  /// becomes `rank`; over raw buffers (no bounds or uniqueness check per value).
  @inline(__always)
  private static func store<T>(
    into v: inout [T], rows: [Int32], targets: [Int32], rank: UInt8,
    ranks: UnsafeMutablePointer<UInt8>, stride: Int, value: (Int) -> T?
  ) {
    v.withUnsafeMutableBufferPointer { v in
      rows.withUnsafeBufferPointer { rows in
        targets.withUnsafeBufferPointer { targets in
          for i in 0..<rows.count {
            // A chunk's rows may go to persons all over the column (a file in another
            // order than the persons'): the value's and rank's lines are asked for a few
            // rows ahead, so that their cache misses overlap.
            if i &+ mergeAhead < rows.count, let base = v.baseAddress {
              let ahead = Int(targets[i &+ mergeAhead])
              signpost_prefetch(base + ahead)
              signpost_prefetch(ranks + ahead &* stride)
            }
            let target = Int(targets[i])
            guard let value = value(Int(rows[i])), rank < ranks[target * stride] else { continue }
            ranks[target * stride] = rank
            v[target] = value
          }
        }
      }
    }
  }

  /// Sets the value of a row, first padding the column with missing values up to it.
  public mutating func set(_ row: Int, _ value: FieldValue) {
    if row >= count {
      pad(to: row)
      append(value)
      return
    }
    switch storage {
    case .bools(var v):
      storage = .bools([])
      v[row] = Self.storedBool(value)
      storage = .bools(v)
    case .ints(var v):
      storage = .ints([])
      v[row] = Self.storedInt(value)
      storage = .ints(v)
    case .doubles(var v, var present):
      storage = .doubles([], present: [])
      (v[row], present[row]) = Self.storedDouble(value)
      storage = .doubles(v, present: present)
    case .dates(var v):
      storage = .dates([])
      v[row] = Self.storedDate(value)
      storage = .dates(v)
    case .codes(var v, let values):
      storage = .codes([], values: values)
      v[row] = Self.storedCode(value)
      storage = .codes(v, values: values)
    case .strings(var v, var values):
      storage = .strings([], values: DistinctStrings())
      v[row] = Self.storedString(value).map { values.place(of: $0) } ?? Self.missingPlace
      storage = .strings(v, values: values)
    }
  }

  /// Whether a row has a value (and the column's source was supplied).
  public func isPresent(_ row: Int) -> Bool {
    guard unsupplied == nil else { return false }
    switch storage {
    case .bools(let v): return v[row] != 2
    case .ints(let v): return v[row] != Self.missingInt
    case .doubles(_, let present): return present[row]
    case .dates(let v): return v[row] != Self.missingDate
    case .codes(let v, _): return v[row] != Self.missingCode
    case .strings(let v, _): return v[row] != Self.missingPlace
    }
  }

  /// The value of a row as expressions see it: dates are timestamps at midnight UTC, enum
  /// values are their strings, and a missing value is unknown.
  public func value(_ row: Int) -> CELValue {
    if let unsupplied { return unsupplied.unknown }
    let missing = CELValue.unknown(CELUnknown([missingAttribute]))
    switch storage {
    case .bools(let v): return v[row] == 2 ? missing : .bool(v[row] == 1)
    case .ints(let v): return v[row] == Self.missingInt ? missing : .int(v[row])
    case .doubles(let v, let present): return present[row] ? .double(v[row]) : missing
    case .dates(let v):
      return v[row] == Self.missingDate
        ? missing
        : .timestamp(CELTimestamp(seconds: CivilCalendar.seconds(fromDays: Int64(v[row]))))
    case .codes(let v, let values):
      return v[row] == Self.missingCode ? missing : .string(values[Int(v[row])])
    case .strings(let v, let values):
      return v[row] == Self.missingPlace ? missing : .string(values[v[row]])
    }
  }

  /// The value of a row as a ``FieldValue``.
  public func fieldValue(_ row: Int) -> FieldValue {
    guard isPresent(row) else { return .missing }
    switch storage {
    case .bools(let v): return .bool(v[row] == 1)
    case .ints(let v): return .int(v[row])
    case .doubles(let v, _): return .double(v[row])
    case .dates(let v): return .date(v[row])
    case .codes(let v, _): return .code(v[row])
    case .strings(let v, let values): return .string(values[v[row]])
    }
  }

  /// The rows reordered by `order` (each entry an old row index).
  func permuted(_ order: [Int]) -> Column {
    var copy = self
    switch storage {
    case .bools(let v): copy.storage = .bools(order.map { v[$0] })
    case .ints(let v): copy.storage = .ints(order.map { v[$0] })
    case .doubles(let v, let present):
      copy.storage = .doubles(order.map { v[$0] }, present: order.map { present[$0] })
    case .dates(let v): copy.storage = .dates(order.map { v[$0] })
    case .codes(let v, let values): copy.storage = .codes(order.map { v[$0] }, values: values)
    case .strings(let v, let values): copy.storage = .strings(order.map { v[$0] }, values: values)
    }
    return copy
  }
}
