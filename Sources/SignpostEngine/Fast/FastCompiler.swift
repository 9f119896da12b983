import SignpostCEL
import SignpostRules

/// Compiles checked pack expressions into typed closures over the columnar population:
/// names become column reads, enum literals become codes, macros become loops over a
/// person's rows. A sub-expression it does not specialise is evaluated by the CEL runtime
/// (see ``generic(_:)``), so every expression the checker accepts compiles.
struct FastCompiler {
  let context: FastContext
  /// Evidence expressions an indicator's `when` may name.
  var evidence: [String: (expr: Expr, program: CELProgram)] = [:]
  /// The program whose expression is being compiled: its checked types and functions.
  private(set) var program: CELProgram?
  /// Whether `score` and `band` are in scope (programme conditions).
  var programmeVariables = false
  /// The next free comprehension or scratch slot.
  private(set) var slotCount = 0
  private(set) var locals: [String: Local] = [:]

  /// A comprehension variable: an event row or a linked person.
  enum Local {
    case event(list: Int, slot: Int)
    case linked(slot: Int, relation: Int)
  }

  init(context: FastContext) {
    self.context = context
  }

  private var schema: Schema { context.pack.schema }

  /// Reserves a comprehension variable or scratch slot.
  mutating func newSlot() -> Int {
    slotCount += 1
    return slotCount - 1
  }

  /// Binds a comprehension variable, returning what the name meant before.
  mutating func bind(_ name: String, _ local: Local) -> Local? {
    let saved = locals[name]
    locals[name] = local
    return saved
  }

  mutating func unbind(_ name: String, _ saved: Local?) {
    locals[name] = saved
  }

  /// Compiles a `bool` expression; a value of another kind is an error, as in the reference.
  mutating func compileBool(_ program: CELProgram) -> BoolFn {
    switch compile(program.expression.root, in: program) {
    case .bool(let fn): return fn
    case let node:
      let value = Self.lift(node, context)
      return { f in
        switch value(f) {
        case .bool(let b): return b
        case .unknown:
          f.flag = FastFrame.unknown
          return false
        default:
          f.flag = FastFrame.error
          return false
        }
      }
    }
  }

  /// Compiles a numeric expression as a double (for priorities); another kind is an error.
  mutating func compileNumber(_ program: CELProgram) -> DoubleFn {
    switch compile(program.expression.root, in: program) {
    case .int(let fn): return { f in Double(fn(f)) }
    case .double(let fn): return fn
    case let node:
      let value = Self.lift(node, context)
      return { f in
        switch value(f) {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .unknown: f.flag = FastFrame.unknown
        default: f.flag = FastFrame.error
        }
        return 0
      }
    }
  }

  /// Compiles an expression of `program`, which sees no comprehension variable of another.
  mutating func compile(_ expr: Expr, in program: CELProgram) -> FastNode {
    let saved = (self.program, locals)
    self.program = program
    locals = [:]
    defer { (self.program, locals) = saved }
    return compile(expr)
  }

  // MARK: Nodes

  /// Compiles a node: specialised when the compiler knows its shape, else generic.
  mutating func compile(_ expr: Expr) -> FastNode {
    do throws(FastUnsupported) {
      return try specialised(expr)
    } catch {
      return generic(expr)
    }
  }

  private mutating func specialised(_ expr: Expr) throws(FastUnsupported) -> FastNode {
    switch expr.kind {
    case .constant(let value): return try constant(value)
    case .identifier:
      // The checker has resolved every name: a comprehension variable or a declared one.
      switch program?.reference(at: expr.id) {
      case .local(let name): return try local(name)
      case .variable(let name): return try variable(name)
      default: throw FastUnsupported(description: "a name the checker did not resolve")
      }
    case .select(let operand, let field, let testOnly):
      if testOnly { return try presence(operand, field) }
      return try select(compile(operand), field)
    case .call(let target, let function, let args):
      let operands = (target.map { [$0] } ?? []) + args
      return try call(function, operands)
    case .list(let elements):
      var strings: [String] = []
      for element in elements {
        guard case .constant(.string(let s)) = element.kind else {
          throw FastUnsupported(description: "list literal of non-constant strings")
        }
        strings.append(s)
      }
      return .constantStrings(strings)
    case .map:
      throw FastUnsupported(description: "map literal")
    case .comprehension(let c):
      return try comprehension(c)
    }
  }

  private func constant(_ value: CELValue) throws(FastUnsupported) -> FastNode {
    switch value {
    case .bool(let b): return .bool { _ in b }
    case .int(let i): return .int { _ in i }
    case .double(let d): return .double { _ in d }
    case .string(let s): return .constantString(s)
    default: throw FastUnsupported(description: "constant \(value.debugText)")
    }
  }

  /// A comprehension variable's node.
  mutating func local(_ name: String) throws(FastUnsupported) -> FastNode {
    switch locals[name] {
    case .event(let list, let slot): return .object(.event(list: list, slot: slot))
    case .linked(let slot, let relation):
      return .object(.person(.linked(slot: slot, relation: relation)))
    case nil: throw FastUnsupported(description: "comprehension variable '\(name)'")
    }
  }

  /// A declared variable's node: an evidence value, or one the pack declares for everyone.
  mutating func variable(_ name: String) throws(FastUnsupported) -> FastNode {
    if let (expr, program) = evidence[name] { return compile(expr, in: program) }
    let context = context
    switch name {
    case "person": return .object(.person(.current))
    case "indicators": return .object(.indicators(.current))
    case "links": return .object(.links(.current))
    case DomainLibrary.asOf:
      let now = context.asOfSeconds
      return .time { _ in now }
    case "age":
      guard context.hasBirthDate else {
        throw FastUnsupported(description: "age without birth date")
      }
      let ages = context.ages
      if context.agesUnsupplied {
        return .int { f in
          f.flag = FastFrame.unknown
          return 0
        }
      }
      return .int { f in
        let age = ages[f.person]
        if age == Int32.min {
          f.flag = FastFrame.unknown
          return 0
        }
        return Int64(age)
      }
    case "score" where programmeVariables:
      return .int { f in f.score }
    case "band" where programmeVariables:
      return .code({ f in Int64(f.band) }, values: context.pack.scoring.bands.map(\.id))
    default:
      throw FastUnsupported(description: "name '\(name)'")
    }
  }

  // MARK: Field selection

  private func select(_ operand: FastNode, _ field: String) throws(FastUnsupported) -> FastNode {
    guard case .object(let object) = operand else {
      throw FastUnsupported(description: "field '\(field)' of a non-record")
    }
    switch object {
    case .person(let owner):
      if field == "id" {
        let ids = context.population.ids
        return .string { f in ids[owner.person(f)] }
      }
      if let index = schema.personFields.firstIndex(where: { $0.name == field }) {
        return read(context.population.fields[index]) { f in owner.person(f) }
      }
      if let list = schema.eventLists.firstIndex(where: { $0.name == field }) {
        return .list(
          FastList(
            source: .events(list: list, owner: owner),
            offsets: context.eventOffsets[list].flatMap {
              $0.baseAddress.map { UnsafePointer($0) }
            },
            targets: nil, filter: nil, scratch: -1))
      }
      if field == "indicators", case .linked = owner { return .object(.indicators(owner)) }
      throw FastUnsupported(description: "person field '\(field)'")
    case .event(let list, let slot):
      guard let table = context.population.events[list],
        let index = schema.eventLists[list].recordFields.firstIndex(where: { $0.name == field })
      else { throw FastUnsupported(description: "event field '\(field)'") }
      return read(table.columns[index]) { f in f.locals[slot] }
    case .indicators(let owner):
      guard let index = context.pack.indicatorIndex(field) else {
        throw FastUnsupported(description: "indicator '\(field)'")
      }
      return .bool { f in
        let row = owner.person(f)
        switch f.outcomes[row * f.indicatorCount + index] {
        case ScoreTable.Outcome.fired.rawValue: return true
        case ScoreTable.Outcome.notFired.rawValue: return false
        case ScoreTable.Outcome.notEvaluated.rawValue:
          f.flag = FastFrame.unknown
          return false
        default:
          f.flag = FastFrame.error
          return false
        }
      }
    case .links(let owner):
      guard let relation = schema.relations.firstIndex(where: { $0.name == field }) else {
        throw FastUnsupported(description: "relation '\(field)'")
      }
      return .list(
        FastList(
          source: .links(relation: relation, owner: owner),
          offsets: UnsafePointer(context.linkOffsets[relation].baseAddress),
          targets: UnsafePointer(context.linkTargets[relation].baseAddress), filter: nil,
          scratch: -1))
    }
  }

  /// A column read at the row `row(f)` gives.
  private func read(_ column: Column, row: @escaping @Sendable (FastFrame) -> Int) -> FastNode {
    if column.unsupplied != nil {
      return .bool { f in
        f.flag = FastFrame.unknown
        return false
      }.unknownOf(column)
    }
    switch column.storage {
    case .bools(let values):
      return .bool { f in
        let v = values[row(f)]
        if v == 2 { f.flag = FastFrame.unknown }
        return v == 1
      }
    case .ints(let values):
      return .int { f in
        let v = values[row(f)]
        if v == Column.missingInt { f.flag = FastFrame.unknown }
        return v
      }
    case .doubles(let values, let present):
      return .double { f in
        let r = row(f)
        if !present[r] { f.flag = FastFrame.unknown }
        return values[r]
      }
    case .dates(let days):
      return .time { f in
        let d = days[row(f)]
        if d == Column.missingDate { f.flag = FastFrame.unknown }
        return Int64(d) * 86_400
      }
    case .codes(let codes, let values):
      return .code(
        { f in
          let c = codes[row(f)]
          if c == Column.missingCode { f.flag = FastFrame.unknown }
          return Int64(c)
        }, values: values)
    case .strings(let strings):
      return .string { f in
        guard let s = strings[row(f)] else {
          f.flag = FastFrame.unknown
          return ""
        }
        return s
      }
    }
  }

  /// `has(x.f)`: true when set, false when missing, unknown when its source was not supplied.
  private mutating func presence(_ operand: Expr, _ field: String) throws(FastUnsupported)
    -> FastNode
  {
    let column: Column
    let row: @Sendable (FastFrame) -> Int
    switch compile(operand) {
    case .object(.person(let owner)):
      guard let index = schema.personFields.firstIndex(where: { $0.name == field }) else {
        throw FastUnsupported(description: "has() of '\(field)'")
      }
      column = context.population.fields[index]
      row = { f in owner.person(f) }
    case .object(.event(let list, let slot)):
      // An event is bound only when its list was supplied.
      guard let table = context.population.events[list],
        let index = schema.eventLists[list].recordFields.firstIndex(where: { $0.name == field })
      else { throw FastUnsupported(description: "has() of event field '\(field)'") }
      // An event field is set unless its value is unknown (CELObject's `has`).
      let events = table.columns[index]
      return .bool { f in events.isPresent(f.locals[slot]) }
    default: throw FastUnsupported(description: "has() of '\(field)'")
    }
    if column.unsupplied != nil {
      return .bool { f in
        f.flag = FastFrame.unknown
        return false
      }
    }
    return .bool { f in column.isPresent(row(f)) }
  }
}

extension FastNode {
  /// A node for a column whose source was not supplied: always unknown, of the column's kind.
  fileprivate func unknownOf(_ column: Column) -> FastNode {
    let unknown: IntFn = { f in
      f.flag = FastFrame.unknown
      return 0
    }
    switch column.storage {
    case .bools: return self
    case .ints: return .int(unknown)
    case .doubles:
      return .double { f in
        f.flag = FastFrame.unknown
        return 0
      }
    case .dates: return .time(unknown)
    case .codes(_, let values): return .code(unknown, values: values)
    case .strings:
      return .string { f in
        f.flag = FastFrame.unknown
        return ""
      }
    }
  }
}
