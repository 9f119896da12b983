/// Turns a checked expression into a tree of evaluation closures with every name resolved
/// to a slot and every function to its implementation, once, before any evaluation.
struct Planner {
  private let checked: CheckedExpression
  private let environment: CELEnvironment
  private let observed: Bool
  private(set) var variableSlots: [String: Int] = [:]
  private(set) var slotCount = 0
  private var scopes: [[String: Int]] = []

  /// `locals` are comprehension variables bound outside the planned expression: each is read
  /// from a variable slot of its own (see ``CELProgram/part(_:locals:)``).
  init(checked: CheckedExpression, environment: CELEnvironment, observed: Bool, locals: [String]) {
    self.checked = checked
    self.environment = environment
    self.observed = observed
    var outer: [String: Int] = [:]
    for name in locals where outer[name] == nil {
      outer[name] = slotCount
      variableSlots[name] = slotCount
      slotCount += 1
    }
    if !outer.isEmpty { scopes = [outer] }
  }

  mutating func plan(_ expr: Expr) -> Evaluation {
    let evaluation = planNode(expr)
    guard observed else { return evaluation }
    let id = expr.id
    return { activation in
      let value = evaluation(activation)
      activation.observer?(id, value)
      return value
    }
  }

  private mutating func slot(forVariable name: String) -> Int {
    if let slot = variableSlots[name] { return slot }
    let slot = slotCount
    slotCount += 1
    variableSlots[name] = slot
    return slot
  }

  private func localSlot(_ name: String) -> Int? {
    for scope in scopes.reversed() {
      if let slot = scope[name] { return slot }
    }
    return nil
  }

  private static func constant(_ value: CELValue) -> Evaluation { { _ in value } }

  private mutating func planNode(_ expr: Expr) -> Evaluation {
    switch expr.kind {
    case .constant(let value):
      return Self.constant(value)
    case .identifier(let name):
      return planName(name)
    case .select(let operand, let field, let testOnly):
      if !testOnly, let name = expr.qualifiedName,
        name.hasPrefix(".") || localSlot(String(name.prefix { $0 != "." })) == nil
      {
        if let resolved = environment.resolve(name) {
          let slot = slot(forVariable: resolved)
          return { $0.slots[slot] }
        }
        if let type = CELEnvironment.typeName(name) { return Self.constant(.type(type)) }
      }
      return planSelect(operand, field: field, testOnly: testOnly)
    case .call(let target, let function, let args):
      return planCall(target: target, function: function, args: args)
    case .list(let elements):
      let plans = elements.map { plan($0) }
      return { activation in
        var values: [CELValue] = []
        values.reserveCapacity(plans.count)
        for p in plans {
          let v = p(activation)
          if v.isAbsorbing { return CELValue.propagate(plans.map { $0(activation) }) ?? v }
          values.append(v)
        }
        return .list(values)
      }
    case .map(let entries):
      let plans = entries.map { (plan($0.key), plan($0.value)) }
      return { activation in
        var pairs: [(CELValue, CELValue)] = []
        for (k, v) in plans {
          let key = k(activation)
          let value = v(activation)
          if let absorbed = CELValue.propagate(key, value) { return absorbed }
          pairs.append((key, value))
        }
        switch CELMap.make(pairs) {
        case .success(let map): return .map(map)
        case .failure(let error): return .error(error)
        }
      }
    case .comprehension(let c):
      return planComprehension(c)
    }
  }

  private mutating func planName(_ name: String) -> Evaluation {
    if !name.hasPrefix("."), let slot = localSlot(name) {
      return { $0.slots[slot] }
    }
    if let resolved = environment.resolve(name) {
      let slot = slot(forVariable: resolved)
      return { $0.slots[slot] }
    }
    if let type = CELEnvironment.typeName(name) {
      return Self.constant(.type(type))
    }
    return Self.constant(.error(CELError("undeclared reference to '\(name)'")))
  }

  private mutating func planSelect(_ operand: Expr, field: String, testOnly: Bool) -> Evaluation {
    let operandPlan = plan(operand)
    var resolvedSlot: Int?
    if case .object(let typeName) = checked.types[operand.id] {
      resolvedSlot = environment.provider?.fieldSlot(of: typeName, field: field)
    }
    let objectSlot = resolvedSlot
    let key = CELValue.string(field)
    return { activation in
      let value = operandPlan(activation)
      switch value {
      case .object(let object):
        if let objectSlot {
          return testOnly ? object.has(objectSlot) : object.field(at: objectSlot)
        }
        guard let fieldValue = object.field(named: field) else {
          return .error(CELError("no such field '\(field)'"))
        }
        if testOnly {
          if case .unknown = fieldValue { return .bool(false) }
          return .bool(true)
        }
        return fieldValue
      case .map(let map):
        if testOnly { return .bool(map[key] != nil) }
        return map[key] ?? .error(CELError("no such key: \(field)"))
      case .error, .unknown:
        return value
      default:
        return .error(
          CELError("no such overload: cannot select '\(field)' from \(value.typeName)"))
      }
    }
  }

  private mutating func planCall(target: Expr?, function: String, args: [Expr]) -> Evaluation {
    var name = function.hasPrefix(".") ? String(function.dropFirst()) : function
    var operands = args
    if let target { operands.insert(target, at: 0) }
    if let target, let qualified = target.qualifiedName,
      environment.functions["\(qualified).\(function)"] != nil,
      environment.resolve(qualified) == nil
    {
      name = "\(qualified).\(function)"
      operands = args
    }
    switch name {
    case CELOperators.logicalAnd, CELOperators.logicalOr:
      return Self.planLogical(
        isAnd: name == CELOperators.logicalAnd, plan(operands[0]), plan(operands[1]))
    case CELOperators.conditional:
      let (c, t, f) = (plan(operands[0]), plan(operands[1]), plan(operands[2]))
      return { activation in
        switch c(activation) {
        case .bool(true): return t(activation)
        case .bool(false): return f(activation)
        case let absorbing where absorbing.isAbsorbing: return absorbing
        case let other: return CELValue.noSuchOverload(CELOperators.conditional, other)
        }
      }
    case CELOperators.notStrictlyFalse:
      let p = plan(operands[0])
      return { activation in
        if case .bool(false) = p(activation) { return .bool(false) }
        return .bool(true)
      }
    default: break
    }
    guard let declaration = environment.functions[name] else {
      return Self.constant(.error(CELError("unknown function '\(name)'")))
    }
    var plans: [Evaluation] = []
    plans.reserveCapacity(operands.count + declaration.implicitArguments.count)
    for operand in operands { plans.append(plan(operand)) }
    for implicit in declaration.implicitArguments {
      plans.append(planName(implicit))
    }
    return Self.strictCall(declaration.implementation, plans, name)
  }

  /// A call that passes errors and unknowns in its arguments straight through.
  private static func strictCall(
    _ implementation: CELImplementation, _ plans: [Evaluation], _ name: String
  ) -> Evaluation {
    switch (implementation, plans.count) {
    case (.unary(let f), 1):
      let p = plans[0]
      return { activation in
        let v = p(activation)
        return v.isAbsorbing ? v : f(v)
      }
    case (.binary(let f), 2):
      let (p, q) = (plans[0], plans[1])
      return { activation in
        let x = p(activation)
        let y = q(activation)
        if x.isAbsorbing || y.isAbsorbing { return CELValue.propagate(x, y) ?? x }
        return f(x, y)
      }
    case (.ternary(let f), 3):
      let (p, q, r) = (plans[0], plans[1], plans[2])
      return { activation in
        let x = p(activation)
        let y = q(activation)
        let z = r(activation)
        if let absorbed = CELValue.propagate(x, y, z) { return absorbed }
        return f(x, y, z)
      }
    default:
      return { activation in implementation.apply(plans.map { $0(activation) }, name: name) }
    }
  }

  /// `&&` and `||` as CEL defines them: commutative, with `false` (for `&&`) or `true` (for
  /// `||`) absorbing errors and unknowns on either side.
  private static func planLogical(
    isAnd: Bool, _ left: @escaping Evaluation, _ right: @escaping Evaluation
  )
    -> Evaluation
  {
    { activation in
      let l = left(activation)
      if CELLogic.decides(isAnd: isAnd, l.boolValue) { return l }
      let r = right(activation)
      if let value = CELLogic.absorb(isAnd: isAnd, l.boolValue, r.boolValue) {
        return .bool(value)
      }
      if let absorbed = CELValue.propagate(l, r) { return absorbed }
      let other = (l.isBool ? r : l)
      return CELValue.noSuchOverload(
        isAnd ? CELOperators.logicalAnd : CELOperators.logicalOr, other)
    }
  }

  private mutating func planComprehension(_ c: Comprehension) -> Evaluation {
    let range = plan(c.iterRange)
    let initial = plan(c.accuInit)
    let accuSlot = slotCount
    let iterSlot = slotCount + 1
    let secondSlot = slotCount + 2
    slotCount += 3
    scopes.append([c.accuVar: accuSlot])
    var variables = [c.iterVar: iterSlot]
    if let second = c.iterVar2 { variables[second] = secondSlot }
    scopes.append(variables)
    let condition = plan(c.loopCondition)
    let step = plan(c.loopStep)
    scopes.removeLast()
    let result = plan(c.result)
    scopes.removeLast()
    let macro = c.macro
    let twoVariables = c.iterVar2 != nil
    return { activation in
      let rangeValue = range(activation)
      // The first variable's values and, for two variables, the second's.
      let items: [CELValue]
      var seconds: [CELValue] = []
      switch rangeValue {
      case .list(let list):
        items = twoVariables ? list.indices.map { .int(Int64($0)) } : list
        if twoVariables { seconds = list }
      case .map(let map):
        items = map.keys
        if twoVariables { seconds = map.values }
      case .error, .unknown: return rangeValue
      default:
        return .error(CELError("\(macro)() cannot iterate over \(rangeValue.typeName)"))
      }
      activation.slots[accuSlot] = initial(activation)
      for (position, item) in items.enumerated() {
        activation.slots[iterSlot] = item
        if twoVariables { activation.slots[secondSlot] = seconds[position] }
        guard case .bool(true) = condition(activation) else { break }
        activation.slots[accuSlot] = step(activation)
      }
      return result(activation)
    }
  }
}

extension CELValue {
  fileprivate var isBool: Bool { boolValue != nil }

  /// The bool this value holds, if it is one.
  fileprivate var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
}
