import SignpostCEL

/// What a person's age alone decides of a scope or programme condition. Most of a
/// population is decided by an age range (`age <= 25`, `age >= 10 && age <= 17 && …`): the
/// conjuncts of a condition that read nothing of the person but the age come to the same
/// value for everyone of an age, so a frame runs them once per age and remembers
/// (``FastFrame/evaluate(_:)``). When one of them is false the condition is false, whatever
/// its other conjuncts come to (CEL's `&&` absorbs errors and unknowns into false); when the
/// whole condition reads only the age, its value is remembered.
struct FastAgeGuard {
  /// Ages a frame remembers (whole years from 0); others run the condition.
  static let ages = 128

  /// What a frame remembers of a guarded condition at one age.
  enum Memo: UInt8 {
    /// Not known yet.
    case unset
    /// The condition is false.
    case isFalse
    /// The condition is true (a condition that reads only the age).
    case isTrue
    /// Its age decides nothing: the condition runs.
    case runs
  }

  /// Whether the whole condition reads only the age; then its one conjunct is the condition.
  var ageOnly: Bool
  /// Where the programs of its conjuncts that read only the age start in
  /// ``FastMachine/ageConjuncts``, and how many there are.
  var start: Int32
  var count: Int32

  /// The ops a program may run and still read nothing of the person but the age: constants,
  /// literals, logic, comparisons and arithmetic.
  static func readsOnlyAge(_ program: [FastInstruction]) -> Bool {
    var readsAge = false
    for instruction in program {
      switch instruction.op {
      case .age: readsAge = true
      case .halt, .constant, .move, .jump, .not, .shortCircuit, .logical, .branch, .compareInt,
        .compareDouble, .compareIntDouble, .compareDoubleInt, .equalsConstant, .codeIn,
        .arithmeticInt, .arithmeticDouble, .negateInt, .negateDouble, .toDouble:
        break
      default: return false
      }
    }
    return readsAge
  }

  /// The operands of a `&&` chain (the expression itself when it is not one), as the
  /// checker resolved them.
  static func conjuncts(_ expr: Expr, in program: CELProgram) -> [Expr] {
    if case .call(nil, CELOperators.logicalAnd, let args) = expr.kind, args.count == 2,
      program.overload(at: expr.id) == "logical_and"
    {
      return conjuncts(args[0], in: program) + conjuncts(args[1], in: program)
    }
    return [expr]
  }
}
