import SignpostCEL
import SignpostRules

extension FastCompiler {
  /// A node the compiler does not specialise, with the reference meaning: a call of a strict
  /// function applies the function's own implementation to the operands (compiled as fast
  /// nodes where they can be); anything else is planned by the CEL runtime as a part of its
  /// program, with the variables and comprehension variables it reads bound from the frame.
  /// A value of a primitive checked type comes back as a typed node.
  mutating func generic(_ expr: Expr) -> FastNode {
    guard let program else {
      return .value { _ in .error(CELError("expression compiled outside its program")) }
    }
    let value: ValueFn
    if let (function, operands) = strictCall(expr, program) {
      var lifted = operands.map { Self.lift(compile($0), context) }
      for name in function.implicitArguments { lifted.append(binding(name)) }
      let arguments = lifted
      let implementation = function.implementation
      let name = function.name
      value = { f in implementation.apply(arguments.map { $0(f) }, name: name) }
    } else {
      let part = program.part(expr, locals: Array(locals.keys))
      let bindings = part.variableSlots.map { ($0.value, binding($0.key)) }
      value = { f in
        let activation = part.makeActivation()
        for (slot, binding) in bindings { activation.slots[slot] = binding(f) }
        return part.evaluate(activation)
      }
    }
    return Self.lower(value, as: program.nodeTypes[expr.id] ?? .dyn)
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
      return Self.lift(locals[name] != nil ? try local(name) : try variable(name), context)
    } catch {
      let message = name == "age" ? "the schema has no birth date" : "unbound variable '\(name)'"
      return { _ in .error(CELError(message)) }
    }
  }

  /// A CEL value as a typed node when its checked type has one.
  static func lower(_ value: @escaping ValueFn, as type: CELType) -> FastNode {
    /// The payload `extract` finds, or the frame flagged unknown or failed.
    func typed<T: Sendable>(_ zero: T, _ extract: @escaping @Sendable (CELValue) -> T?)
      -> @Sendable (FastFrame) -> T
    {
      { f in
        let v = value(f)
        if let payload = extract(v) { return payload }
        if case .unknown = v { f.flag = FastFrame.unknown } else { f.flag = FastFrame.error }
        return zero
      }
    }
    switch type {
    case .bool: return .bool(typed(false) { if case .bool(let b) = $0 { b } else { nil } })
    case .int: return .int(typed(0) { if case .int(let i) = $0 { i } else { nil } })
    case .double: return .double(typed(0) { if case .double(let d) = $0 { d } else { nil } })
    case .timestamp:
      return .time(typed(0) { if case .timestamp(let t) = $0 { t.seconds } else { nil } })
    case .duration:
      return .duration(typed(0) { if case .duration(let d) = $0 { d.seconds } else { nil } })
    case .string: return .string(typed("") { if case .string(let s) = $0 { s } else { nil } })
    default: return .value(value)
    }
  }

  /// The CEL value of a node, an abnormal status as an unknown or error value (the frame's
  /// flag left clear). Only the status of an unknown or error matters to the fast engine.
  static func lift(_ node: FastNode, _ context: FastContext) -> ValueFn {
    /// Runs a typed closure, turning its status into the value.
    func typed<T: Sendable>(
      _ fn: @escaping @Sendable (FastFrame) -> T, _ wrap: @escaping @Sendable (T) -> CELValue
    ) -> ValueFn {
      { f in
        let v = fn(f)
        let status = f.flag
        f.flag = 0
        return status == 0 ? wrap(v) : abnormal(status)
      }
    }
    switch node {
    case .value(let fn): return fn
    case .bool(let fn): return typed(fn, CELValue.bool)
    case .int(let fn): return typed(fn, CELValue.int)
    case .double(let fn): return typed(fn, CELValue.double)
    case .time(let fn): return typed(fn) { .timestamp(CELTimestamp(seconds: $0)) }
    case .duration(let fn): return typed(fn) { .duration(CELDuration(seconds: $0)) }
    case .code(let fn, let values): return typed(fn) { .string(values[Int($0)]) }
    case .string(let fn): return typed(fn, CELValue.string)
    case .constantString(let s): return { _ in .string(s) }
    case .constantStrings(let strings):
      let list = CELValue.list(strings.map(CELValue.string))
      return { _ in list }
    case .object(let object): return lift(object, context)
    case .list(let list):
      let element = elementObject(list.source, context)
      return { f in
        let status = materialize(list, f)
        if status != 0 { return abnormal(status) }
        return .list(f.elements(list.scratch).map { element($0, f) })
      }
    case .mapped(let list, let slot, let filter, let transform):
      let item = lift(transform, context)
      return { f in
        var values: [CELValue] = []
        let status = foldMapped(list, slot: slot, filter: filter, f) { frame in
          let v = item(frame)
          switch v {
          case .unknown: frame.flag = FastFrame.unknown
          case .error: frame.flag = FastFrame.error
          default: values.append(v)
          }
        }
        return status == 0 ? .list(values) : abnormal(status)
      }
    }
  }

  /// The unknown or error value of an abnormal status.
  static func abnormal(_ status: UInt8) -> CELValue {
    status == FastFrame.unknown
      ? .unknown(CELUnknown(["a value the fast engine found missing"]))
      : .error(CELError("a value the fast engine could not compute"))
  }

  /// A record as the reference evaluator's object of it.
  private static func lift(_ object: FastObject, _ context: FastContext) -> ValueFn {
    let records = context.records
    switch object {
    case .person(.current):
      return { f in .object(PersonObject(data: records, person: f.person)) }
    case .person(.linked(let slot, let relation)):
      return { f in .object(context.linked(f.locals[slot], relation: relation, f)) }
    case .event(let list, let slot):
      return { f in .object(EventObject(data: records, list: list, row: f.locals[slot])) }
    case .indicators(let owner):
      let typeName: String
      if case .current = owner {
        typeName = PackTypeProvider.indicators
      } else {
        typeName = PackTypeProvider.linkedIndicators
      }
      return { f in .object(context.indicators(of: owner.person(f), typeName: typeName, f)) }
    case .links(let owner):
      return { f in .object(context.links(of: owner.person(f), f)) }
    }
  }

  /// The object of a list's element (an event row or a linked person).
  private static func elementObject(_ source: FastList.Source, _ context: FastContext)
    -> @Sendable (Int, FastFrame) -> CELValue
  {
    let records = context.records
    switch source {
    case .events(let list, _):
      return { row, _ in .object(EventObject(data: records, list: list, row: row)) }
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
          linkTargets[r][linkOffsets[r][person]..<linkOffsets[r][person + 1]].map {
            .object(linked($0, relation: r, f))
          })
      }, relations: relationNames)
  }
}
