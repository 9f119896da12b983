import SignpostCEL

/// Typed evaluation closures. Each returns a plain value and reports an abnormal result
/// (unknown for want of data, or an error) through the frame's `flag`.
typealias BoolFn = @Sendable (FastFrame) -> Bool
typealias IntFn = @Sendable (FastFrame) -> Int64
typealias DoubleFn = @Sendable (FastFrame) -> Double
typealias StringFn = @Sendable (FastFrame) -> String
/// A value of any kind, computed by the shared CEL runtime. Unlike the typed closures it
/// reports unknowns and errors in the value and leaves the frame's flag clear.
typealias ValueFn = @Sendable (FastFrame) -> CELValue

/// Whose data a reference reads: the person being evaluated, or a linked person bound to a
/// comprehension variable.
enum FastOwner: Sendable {
  case current
  case linked(slot: Int, relation: Int)

  @inline(__always) func person(_ f: FastFrame) -> Int {
    switch self {
    case .current: f.person
    case .linked(let slot, _): f.locals[slot]
    }
  }
}

/// A record an expression names, resolved at compile time.
enum FastObject: Sendable {
  case person(FastOwner)
  case event(list: Int, slot: Int)
  case indicators(FastOwner)
  case links(FastOwner)
}

/// A list an expression iterates: a person's events or linked persons, optionally filtered.
/// A class, so that passing one to the loop that fills it costs one reference count. Its
/// elements are read from unmanaged arrays the ``FastContext`` owns.
final class FastList: @unchecked Sendable {
  enum Source: Sendable {
    case events(list: Int, owner: FastOwner)
    case links(relation: Int, owner: FastOwner)
  }

  let source: Source
  /// Each person's elements are `offsets[p]..<offsets[p + 1]`: event row numbers, or
  /// positions in `targets` (linked persons); `nil` when the list was not supplied.
  let offsets: UnsafePointer<Int>?
  let targets: UnsafePointer<Int>?
  /// A `filter(x, p)` applied to the source: the variable's slot and the predicate.
  let filter: (slot: Int, predicate: BoolFn)?
  /// The scratch slot the materialised elements are kept in.
  let scratch: Int

  init(
    source: Source, offsets: UnsafePointer<Int>?, targets: UnsafePointer<Int>?,
    filter: (slot: Int, predicate: BoolFn)?, scratch: Int
  ) {
    self.source = source
    self.offsets = offsets
    self.targets = targets
    self.filter = filter
    self.scratch = scratch
  }

  /// The same list with a filter, or kept in another scratch slot.
  func with(filter: (slot: Int, predicate: BoolFn)?, scratch: Int) -> FastList {
    FastList(source: source, offsets: offsets, targets: targets, filter: filter, scratch: scratch)
  }

  /// The positions of the frame's owner's elements; `nil` when the list was not supplied.
  @inline(__always) func range(_ f: FastFrame) -> Range<Int>? {
    guard let offsets else { return nil }
    let p: Int
    switch source {
    case .events(_, let owner), .links(_, let owner): p = owner.person(f)
    }
    return offsets[p]..<offsets[p + 1]
  }

  /// The element at a position: an event row, or a linked person.
  @inline(__always) func element(_ position: Int) -> Int {
    targets.map { $0[position] } ?? position
  }
}

/// A compiled sub-expression, by its static kind.
indirect enum FastNode: Sendable {
  case bool(BoolFn)
  case int(IntFn)
  case double(DoubleFn)
  /// Seconds since the epoch.
  case time(IntFn)
  /// Whole seconds.
  case duration(IntFn)
  /// An enum value by its position in `values`.
  case code(IntFn, values: [String])
  case string(StringFn)
  case constantString(String)
  case constantStrings([String])
  case object(FastObject)
  case list(FastList)
  /// `map(x, [p,] t)` over a list: the variable's slot, the optional filter and the transform.
  case mapped(FastList, slot: Int, filter: BoolFn?, transform: FastNode)
  /// Anything else (a list of lists, a map, a function the compiler does not specialise):
  /// evaluated with the reference meaning by the CEL runtime.
  case value(ValueFn)
}

/// An expression the fast compiler does not specialise; it is then compiled as a ``FastNode/value(_:)``
/// node that the CEL runtime evaluates.
public struct FastUnsupported: Error, CustomStringConvertible, Sendable {
  public var description: String
}
