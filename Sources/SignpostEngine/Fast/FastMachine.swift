/// A column as the machine reads it: its storage kind and unmanaged pointers to its values
/// (and, for doubles, the presence mask). The arrays belong to the population, which the
/// ``FastContext`` holds and never changes while a plan runs.
struct FastColumnRef: Sendable {
  enum Kind: UInt8, Sendable {
    case bools, ints, doubles, dates, codes, strings
  }

  var kind: Kind
  nonisolated(unsafe) var values: UnsafeRawPointer
  /// The presence mask of doubles (``none`` for other kinds).
  nonisolated(unsafe) var present: UnsafePointer<Bool> = FastColumnRef.none
  /// The distinct values of strings, whose places `values` holds (``none`` for other kinds).
  nonisolated(unsafe) var strings: UnsafeRawPointer = UnsafeRawPointer(FastColumnRef.none)

  /// Whether the column has a value at a row (`has()`).
  @inline(__always) func hasValue(at row: Int) -> Bool {
    switch kind {
    case .bools: values.assumingMemoryBound(to: UInt8.self)[row] != 2
    case .ints: values.assumingMemoryBound(to: Int64.self)[row] != Column.missingInt
    case .doubles: present[row]
    case .dates: values.assumingMemoryBound(to: Int32.self)[row] != Column.missingDate
    case .codes: values.assumingMemoryBound(to: UInt16.self)[row] != Column.missingCode
    case .strings: values.assumingMemoryBound(to: UInt32.self)[row] != Column.missingPlace
    }
  }

  /// The string at a row of a string column, `nil` when missing.
  @inline(__always) func string(at row: Int) -> String? {
    let place = values.assumingMemoryBound(to: UInt32.self)[row]
    guard place != Column.missingPlace else { return nil }
    return strings.assumingMemoryBound(to: String.self)[Int(place)]
  }

  /// An address to give an empty column (it is never read).
  nonisolated(unsafe) static let none = UnsafePointer<Bool>(
    UnsafeMutablePointer<Bool>.allocate(capacity: 8))
}

/// A list as the machine iterates it: a person's events, their linked persons in one
/// relation (read from the population's links), or one of the frame's scratch lists.
struct FastListRef: Sendable {
  /// Each person's elements are at `offsets[p]..<offsets[p + 1]` (of a relation, the run of
  /// that relation's links among them); `nil` when the list was not supplied.
  nonisolated(unsafe) var offsets: UnsafePointer<Int32>?
  /// Linked persons: the population's links, whose `to` are the elements.
  nonisolated(unsafe) var links: UnsafePointer<PersonLink>? = nil
  /// The relation of the links that are the list's.
  var relation = 0
  /// Whose list: a row in ``FastRow``'s encoding.
  var row: Int32
  /// A scratch list of the frame, when at least 0.
  var scratch: Int32 = -1

  /// Where a person's elements are: event rows, or positions in the links (a person's links
  /// are ordered by relation, so one relation's are the run of them with that relation).
  /// Only for a list with `offsets`.
  @inline(__always) func positions(of person: Int) -> Range<Int> {
    let offsets = offsets.unsafelyUnwrapped
    var start = Int(offsets[person])
    var end = Int(offsets[person + 1])
    guard let links else { return start..<end }
    while start < end && links[start].relation < relation { start += 1 }
    var stop = start
    while stop < end && links[stop].relation == relation { stop += 1 }
    end = stop
    return start..<end
  }

  /// The element at a position of a person's list: an event row, or a linked person.
  @inline(__always) func element(_ position: Int) -> Int {
    if let links { return links[position].to }
    return position
  }
}

/// A flat plan as the machine runs it: one array of instructions for every expression of
/// the pack and the tables they index, all unmanaged. The ``FastPlan`` owns the memory.
struct FastMachine: @unchecked Sendable {
  let code: UnsafePointer<FastInstruction>
  /// Where each program starts in `code`.
  let entries: UnsafePointer<Int>
  let columns: UnsafePointer<FastColumnRef>
  let lists: UnsafePointer<FastListRef>
  /// Bit sets of enum codes (`in` a list of literals).
  let bits: UnsafePointer<UInt64>
  /// The UTF-8 bytes of the string literals compared with string fields (CEL compares
  /// strings by their bytes).
  let strings: UnsafePointer<UnsafeBufferPointer<UInt8>>
  /// Generic nodes: the CEL runtime's evaluation of what the machine does not specialise.
  let closures: UnsafePointer<ValueFn>
  /// Whole years at the as-of date by person, `Int32.min` where unknown.
  let ages: UnsafePointer<Int32>
  /// The as-of date in seconds.
  let now: Int64
  /// Registers set once, when a frame is made (``FastLiteral``).
  let literals: UnsafePointer<FastLiteral>
  let literalCount: Int
  let registerCount: Int
  let slotCount: Int
  /// What the person's age decides of the scope and conditions (``FastAgeGuard``), and the
  /// programs of the conjuncts that read only the age.
  let ageGuards: UnsafePointer<FastAgeGuard>
  let ageConjuncts: UnsafePointer<FastPlan.Program>
  let ageGuardCount: Int
}
