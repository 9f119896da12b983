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

  /// An address to give an empty column (it is never read).
  nonisolated(unsafe) static let none = UnsafePointer<Bool>(
    UnsafeMutablePointer<Bool>.allocate(capacity: 8))
}

/// A list as the machine iterates it: a person's events or linked persons (their offsets,
/// and the linked persons' indices), or one of the frame's scratch lists.
struct FastListRef: Sendable {
  /// Each person's elements are `offsets[p]..<offsets[p + 1]`; `nil` when the list was not
  /// supplied.
  nonisolated(unsafe) var offsets: UnsafePointer<Int>?
  nonisolated(unsafe) var targets: UnsafePointer<Int>?
  /// Whose list: a row in ``FastRow``'s encoding.
  var row: Int32
  /// A scratch list of the frame, when at least 0.
  var scratch: Int32 = -1
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
  /// String literals compared with string fields.
  let strings: UnsafePointer<String>
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
}
