import SignpostCEL
import SignpostRules

extension FastCompiler {
  /// A node the compiler does not specialise, with the reference meaning: a call of a strict
  /// function applies the function's own implementation to the operands (compiled as fast
  /// nodes where they can be); anything else is planned by the CEL runtime as a part of its
  /// program, with the variables and comprehension variables it reads bound from the frame.
  /// A value of a primitive checked type is lowered into a register.
  mutating func generic(_ expr: Expr) -> FastNode {
    guard let program else {
      return .value { _ in .error(CELError("expression compiled outside its program")) }
    }
    let value: ValueFn
    if let (function, operands) = strictCall(expr, program) {
      var lifted: [ValueFn] = []
      for operand in operands { lifted.append(lift(compile(operand))) }
      for name in function.implicitArguments { lifted.append(binding(name)) }
      let arguments = lifted
      let implementation = function.implementation
      let name = function.name
      value = { f in implementation.apply(arguments.map { $0(f) }, name: name) }
    } else {
      let part = program.part(expr, locals: Array(locals.keys))
      var bindings: [(Int, ValueFn)] = []
      for (name, slot) in part.variableSlots { bindings.append((slot, binding(name))) }
      let bound = bindings
      value = { f in
        let activation = part.makeActivation()
        for (slot, binding) in bound { activation.slots[slot] = binding(f) }
        return part.evaluate(activation)
      }
    }
    let lowering: FastLowering
    switch program.nodeTypes[expr.id] ?? .dyn {
    case .bool: lowering = .bool
    case .int: lowering = .int
    case .double: lowering = .double
    case .timestamp: lowering = .timestamp
    case .duration: lowering = .duration
    default: return .value(value)
    }
    let d = result(.generic, a: closure(value), c: lowering.rawValue)
    switch lowering {
    case .bool: return .bool(d)
    case .int: return .int(d)
    case .double, .number: return .double(d)
    case .timestamp: return .time(d)
    case .duration: return .duration(d)
    }
  }

  /// The declared function and operands of a call that evaluates its operands strictly.
  private func strictCall(_ expr: Expr, _ program: CELProgram) -> (CELFunction, [Expr])? {
    guard case .call(let target, let name, let args) = expr.kind,
      ![
        CELOperators.logicalAnd, CELOperators.logicalOr, CELOperators.conditional,
        CELOperators.notStrictlyFalse,
      ].contains(name),
      let function = program.function(named: name)
    else { return nil }
    // A namespaced function (`ns.f(x)`) is the planner's to resolve.
    if let qualified = target?.qualifiedName, program.function(named: "\(qualified).\(name)") != nil
    {
      return nil
    }
    return (function, (target.map { [$0] } ?? []) + args)
  }

  /// A variable or comprehension variable as a CEL value.
  private mutating func binding(_ name: String) -> ValueFn {
    do throws(FastUnsupported) {
      return lift(locals[name] != nil ? try local(name) : try variable(name))
    } catch {
      let message = name == "age" ? "the schema has no birth date" : "unbound variable '\(name)'"
      return { _ in .error(CELError(message)) }
    }
  }

  /// The CEL value of a node, an abnormal status as an unknown or error value. A register is
  /// read where the closure is called, after the instructions emitted so far; a list runs
  /// programs of its own (its filter, a `map`'s transform).
  mutating func lift(_ node: FastNode) -> ValueFn {
    /// A register's value, or its status as a value.
    func register(_ r: Int32, _ wrap: @escaping @Sendable (Int64) -> CELValue) -> ValueFn {
      let r = Int(r)
      return { f in f.status[r] == 0 ? wrap(f.values[r]) : Self.abnormal(f.status[r]) }
    }
    switch node {
    case .value(let fn): return fn
    case .bool(let r): return register(r) { .bool($0 != 0) }
    case .int(let r): return register(r) { .int($0) }
    case .double(let r):
      return register(r) { .double(Double(bitPattern: UInt64(bitPattern: $0))) }
    case .time(let r): return register(r) { .timestamp(CELTimestamp(seconds: $0)) }
    case .duration(let r): return register(r) { .duration(CELDuration(seconds: $0)) }
    case .code(let r, let values): return register(r) { .string(values[Int($0)]) }
    case .stringField(let column, let row):
      return { f in
        f.machine.columns[Int(column)].string(at: f.row(row)).map(CELValue.string)
          ?? .unknown(CELUnknown(["a value the fast engine found missing"]))
      }
    case .constantString(let s): return { _ in .string(s) }
    case .constantStrings(let strings):
      let list = CELValue.list(strings.map(CELValue.string))
      return { _ in list }
    case .object(let object): return Self.lift(object, context)
    case .list(let list):
      let element = Self.elementObject(list.source, context)
      let (entry, elements, status) = materializing(list)
      return { f in
        f.run(f.machine.entries[entry])
        if f.status[status] != 0 { return Self.abnormal(f.status[status]) }
        return .list(f.elements(elements).map { element($0, f) })
      }
    case .mapped(let list, let slot, let filter, let transform, let code):
      let (entry, elements, status) = materializing(list)
      let keep = filter.map { (finish($0.instructions), Int($0.result)) }
      let item = (finish(code.instructions), lift(transform))
      let slot = Int(slot)
      return { f in
        f.run(f.machine.entries[entry])
        if f.status[status] != 0 { return Self.abnormal(f.status[status]) }
        var values: [CELValue] = []
        var state: UInt8 = 0
        for element in f.elements(elements) {
          f.locals[slot] = element
          if let (program, result) = keep {
            f.run(f.machine.entries[program])
            if f.status[result] != 0 {
              state = f.status[result]
              continue
            }
            if f.values[result] == 0 { continue }
          }
          f.run(f.machine.entries[item.0])
          switch item.1(f) {
          case .unknown: state = max(state, FastFrame.unknown)
          case .error: state = max(state, FastFrame.error)
          case let v: values.append(v)
          }
        }
        return state == 0 ? .list(values) : Self.abnormal(state)
      }
    }
  }

  /// A program that keeps a list's elements in a scratch list: the program, the scratch
  /// list and the register of its status.
  private mutating func materializing(_ list: FastList) -> (
    program: Int, scratch: Int, status: Int
  ) {
    do throws(FastUnsupported) {
      let ((index, status), instructions) = try detached { me throws(FastUnsupported) in
        try me.iterable(list, always: true)
      }
      return (finish(instructions), Int(lists[Int(index)].scratch), Int(status ?? 0))
    } catch {
      preconditionFailure("keeping a list compiles no expression: \(error)")
    }
  }

  /// The unknown or error value of an abnormal status.
  static func abnormal(_ status: UInt8) -> CELValue {
    status == FastFrame.unknown
      ? .unknown(CELUnknown(["a value the fast engine found missing"]))
      : .error(CELError("a value the fast engine could not compute"))
  }

  /// A record as the reference evaluator's object of it (of the population the context
  /// points at when the closure runs).
  private static func lift(_ object: FastObject, _ context: FastContext) -> ValueFn {
    switch object {
    case .person(let row):
      return { f in .object(PersonObject(data: context.records, person: f.row(row))) }
    case .linked(let slot, let relation):
      return { f in .object(context.linked(f.locals[Int(slot)], relation: relation, f)) }
    case .event(let list, let slot):
      return { f in
        .object(EventObject(data: context.records, list: list, row: f.locals[Int(slot)]))
      }
    case .indicators(let row):
      let typeName =
        row == FastRow.person ? PackTypeProvider.indicators : PackTypeProvider.linkedIndicators
      return { f in .object(context.indicators(of: f.row(row), typeName: typeName, f)) }
    case .links(let row):
      return { f in .object(context.links(of: f.row(row), f)) }
    }
  }

  /// The object of a list's element (an event row or a linked person).
  private static func elementObject(_ source: FastList.Source, _ context: FastContext)
    -> @Sendable (Int, FastFrame) -> CELValue
  {
    switch source {
    case .events(let list, _):
      return { row, _ in .object(EventObject(data: context.records, list: list, row: row)) }
    case .links(let relation, _):
      return { person, f in .object(context.linked(person, relation: relation, f)) }
    }
  }
}

extension FastContext {
  /// A person's indicator outcomes so far, as the `indicators` object.
  func indicators(of person: Int, typeName: String, _ f: FastFrame) -> IndicatorsObject {
    let n = f.indicatorCount
    let outcomes = (0..<n).map { i -> IndicatorOutcome? in
      switch ScoreTable.Outcome(rawValue: f.outcomes[person * n + i]) {
      case .fired: .fired
      case .notFired: .notFired
      case .notEvaluated: .notEvaluated(missing: [])
      case .failed, nil: .failed("")
      }
    }
    return IndicatorsObject(outcomes: outcomes, ids: indicatorIDs, typeName: typeName)
  }

  /// A linked person as a comprehension over `links` binds them.
  func linked(_ person: Int, relation: Int, _ f: FastFrame) -> LinkedObject {
    LinkedObject(
      person: PersonObject(data: records, person: person),
      indicators: indicators(of: person, typeName: PackTypeProvider.linkedIndicators, f),
      relation: relationNames[relation])
  }

  /// A person's linked persons by relation, as the `links` object.
  func links(of person: Int, _ f: FastFrame) -> LinksObject {
    LinksObject(
      byRelation: relationNames.indices.map { r in
        .list(
          FastListRef(offsets: linkOffsets, links: links, relation: r, row: FastRow.person)
            .positions(of: person).map {
              .object(linked(links.unsafelyUnwrapped[$0].to, relation: r, f))
            })
      }, relations: relationNames)
  }
}
