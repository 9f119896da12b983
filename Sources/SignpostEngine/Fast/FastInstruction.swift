/// One step of a flat plan: an operation, the register it writes, and its operands. Plain
/// data (no references), so the machine runs a plan without counting references.
///
/// Registers hold 64-bit values (a bool as 0 or 1, a double by its bit pattern, a timestamp
/// or duration in seconds, an enum value by its code) with a status byte each (``FastFrame``).
/// Jump targets are relative to the instruction, so code compiled apart (a filter's predicate,
/// a `map`'s transform) can be copied into the loop that runs it unchanged.
struct FastInstruction: Sendable {
  var op: FastOp
  /// The register written.
  var dst: Int32 = 0
  var a: Int32 = 0
  var b: Int32 = 0
  var c: Int32 = 0
  var imm: Int64 = 0
}

/// A register that holds the same value for the whole run, with an ok status.
struct FastLiteral: Sendable {
  var register: Int32
  var value: Int64
}

/// A row an instruction reads: the person being evaluated, or the event row or linked
/// person a comprehension variable's slot holds.
enum FastRow {
  static let person: Int32 = -1
}

/// The operations of a flat plan. `r[x]` is register `x`'s value, `s[x]` its status; a
/// strict operation's status is the worse of its operands' (unknown over error), and then its
/// value is 0. `row` is an operand in ``FastRow``'s encoding; `jump` targets are relative.
enum FastOp: UInt8, Sendable {
  /// Stops the program.
  case halt
  /// `r[dst] = imm`.
  case constant
  /// `s[dst]` unknown: a value whose source was not supplied.
  case unknown
  /// `r[dst] = r[a]`, with its status.
  case move
  /// Jumps by `c`.
  case jump

  // Reads: `a` a column, `b` a row.
  case loadBool, loadInt, loadDouble, loadDate, loadCode
  /// `r[dst]` = whether column `a` has a value at row `b` (`has()`).
  case present
  /// String column `a` at row `b` equals one of the `imm` constant strings from `c` (an empty
  /// list never matches); unknown when missing.
  case stringIn
  /// Indicator `a`'s outcome for row `b`, as a bool (not evaluated: unknown; failed: error).
  case outcome
  /// `r[dst]` = indicator `a`'s outcome `&&` (`imm` 1) or `||` (`imm` 0) indicator `c`'s, both
  /// for row `b`, with CEL's absorption (``logical`` of two ``outcome``s).
  case outcomeLogical
  /// The person's age in whole years; unknown without a birth date.
  case age
  /// The person's score, and the index of their band (programme conditions).
  case score, band

  // Logic, as CEL defines it.
  case not
  /// When `r[a]` decides an `&&` (`imm` 1) or `||` (`imm` 0) alone, `r[dst] = r[a]` and jump by `c`.
  case shortCircuit
  /// `r[dst] = r[a] && r[b]` (`imm` 1) or `||` (`imm` 0) with CEL's absorption.
  case logical
  /// `r[a] ? … : …`: abnormal, `s[dst] = s[a]` and jump by `c`; false, jump by `b`.
  case branch

  // Comparisons: `c` is the ``FastComparison``.
  case compareInt, compareDouble, compareIntDouble, compareDoubleInt
  /// `r[dst]` = int column `a` at row `b` compared by ``FastComparison`` `c` with the literal
  /// in register `imm & 0xFFFF_FFFF`, the value read also left in register `imm >> 32`
  /// (``loadInt`` and ``compareInt`` in one).
  case loadCompareInt
  /// The same for a double column and a double literal (``loadDouble`` and ``compareDouble``).
  case loadCompareDouble
  /// `r[dst] = (r[a] == imm) != (c == 1)` (an enum value against a literal's code).
  case equalsConstant
  /// `r[dst]` = whether code `r[a]` is in the bit set of `c` words at word `b`.
  case codeIn

  // Arithmetic: `c` is the ``FastArithmetic``.
  case arithmeticInt, arithmeticDouble
  case negateInt, negateDouble
  /// `r[a] + imm * r[b]` for a timestamp and a duration (`imm` is the sign).
  case shiftTime
  /// `r[a] - r[b]` for two timestamps.
  case timeDifference
  /// `r[a] * imm` seconds (days, weeks), checked against a duration's range.
  case duration
  /// `within(r[a], r[b])` at the as-of date.
  case within
  /// `years_between(r[a], r[b])`.
  case yearsBetween
  case toDouble

  // Lists. `a` is a list, `b` a comprehension variable's slot, `imm` the first of the two
  // iterator registers (position, end).
  /// Starts a loop over list `a`: unsupplied, `s[dst]` unknown and jump by `c`; empty, jump
  /// by `c`; else the first element in slot `b`.
  case iterate
  /// The next element in slot `b` and jump by `c` (back to the loop's body), or fall through.
  case next
  /// `r[dst]` = the number of list `a`'s elements (unsupplied: unknown).
  case count
  /// A filter's step: `s[a]` abnormal, `s[dst] = s[a]`; true, `r[dst] += 1`.
  case countStep
  /// Empties scratch list `a`.
  case clearScratch
  /// A materialising filter's step: `s[a]` abnormal, `s[dst] = s[a]`; true, slot `b`'s
  /// element appended to scratch list `c`.
  case collect
  /// `r[dst]` = how many linked persons of list `a` have indicator `b`'s outcome true (`imm`
  /// 2), or indicator `b`'s `||` (`imm` 0) or `&&` (`imm` 1) indicator `c`'s; `s[dst]` the last
  /// abnormal one's status. A `filter` counted by `size` (`iterate`, ``outcome`` or
  /// ``outcomeLogical``, ``countStep``, `next`) in one instruction.
  case countOutcomes
  /// `s[a]` abnormal: `s[dst] = s[a]`, `r[dst] = 0`, jump by `c`.
  case propagate
  /// `exists` (`imm` 0) and `all` (`imm` 1): `r[a]` decides, `r[dst] = r[a]` ok and jump by
  /// `c`; abnormal, `s[dst]` keeps the worst.
  case quantifierStep
  /// `exists_one`'s result from its count of true predicates (``countStep``):
  /// `r[dst] = r[dst] == 1`.
  case existsOneEnd
  /// A `map`'s filter: abnormal, `s[dst] = s[a]` and jump by `c`; false, jump by `c`.
  case mapFilter
  /// Folds `r[a]` into `r[dst]` (``FastFold`` `c`); `r[dst + 1]` counts the values folded,
  /// and an abnormal `s[a]` makes `s[dst]` the worse of the two.
  case foldStep
  /// A fold's result: abnormal stays; an empty `max`/`min` or an overflowing `sum` fails.
  case foldEnd

  /// `r[dst]` = closure `a` (the CEL runtime) lowered to the kind ``FastLowering`` `c`.
  case generic
}

/// A comparison's operator.
enum FastComparison: Int32 {
  /// The value an instruction field holds (the compiler writes raw values of this type).
  init(field: Int32) { self = Self(rawValue: field) ?? .notEqual }

  case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual

  /// Whether an ordering (-1, 0, 1) satisfies the operator.
  @inline(__always) func test(_ order: Int) -> Bool {
    switch self {
    case .less: order < 0
    case .lessOrEqual: order <= 0
    case .greater: order > 0
    case .greaterOrEqual: order >= 0
    case .equal: order == 0
    case .notEqual: order != 0
    }
  }
}

/// An arithmetic operator.
enum FastArithmetic: Int32 {
  /// The value an instruction field holds (the compiler writes raw values of this type).
  init(field: Int32) { self = Self(rawValue: field) ?? .remainder }

  case add, subtract, multiply, divide, remainder
}

/// What a fold computes from a `map`'s values.
enum FastFold: Int32 {
  /// The value an instruction field holds (the compiler writes raw values of this type).
  init(field: Int32) { self = Self(rawValue: field) ?? .count }

  case maxInt, minInt, maxDouble, minDouble, sum, count
}

/// The kind a generic node's CEL value is lowered to.
enum FastLowering: Int32 {
  /// The value an instruction field holds (the compiler writes raw values of this type).
  init(field: Int32) { self = Self(rawValue: field) ?? .number }

  case bool, int, double, timestamp, duration
  /// An int or a double, as a double (programme priorities).
  case number
}
