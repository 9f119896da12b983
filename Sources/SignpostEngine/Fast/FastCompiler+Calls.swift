import SignpostCEL
import SignpostRules
import SignpostSource

extension FastCompiler {
  /// A call, by the overload the checker chose (see ``CELProgram/overload(at:)``).
  mutating func call(_ overload: String, _ operands: [Expr]) throws(FastUnsupported)
    -> FastNode
  {
    switch overload {
    case "logical_and", "logical_or":
      return .bool(try logical(isAnd: overload == "logical_and", operands[0], operands[1]))
    case "logical_not":
      return .bool(result(.not, a: try bool(operands[0])))
    case "conditional":
      return try conditional(operands[0], operands[1], operands[2])
    case "equals", "not_equals":
      return .bool(
        try equality(
          negated: overload == "not_equals", compile(operands[0]), compile(operands[1])))
    case "negate_int64", "negate_double":
      switch compile(operands[0]) {
      case .int(let a): return .int(result(.negateInt, a: a))
      case .double(let a): return .double(result(.negateDouble, a: a))
      default: throw FastUnsupported(description: "negation")
      }
    case "in_list":
      return .bool(try membership(compile(operands[0]), compile(operands[1])))
    case "size_list", "list_size":
      return try size(compile(operands[0]))
    case "within_timestamp_duration":
      guard case .time(let t) = compile(operands[0]),
        case .duration(let d) = compile(operands[1])
      else { throw FastUnsupported(description: "within() arguments") }
      return .bool(result(.within, a: t, b: d))
    case "days_int", "weeks_int":
      let unit = (overload == "days_int" ? 1 : 7) * CivilCalendar.secondsPerDay
      // A literal count (`days(365)`) is a literal duration, not an instruction in each loop
      // step that reads it.
      if case .constant(.int(let count)) = operands[0].kind,
        let seconds = DomainLibrary.durationSeconds(count, unit: unit)
      {
        return .duration(literal(seconds))
      }
      guard case .int(let n) = compile(operands[0]) else {
        throw FastUnsupported(description: "days() argument")
      }
      return .duration(result(.duration, a: n, imm: unit))
    case "years_between_timestamp_timestamp":
      guard case .time(let a) = compile(operands[0]),
        case .time(let b) = compile(operands[1])
      else { throw FastUnsupported(description: "years_between() arguments") }
      return .int(result(.yearsBetween, a: a, b: b))
    case "max_list", "min_list":
      return try extreme(isMax: overload == "max_list", compile(operands[0]))
    case "sum_list_int":
      return try sum(compile(operands[0]))
    case "int64_to_double":
      guard case .int(let a) = compile(operands[0]) else {
        throw FastUnsupported(description: "double() argument")
      }
      return .double(result(.toDouble, a: a))
    case "double_to_double":
      guard case .double(let a) = compile(operands[0]) else {
        throw FastUnsupported(description: "double() argument")
      }
      return .double(a)
    default:
      if let test = Self.comparisons.first(where: { overload.hasPrefix($0.prefix) }) {
        return .bool(try comparison(test.operator, compile(operands[0]), compile(operands[1])))
      }
      if let op = Self.arithmetic.first(where: { overload.hasPrefix($0.prefix) }) {
        return try arithmetic(op.operator, compile(operands[0]), compile(operands[1]))
      }
      throw FastUnsupported(description: "overload \(overload)")
    }
  }

  /// The ordering overloads by the prefix of their ids (the longer prefixes first); the
  /// operands' kinds pick the instruction.
  private static let comparisons: [(prefix: String, operator: FastComparison)] = [
    ("less_equals_", .lessOrEqual), ("greater_equals_", .greaterOrEqual), ("less_", .less),
    ("greater_", .greater),
  ]

  /// The arithmetic overloads by the prefix of their ids.
  private static let arithmetic: [(prefix: String, operator: FastArithmetic)] = [
    ("add_", .add), ("subtract_", .subtract), ("multiply_", .multiply), ("divide_", .divide),
    ("modulo_", .remainder),
  ]

  /// Compiles a `bool` operand, returning its register.
  mutating func bool(_ expr: Expr) throws(FastUnsupported) -> Int32 {
    guard case .bool(let r) = compile(expr) else {
      throw FastUnsupported(description: "expected a bool")
    }
    return r
  }

  /// `&&` and `||` as CEL defines them (``CELLogic``): the right side is evaluated only when
  /// the left does not decide alone.
  private mutating func logical(isAnd: Bool, _ left: Expr, _ right: Expr)
    throws(FastUnsupported) -> Int32
  {
    let start = code.count
    let l = try bool(left)
    let d = newRegister()
    let decided = code.count
    emit(.shortCircuit, d, a: l, imm: isAnd ? 1 : 0)
    let r = try bool(right)
    if let fused = outcomes(from: start, decided) {
      code.removeLast(code.count - start)
      emit(.outcomeLogical, d, a: fused.a, b: fused.row, c: fused.b, imm: isAnd ? 1 : 0)
      return d
    }
    emit(.logical, d, a: l, b: r, imm: isAnd ? 1 : 0)
    land(decided)
    return d
  }

  /// When each side of an `&&` or `||` compiled to one read of an indicator's outcome for the
  /// same row (`x.indicators.a || x.indicators.b`): the two indicators and the row, so that
  /// one ``FastOp/outcomeLogical`` does what the four instructions from `start` do.
  private func outcomes(from start: Int, _ decided: Int) -> (a: Int32, b: Int32, row: Int32)? {
    guard decided == start + 1, code.count == decided + 2 else { return nil }
    let (left, right) = (code[start], code[decided + 1])
    guard left.op == .outcome, right.op == .outcome, left.b == right.b else { return nil }
    return (left.a, right.a, left.b)
  }

  private mutating func conditional(_ condition: Expr, _ then: Expr, _ otherwise: Expr)
    throws(FastUnsupported) -> FastNode
  {
    let c = try bool(condition)
    let d = newRegister()
    let test = code.count
    emit(.branch, d, a: c)
    let t = compile(then)
    emit(.move, d, a: t.register ?? 0)
    let skip = code.count
    emit(.jump)
    land(test, inB: true)
    let e = compile(otherwise)
    emit(.move, d, a: e.register ?? 0)
    land(skip)
    land(test)
    switch (t, e) {
    case (.bool, .bool): return .bool(d)
    case (.int, .int): return .int(d)
    case (.double, .double): return .double(d)
    default: throw FastUnsupported(description: "conditional of these kinds")
    }
  }

  private func code(of literal: String, in values: [String]) -> Int64 {
    values.firstIndex(of: literal).map(Int64.init) ?? -1
  }

  private mutating func equality(negated: Bool, _ a: FastNode, _ b: FastNode)
    throws(FastUnsupported) -> Int32
  {
    let test: FastComparison = negated ? .notEqual : .equal
    switch (a, b) {
    case (.bool(let x), .bool(let y)), (.int(let x), .int(let y)), (.time(let x), .time(let y)),
      (.duration(let x), .duration(let y)):
      return result(.compareInt, a: x, b: y, c: test.rawValue)
    case (.double(let x), .double(let y)):
      return result(.compareDouble, a: x, b: y, c: test.rawValue)
    case (.code(let x, let values), .constantString(let s)),
      (.constantString(let s), .code(let x, let values)):
      return result(.equalsConstant, a: x, c: negated ? 1 : 0, imm: code(of: s, in: values))
    case (.code(let x, let v1), .code(let y, let v2)) where v1 == v2:
      return result(.compareInt, a: x, b: y, c: test.rawValue)
    case (.stringField(let column, let row), .constantString(let s)),
      (.constantString(let s), .stringField(let column, let row)):
      let equal = result(.stringIn, a: column, b: row, c: strings([s]), imm: 1)
      return negated ? result(.not, a: equal) : equal
    default: throw FastUnsupported(description: "equality of these kinds")
    }
  }

  private mutating func comparison(_ test: FastComparison, _ a: FastNode, _ b: FastNode)
    throws(FastUnsupported) -> Int32
  {
    let op: FastOp
    let (x, y): (Int32, Int32)
    switch (a, b) {
    case (.int(let l), .int(let r)), (.time(let l), .time(let r)),
      (.duration(let l), .duration(let r)):
      (op, x, y) = (.compareInt, l, r)
    case (.double(let l), .double(let r)): (op, x, y) = (.compareDouble, l, r)
    case (.int(let l), .double(let r)): (op, x, y) = (.compareIntDouble, l, r)
    case (.double(let l), .int(let r)): (op, x, y) = (.compareDoubleInt, l, r)
    default: throw FastUnsupported(description: "comparison of these kinds")
    }
    // A field read just now compared with a literal: one instruction does both.
    if let read = code.last, read.dst == x, literals.contains(where: { $0.register == y }),
      let fused = Self.loadCompare[read.op], Self.compareAfterLoad[read.op] == op
    {
      code.removeLast()
      return result(
        fused, a: read.a, b: read.b, c: test.rawValue,
        imm: Int64(x) << 32 | Int64(UInt32(bitPattern: y)))
    }
    return result(op, a: x, b: y, c: test.rawValue)
  }

  /// The instruction that reads a field and compares it with a literal, by the read's op.
  private static let loadCompare: [FastOp: FastOp] = [
    .loadInt: .loadCompareInt, .loadDouble: .loadCompareDouble,
  ]
  /// The comparison each of those does.
  private static let compareAfterLoad: [FastOp: FastOp] = [
    .loadInt: .compareInt, .loadDouble: .compareDouble,
  ]

  private mutating func arithmetic(_ op: FastArithmetic, _ a: FastNode, _ b: FastNode)
    throws(FastUnsupported) -> FastNode
  {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      return .int(result(.arithmeticInt, a: x, b: y, c: op.rawValue))
    case (.double(let x), .double(let y)) where op != .remainder:
      return .double(result(.arithmeticDouble, a: x, b: y, c: op.rawValue))
    case (.time(let t), .duration(let d)) where op == .add || op == .subtract:
      return .time(result(.shiftTime, a: t, b: d, imm: op == .add ? 1 : -1))
    case (.time(let x), .time(let y)) where op == .subtract:
      return .duration(result(.timeDifference, a: x, b: y))
    default:
      throw FastUnsupported(description: "arithmetic \(op) on these kinds")
    }
  }

  private mutating func membership(_ element: FastNode, _ container: FastNode)
    throws(FastUnsupported) -> Int32
  {
    switch (element, container) {
    case (.code(let x, let values), .constantStrings(let literals)):
      let set = bitSet(literals.map { code(of: $0, in: values) }, of: values.count)
      return result(.codeIn, a: x, b: set.start, c: set.words)
    case (.stringField(let column, let row), .constantStrings(let literals)):
      return result(
        .stringIn, a: column, b: row, c: strings(literals), imm: Int64(literals.count))
    default: throw FastUnsupported(description: "'in' of these kinds")
    }
  }
}
