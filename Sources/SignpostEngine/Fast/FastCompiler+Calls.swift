import SignpostCEL
import SignpostRules

extension FastCompiler {
  mutating func call(_ function: String, _ operands: [Expr]) throws(FastUnsupported) -> FastNode {
    switch (function, operands.count) {
    case (CELOperators.logicalAnd, 2), (CELOperators.logicalOr, 2):
      return .bool(
        logical(
          isAnd: function == CELOperators.logicalAnd, try bool(operands[0]), try bool(operands[1])))
    case (CELOperators.logicalNot, 1):
      let a = try bool(operands[0])
      return .bool { f in !a(f) }
    case (CELOperators.conditional, 3):
      return try conditional(
        try bool(operands[0]), compile(operands[1]), compile(operands[2]))
    case (CELOperators.equals, 2), (CELOperators.notEquals, 2):
      let equal = try equality(compile(operands[0]), compile(operands[1]))
      if function == CELOperators.equals { return .bool(equal) }
      return .bool { f in !equal(f) }
    case (CELOperators.less, 2), (CELOperators.lessEquals, 2), (CELOperators.greater, 2),
      (CELOperators.greaterEquals, 2):
      return .bool(try comparison(function, compile(operands[0]), compile(operands[1])))
    case (CELOperators.add, 2), (CELOperators.subtract, 2), (CELOperators.multiply, 2),
      (CELOperators.divide, 2), (CELOperators.modulo, 2):
      return try arithmetic(function, compile(operands[0]), compile(operands[1]))
    case (CELOperators.negate, 1):
      switch compile(operands[0]) {
      case .int(let a):
        return .int { f in
          let (v, o) = Int64(0).subtractingReportingOverflow(a(f))
          if o { f.flag = max(f.flag, FastFrame.error) }
          return v
        }
      case .double(let a): return .double { f in -a(f) }
      default: throw FastUnsupported(description: "negation")
      }
    case (CELOperators.in, 2):
      return .bool(try membership(compile(operands[0]), compile(operands[1])))
    case ("size", 1):
      return try size(compile(operands[0]))
    case ("within", 2):
      guard case .time(let t) = compile(operands[0]),
        case .duration(let d) = compile(operands[1])
      else { throw FastUnsupported(description: "within() arguments") }
      let now = context.asOfSeconds
      return .bool(
        strict(
          t, d,
          { date, window in date > now - window && date <= now }, fallback: false))
    case ("days", 1), ("weeks", 1):
      guard case .int(let n) = compile(operands[0]) else {
        throw FastUnsupported(description: "days() argument")
      }
      let perUnit: Int64 = function == "days" ? 86_400 : 7 * 86_400
      return .duration { f in
        let (seconds, overflow) = n(f).multipliedReportingOverflow(by: perUnit)
        if overflow || abs(seconds) > CELDuration.maxSeconds {
          f.flag = max(f.flag, FastFrame.error)
        }
        return seconds
      }
    case ("years_between", 2):
      guard case .time(let a) = compile(operands[0]),
        case .time(let b) = compile(operands[1])
      else { throw FastUnsupported(description: "years_between() arguments") }
      return .int(
        strict(
          a, b,
          { x, y in
            DomainLibrary.wholeYears(from: CELTimestamp(seconds: x), to: CELTimestamp(seconds: y))
          }, fallback: 0))
    case ("max", 1), ("min", 1):
      return try extreme(isMax: function == "max", compile(operands[0]))
    case ("sum", 1):
      return try sum(compile(operands[0]))
    case ("double", 1):
      switch compile(operands[0]) {
      case .int(let a): return .double { f in Double(a(f)) }
      case .double(let a): return .double(a)
      default: throw FastUnsupported(description: "double() argument")
      }
    default:
      throw FastUnsupported(description: "function \(function)/\(operands.count)")
    }
  }

  mutating func bool(_ expr: Expr) throws(FastUnsupported) -> BoolFn {
    guard case .bool(let fn) = compile(expr) else {
      throw FastUnsupported(description: "expected a bool")
    }
    return fn
  }

  /// A strict binary operation: both sides evaluated; an abnormal side makes the result
  /// abnormal (unknown over error).
  func strict<A, B, R>(
    _ a: @escaping @Sendable (FastFrame) -> A, _ b: @escaping @Sendable (FastFrame) -> B,
    _ op: @escaping @Sendable (A, B) -> R, fallback: R
  ) -> @Sendable (FastFrame) -> R where R: Sendable {
    { f in
      let x = a(f)
      let fx = f.flag
      f.flag = 0
      let y = b(f)
      let fy = f.flag
      if fx | fy != 0 {
        f.flag = max(fx, fy)
        return fallback
      }
      return op(x, y)
    }
  }

  /// `&&` and `||` as CEL defines them (see the planner's `planLogical`).
  func logical(isAnd: Bool, _ a: @escaping BoolFn, _ b: @escaping BoolFn) -> BoolFn {
    { f in
      let l = a(f)
      let fl = f.flag
      if fl == 0, l != isAnd { return l }
      f.flag = 0
      let r = b(f)
      let fr = f.flag
      if fr == 0, r != isAnd { return r }
      if fl == 0, fr == 0 { return isAnd }
      f.flag = max(fl, fr)
      return false
    }
  }

  private func conditional(_ c: @escaping BoolFn, _ t: FastNode, _ e: FastNode)
    throws(FastUnsupported) -> FastNode
  {
    func pick<R: Sendable>(
      _ x: @escaping @Sendable (FastFrame) -> R, _ y: @escaping @Sendable (FastFrame) -> R,
      _ zero: R
    )
      -> @Sendable (FastFrame) -> R
    {
      { f in
        let condition = c(f)
        if f.flag != 0 { return zero }
        return condition ? x(f) : y(f)
      }
    }
    switch (t, e) {
    case (.bool(let x), .bool(let y)): return .bool(pick(x, y, false))
    case (.int(let x), .int(let y)): return .int(pick(x, y, 0))
    case (.double(let x), .double(let y)): return .double(pick(x, y, 0))
    default: throw FastUnsupported(description: "conditional of these kinds")
    }
  }

  private func code(of literal: String, in values: [String]) -> Int64 {
    values.firstIndex(of: literal).map(Int64.init) ?? -1
  }

  private func equality(_ a: FastNode, _ b: FastNode) throws(FastUnsupported) -> BoolFn {
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return strict(x, y, ==, fallback: false)
    case (.int(let x), .int(let y)): return strict(x, y, ==, fallback: false)
    case (.double(let x), .double(let y)): return strict(x, y, ==, fallback: false)
    case (.time(let x), .time(let y)), (.duration(let x), .duration(let y)):
      return strict(x, y, ==, fallback: false)
    case (.code(let x, let values), .constantString(let s)),
      (.constantString(let s), .code(let x, let values)):
      let wanted = code(of: s, in: values)
      return { f in x(f) == wanted }
    case (.code(let x, let v1), .code(let y, let v2)) where v1 == v2:
      return strict(x, y, ==, fallback: false)
    case (.string(let x), .constantString(let s)), (.constantString(let s), .string(let x)):
      return { f in x(f).utf8.elementsEqual(s.utf8) }
    case (.string(let x), .string(let y)):
      return strict(x, y, { $0.utf8.elementsEqual($1.utf8) }, fallback: false)
    default: throw FastUnsupported(description: "equality of these kinds")
    }
  }

  private func comparison(_ function: String, _ a: FastNode, _ b: FastNode)
    throws(FastUnsupported) -> BoolFn
  {
    let test: @Sendable (Int) -> Bool
    switch function {
    case CELOperators.less: test = { $0 < 0 }
    case CELOperators.lessEquals: test = { $0 <= 0 }
    case CELOperators.greater: test = { $0 > 0 }
    default: test = { $0 >= 0 }
    }
    func ordered<T: Comparable & Sendable>(
      _ x: @escaping @Sendable (FastFrame) -> T, _ y: @escaping @Sendable (FastFrame) -> T
    ) -> BoolFn {
      strict(x, y, { l, r in test(l < r ? -1 : (l == r ? 0 : 1)) }, fallback: false)
    }
    switch (a, b) {
    case (.int(let x), .int(let y)): return ordered(x, y)
    case (.double(let x), .double(let y)):
      // NaN never orders: every comparison with it is false.
      return strict(
        x, y, { l, r in l.isNaN || r.isNaN ? false : test(l < r ? -1 : (l == r ? 0 : 1)) },
        fallback: false)
    case (.time(let x), .time(let y)), (.duration(let x), .duration(let y)): return ordered(x, y)
    case (.int(let x), .double(let y)):
      return strict(
        x, y, { l, r in CELValue.order(.int(l), .double(r)).map(test) ?? false }, fallback: false)
    case (.double(let x), .int(let y)):
      return strict(
        x, y, { l, r in CELValue.order(.double(l), .int(r)).map(test) ?? false }, fallback: false)
    default: throw FastUnsupported(description: "comparison of these kinds")
    }
  }

  /// A strict operation on two integers that may fail (overflow, division by zero, a
  /// result out of range), which makes the result an error.
  private func checked(
    _ a: @escaping IntFn, _ b: @escaping IntFn,
    _ op: @escaping @Sendable (Int64, Int64) -> (Int64, Bool)
  ) -> IntFn {
    { f in
      let l = a(f)
      let fl = f.flag
      f.flag = 0
      let r = b(f)
      let fr = f.flag
      if fl | fr != 0 {
        f.flag = max(fl, fr)
        return 0
      }
      let (v, failed) = op(l, r)
      if failed { f.flag = FastFrame.error }
      return v
    }
  }

  private func arithmetic(_ function: String, _ a: FastNode, _ b: FastNode)
    throws(FastUnsupported) -> FastNode
  {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let op: @Sendable (Int64, Int64) -> (Int64, Bool)
      switch function {
      case CELOperators.add: op = { $0.addingReportingOverflow($1) }
      case CELOperators.subtract: op = { $0.subtractingReportingOverflow($1) }
      case CELOperators.multiply: op = { $0.multipliedReportingOverflow(by: $1) }
      case CELOperators.divide: op = { $1 == 0 ? (0, true) : $0.dividedReportingOverflow(by: $1) }
      default: op = { $1 == 0 ? (0, true) : $0.remainderReportingOverflow(dividingBy: $1) }
      }
      return .int(checked(x, y, op))
    case (.double(let x), .double(let y)):
      let op: @Sendable (Double, Double) -> Double
      switch function {
      case CELOperators.add: op = (+)
      case CELOperators.subtract: op = (-)
      case CELOperators.multiply: op = (*)
      case CELOperators.divide: op = (/)
      default: throw FastUnsupported(description: "% on doubles")
      }
      return .double(strict(x, y, op, fallback: 0))
    case (.time(let t), .duration(let d))
    where function == CELOperators.subtract || function == CELOperators.add:
      let sign: Int64 = function == CELOperators.subtract ? -1 : 1
      return .time(
        checked(t, d) { l, r in
          let v = l + sign * r
          return (v, v < CELTimestamp.minSeconds || v > CELTimestamp.maxSeconds)
        })
    case (.time(let x), .time(let y)) where function == CELOperators.subtract:
      return .duration(
        checked(x, y) { l, r in
          let v = l - r
          return (v, abs(v) > CELDuration.maxSeconds)
        })
    default:
      throw FastUnsupported(description: "arithmetic \(function) on these kinds")
    }
  }

  private func membership(_ element: FastNode, _ container: FastNode) throws(FastUnsupported)
    -> BoolFn
  {
    switch (element, container) {
    case (.code(let x, let values), .constantStrings(let strings)):
      let codes = Set(strings.map { code(of: $0, in: values) })
      return { f in codes.contains(x(f)) }
    case (.string(let x), .constantStrings(let strings)):
      let set = Set(strings.map { Array($0.utf8) })
      return { f in set.contains(Array(x(f).utf8)) }
    default: throw FastUnsupported(description: "'in' of these kinds")
    }
  }
}
