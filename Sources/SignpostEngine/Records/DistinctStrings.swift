/// The distinct values of a string column, each kept once, in the order first added; the
/// column's rows hold their values' places here (``Column/Storage/strings(_:values:)``), so
/// that a column of wards or schools costs four bytes a row and no reference count.
///
/// Values are told apart by their UTF-8 bytes, as CEL compares strings: two spellings that
/// Swift's `==` finds equal (composed and decomposed accents) stay two values.
public struct DistinctStrings: Sendable {
  /// Every distinct value: the places rows hold.
  public private(set) var strings: [String]
  /// The places of `strings[..<index.count]` by their bytes, made when a value is first
  /// looked up; it then catches up with the strings taken whole (``init(distinct:)``).
  private var index: PersonIndex?

  /// No values.
  public init() { strings = [] }

  /// The values `strings`, which are distinct by their bytes (a chunk's ``StringInterner``).
  init(distinct strings: [String]) { self.strings = strings }

  /// The place of `value`, added if new.
  mutating func place(of value: String) -> UInt32 {
    var index = self.index.take() ?? PersonIndex()
    while index.count < strings.count { _ = index.insert(strings[index.count]) }
    let (place, inserted) = index.insert(value)
    if inserted { strings.append(value) }
    self.index = index
    return UInt32(truncatingIfNeeded: place)
  }

  /// The string at a place.
  @inline(__always) public subscript(place: UInt32) -> String { strings[Int(place)] }
}

/// The places among a column's ``DistinctStrings`` of the values of another set of distinct
/// strings (a chunk's, or another column's), each looked up the first time it is asked for:
/// merging a chunk costs a lookup per distinct value it holds, not one a row.
struct StringPlaces {
  private let strings: [String]
  private var places: [UInt32]

  private static let unknown = UInt32.max

  init(of strings: [String]) {
    self.strings = strings
    places = [UInt32](repeating: Self.unknown, count: strings.count)
  }

  /// The place in `target` of the string at `position` of the other set.
  @inline(__always)
  mutating func place(of position: UInt32, in target: inout DistinctStrings) -> UInt32 {
    let known = places[Int(position)]
    if known != Self.unknown { return known }
    let place = target.place(of: strings[Int(position)])
    places[Int(position)] = place
    return place
  }
}
