import SignpostCEL

/// A value of any kind, computed by the shared CEL runtime. Unlike registers it reports
/// unknowns and errors in the value.
typealias ValueFn = @Sendable (FastFrame) -> CELValue

/// A record an expression names, resolved at compile time. Rows are in ``FastRow``'s
/// encoding: the person being evaluated, or a comprehension variable's slot.
enum FastObject: Sendable {
  case person(row: Int32)
  /// A linked person, as a comprehension over `links` binds them.
  case linked(slot: Int32, relation: Int)
  case event(list: Int, slot: Int32)
  case indicators(row: Int32)
  case links(row: Int32)
}

/// A list an expression iterates, at compile time: a person's events or linked persons,
/// optionally filtered. Its filter's code is kept apart, to be copied into the loop that
/// consumes the list (a count, a quantifier, or a scratch list it is kept in).
struct FastList: Sendable {
  enum Source: Sendable {
    case events(list: Int, row: Int32)
    case links(relation: Int, row: Int32)
  }

  let source: Source
  /// The list's index in the plan's list table (``FastListTable``).
  let index: Int32
  /// A `filter(x, p)` applied to the source: the variable's slot, the predicate's code and
  /// the register it leaves its value in.
  var filter: FastCode?
  var filterSlot: Int32 = 0
}

/// Instructions compiled apart, and the register holding their result.
struct FastCode: Sendable {
  var instructions: [FastInstruction]
  var result: Int32
}

/// A compiled sub-expression, by its static kind: most kinds are a register the
/// instructions emitted so far leave the value in.
indirect enum FastNode: Sendable {
  case bool(Int32)
  case int(Int32)
  case double(Int32)
  /// Seconds since the epoch.
  case time(Int32)
  /// Whole seconds.
  case duration(Int32)
  /// An enum value by its position in `values`.
  case code(Int32, values: [String])
  /// A string field: column `column` at `row`.
  case stringField(column: Int32, row: Int32)
  case constantString(String)
  case constantStrings([String])
  case object(FastObject)
  case list(FastList)
  /// `map(x, [p,] t)` over a list: the variable's slot, the optional filter and the
  /// transform, each compiled apart.
  case mapped(FastList, slot: Int32, filter: FastCode?, transform: FastNode, code: FastCode)
  /// Anything else (a list of lists, a map, a function the compiler does not specialise):
  /// evaluated with the reference meaning by the CEL runtime.
  case value(ValueFn)

  /// The register of a node that has one.
  var register: Int32? {
    switch self {
    case .bool(let r), .int(let r), .double(let r), .time(let r), .duration(let r),
      .code(let r, _):
      r
    default: nil
    }
  }
}

/// An expression the fast compiler does not specialise; it is then compiled as a
/// ``FastNode/value(_:)`` node that the CEL runtime evaluates.
struct FastUnsupported: Error, CustomStringConvertible, Sendable {
  var description: String
}
