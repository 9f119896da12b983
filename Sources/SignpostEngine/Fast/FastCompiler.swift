import SignpostCEL
import SignpostRules

/// Compiles checked pack expressions into a flat plan: instructions over registers and the
/// columnar population (``FastInstruction``). Names become column reads, enum literals
/// become codes, macros become loops over a person's rows. A sub-expression it does not
/// specialise is evaluated by the CEL runtime (see ``generic(_:)``), so every expression the
/// checker accepts compiles.
struct FastCompiler {
  let context: FastContext
  /// Evidence expressions an indicator's `when` may name.
  var evidence: [String: (expr: Expr, program: CELProgram)] = [:]
  /// The program whose expression is being compiled: its checked types and functions.
  private(set) var program: CELProgram?
  /// Whether `score` and `band` are in scope (programme conditions).
  var programmeVariables = false
  /// The next free comprehension or scratch slot, and register.
  private(set) var slotCount = 0
  private(set) var registerCount = 0
  private(set) var locals: [String: Local] = [:]

  /// The instructions being emitted, and the programs finished so far (each ends in `halt`).
  var code: [FastInstruction] = []
  private(set) var programs: [[FastInstruction]] = []
  /// The tables instructions index.
  private(set) var columns: [FastColumnRef] = []
  private var columnIndices: [FastColumnSource: Int32] = [:]
  /// Where each column of `columns` comes from in the population, by index.
  private(set) var columnSources: [FastColumnSource] = []
  private(set) var lists: [FastListRef] = []
  /// What each list of `lists` iterates, by index.
  private(set) var listSources: [FastListSource] = []
  private(set) var bits: [UInt64] = []
  private(set) var strings: [String] = []
  private(set) var closures: [ValueFn] = []
  /// Registers that hold the same value for the whole run (literals), set when a frame is
  /// made rather than by an instruction each time a program runs; no instruction writes them.
  private(set) var literals: [FastLiteral] = []
  private var literalRegisters: [Int64: Int32] = [:]

  /// A comprehension variable: an event row or a linked person.
  enum Local {
    case event(list: Int, slot: Int32)
    case linked(slot: Int32, relation: Int)
  }

  init(context: FastContext) {
    self.context = context
  }

  var schema: Schema { context.pack.schema }

  // MARK: Emitting

  /// Reserves a comprehension variable or scratch slot.
  mutating func newSlot() -> Int32 {
    slotCount += 1
    return Int32(slotCount - 1)
  }

  /// Reserves `count` consecutive registers, returning the first.
  mutating func newRegister(_ count: Int = 1) -> Int32 {
    registerCount += count
    return Int32(registerCount - count)
  }

  /// Appends an instruction.
  mutating func emit(
    _ op: FastOp, _ dst: Int32 = 0, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, imm: Int64 = 0
  ) {
    code.append(FastInstruction(op: op, dst: dst, a: a, b: b, c: c, imm: imm))
  }

  /// Appends an instruction into a new register, returning the register.
  mutating func result(
    _ op: FastOp, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, imm: Int64 = 0
  ) -> Int32 {
    let d = newRegister()
    emit(op, d, a: a, b: b, c: c, imm: imm)
    return d
  }

  /// The register that holds a value for the whole run (see ``literals``).
  mutating func literal(_ value: Int64) -> Int32 {
    if let register = literalRegisters[value] { return register }
    let register = newRegister()
    literals.append(FastLiteral(register: register, value: value))
    literalRegisters[value] = register
    return register
  }

  /// Sets the relative jump (field `c`, or `b` when `inB`) of the instruction at `at` to land
  /// on the next instruction emitted.
  mutating func land(_ at: Int, inB: Bool = false) {
    let offset = Int32(code.count - at)
    if inB { code[at].b = offset } else { code[at].c = offset }
  }

  /// Compiles code apart from the current instructions (to be copied into a loop later).
  mutating func detached<R>(_ body: (inout FastCompiler) throws(FastUnsupported) -> R)
    throws(FastUnsupported) -> (R, [FastInstruction])
  {
    let saved = code
    code = []
    defer { code = saved }
    let value = try body(&self)
    return (value, code)
  }

  /// Finishes instructions as a program of their own; returns its index.
  mutating func finish(_ instructions: [FastInstruction]) -> Int {
    programs.append(instructions + [FastInstruction(op: .halt)])
    return programs.count - 1
  }

  /// A generic node's closure, by index.
  mutating func closure(_ fn: @escaping ValueFn) -> Int32 {
    closures.append(fn)
    return Int32(closures.count - 1)
  }

  /// The table index of a column.
  mutating func column(_ column: Column, key: FastColumnSource) -> Int32 {
    if let index = columnIndices[key] { return index }
    columns.append(Self.reference(column))
    columnSources.append(key)
    columnIndices[key] = Int32(columns.count - 1)
    return Int32(columns.count - 1)
  }

  /// How the machine reads a column: its kind and the addresses of its arrays.
  static func reference(_ column: Column) -> FastColumnRef {
    switch column.storage {
    case .bools(let v): FastColumnRef(kind: .bools, values: Self.address(v))
    case .ints(let v): FastColumnRef(kind: .ints, values: Self.address(v))
    case .doubles(let v, let present):
      FastColumnRef(
        kind: .doubles, values: Self.address(v),
        present: Self.address(present).assumingMemoryBound(to: Bool.self))
    case .dates(let v): FastColumnRef(kind: .dates, values: Self.address(v))
    case .codes(let v, _): FastColumnRef(kind: .codes, values: Self.address(v))
    case .strings(let v, let values):
      FastColumnRef(kind: .strings, values: Self.address(v), strings: Self.address(values.strings))
    }
  }

  /// The address of an array's elements. The arrays are the population's, which the
  /// context holds unchanged for as long as any plan over it runs.
  private static func address<T>(_ array: [T]) -> UnsafeRawPointer {
    array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
      ?? UnsafeRawPointer(FastColumnRef.none)
  }

  /// The table index of a list, which iterates `source`.
  mutating func list(_ ref: FastListRef, _ source: FastListSource) -> Int32 {
    lists.append(ref)
    listSources.append(source)
    return Int32(lists.count - 1)
  }

  /// The bit set of some enum codes: its first word and its number of words.
  mutating func bitSet(_ codes: [Int64], of count: Int) -> (start: Int32, words: Int32) {
    let words = max(1, (count + 63) / 64)
    var set = [UInt64](repeating: 0, count: words)
    for code in codes where code >= 0 && code < count {
      set[Int(code >> 6)] |= 1 << UInt64(code & 63)
    }
    bits.append(contentsOf: set)
    return (Int32(bits.count - words), Int32(words))
  }

  /// String constants in the table: the first one's index.
  mutating func strings(_ values: [String]) -> Int32 {
    strings.append(contentsOf: values)
    return Int32(strings.count - values.count)
  }

  // MARK: Programs

  /// Binds a comprehension variable, returning what the name meant before.
  mutating func bind(_ name: String, _ local: Local) -> Local? {
    let saved = locals[name]
    locals[name] = local
    return saved
  }

  mutating func unbind(_ name: String, _ saved: Local?) {
    locals[name] = saved
  }

  /// Compiles a `bool` expression as a program: its index and the register of its value.
  /// A value of another kind is an error, as in the reference.
  mutating func compileBool(_ program: CELProgram) -> (program: Int, result: Int32) {
    compileBool(program.expression.root, in: program)
  }

  /// Compiles a `bool` sub-expression of `program` (a conjunct of a condition) as a program
  /// of its own.
  mutating func compileBool(_ expr: Expr, in program: CELProgram) -> (program: Int, result: Int32) {
    code = []
    let node = compile(expr, in: program)
    let result: Int32
    if case .bool(let r) = node {
      result = r
    } else {
      result = self.result(.generic, a: closure(lift(node)), c: FastLowering.bool.rawValue)
    }
    return (finish(code), result)
  }

  /// Compiles a numeric expression as a program whose result is a double (priorities);
  /// another kind is an error.
  mutating func compileNumber(_ program: CELProgram) -> (program: Int, result: Int32) {
    code = []
    let result: Int32
    switch compile(program.expression.root, in: program) {
    case .int(let r): result = self.result(.toDouble, a: r)
    case .double(let r): result = r
    case let node:
      result = self.result(.generic, a: closure(lift(node)), c: FastLowering.number.rawValue)
    }
    return (finish(code), result)
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
    let mark = code.count
    do throws(FastUnsupported) {
      return try specialised(expr)
    } catch {
      code.removeSubrange(mark...)
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
    case .call(let target, _, let args):
      // The checker's choice of overload says what the call is; with more than one fitting
      // (a `dyn` operand) the CEL runtime decides at run time.
      guard let overload = program?.overload(at: expr.id) else {
        throw FastUnsupported(description: "a call whose overload depends on run-time types")
      }
      return try call(overload, (target.map { [$0] } ?? []) + args)
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

  private mutating func constant(_ value: CELValue) throws(FastUnsupported) -> FastNode {
    switch value {
    case .bool(let b): return .bool(literal(b ? 1 : 0))
    case .int(let i): return .int(literal(i))
    case .double(let d): return .double(literal(Int64(bitPattern: d.bitPattern)))
    case .string(let s): return .constantString(s)
    default: throw FastUnsupported(description: "constant \(value.debugText)")
    }
  }

  /// A comprehension variable's node.
  mutating func local(_ name: String) throws(FastUnsupported) -> FastNode {
    switch locals[name] {
    case .event(let list, let slot): return .object(.event(list: list, slot: slot))
    case .linked(let slot, let relation): return .object(.linked(slot: slot, relation: relation))
    case nil: throw FastUnsupported(description: "comprehension variable '\(name)'")
    }
  }

  /// A declared variable's node: an evidence value, or one the pack declares for everyone.
  mutating func variable(_ name: String) throws(FastUnsupported) -> FastNode {
    if let (expr, program) = evidence[name] { return compile(expr, in: program) }
    switch name {
    case "person": return .object(.person(row: FastRow.person))
    case "indicators": return .object(.indicators(row: FastRow.person))
    case "links": return .object(.links(row: FastRow.person))
    case DomainLibrary.asOf: return .time(literal(context.asOfSeconds))
    case "age":
      guard context.hasBirthDate else {
        throw FastUnsupported(description: "age without birth date")
      }
      return .int(result(context.agesUnsupplied ? .unknown : .age))
    case "score" where programmeVariables:
      return .int(result(.score))
    case "band" where programmeVariables:
      return .code(result(.band), values: context.pack.scoring.bands.map(\.id))
    default:
      throw FastUnsupported(description: "name '\(name)'")
    }
  }

  // MARK: Field selection

  private mutating func select(_ operand: FastNode, _ field: String) throws(FastUnsupported)
    -> FastNode
  {
    guard case .object(let object) = operand else {
      throw FastUnsupported(description: "field '\(field)' of a non-record")
    }
    switch object {
    case .person(let row), .linked(let row, _):
      if let index = schema.personFields.firstIndex(where: { $0.name == field }) {
        return read(context.population.fields[index], key: .person(field: index), row: row)
      }
      if let list = schema.eventLists.firstIndex(where: { $0.name == field }) {
        let index = self.list(
          FastListRef(offsets: context.eventOffsets[list], row: row), .events(list: list))
        return .list(FastList(source: .events(list: list, row: row), index: index))
      }
      if field == "indicators", case .linked = object { return .object(.indicators(row: row)) }
      throw FastUnsupported(description: "person field '\(field)'")
    case .event(let list, let slot):
      guard let table = context.population.events[list],
        let index = schema.eventLists[list].recordFields.firstIndex(where: { $0.name == field })
      else { throw FastUnsupported(description: "event field '\(field)'") }
      return read(table.columns[index], key: .event(list: list, field: index), row: slot)
    case .indicators(let row):
      guard let index = context.pack.indicatorIndex(field) else {
        throw FastUnsupported(description: "indicator '\(field)'")
      }
      return .bool(result(.outcome, a: Int32(index), b: row))
    case .links(let row):
      guard let relation = schema.relations.firstIndex(where: { $0.name == field }) else {
        throw FastUnsupported(description: "relation '\(field)'")
      }
      let index = list(
        FastListRef(
          offsets: context.linkOffsets, links: context.links, relation: relation, row: row),
        .links)
      return .list(FastList(source: .links(relation: relation, row: row), index: index))
    }
  }

  /// A column read at a row; a column whose source was not supplied is unknown.
  private mutating func read(_ column: Column, key: FastColumnSource, row: Int32) -> FastNode {
    let unsupplied = column.unsupplied != nil
    let index = self.column(column, key: key)
    func load(_ op: FastOp) -> Int32 {
      unsupplied ? result(.unknown) : result(op, a: index, b: row)
    }
    switch column.storage {
    case .bools: return .bool(load(.loadBool))
    case .ints: return .int(load(.loadInt))
    case .doubles: return .double(load(.loadDouble))
    case .dates: return .time(load(.loadDate))
    case .codes(_, let values): return .code(load(.loadCode), values: values)
    case .strings: return .stringField(column: index, row: row)
    }
  }

  /// `has(x.f)`: true when set, false when missing, unknown when its source was not supplied.
  private mutating func presence(_ operand: Expr, _ field: String) throws(FastUnsupported)
    -> FastNode
  {
    switch compile(operand) {
    case .object(.person(let row)), .object(.linked(let row, _)):
      guard let index = schema.personFields.firstIndex(where: { $0.name == field }) else {
        throw FastUnsupported(description: "has() of '\(field)'")
      }
      let column = context.population.fields[index]
      if column.unsupplied != nil { return .bool(result(.unknown)) }
      return .bool(result(.present, a: self.column(column, key: .person(field: index)), b: row))
    case .object(.event(let list, let slot)):
      // An event is bound only when its list was supplied; an event field is set unless its
      // value is unknown (CELObject's `has`).
      guard let table = context.population.events[list],
        let index = schema.eventLists[list].recordFields.firstIndex(where: { $0.name == field })
      else { throw FastUnsupported(description: "has() of event field '\(field)'") }
      if table.columns[index].unsupplied != nil { return .bool(literal(0)) }
      let column = self.column(table.columns[index], key: .event(list: list, field: index))
      return .bool(result(.present, a: column, b: slot))
    default: throw FastUnsupported(description: "has() of '\(field)'")
    }
  }
}
