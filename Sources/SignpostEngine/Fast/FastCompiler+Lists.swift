import SignpostCEL
import SignpostRules

extension FastCompiler {
  /// Binds a comprehension variable to the elements of `list` while compiling `body`.
  private mutating func binding<R>(
    _ name: String, to list: FastList, slot: Int32,
    _ body: (inout FastCompiler) throws(FastUnsupported) -> R
  ) throws(FastUnsupported) -> R {
    let local: Local
    switch list.source {
    case .events(let l, _): local = .event(list: l, slot: slot)
    case .links(let relation, _): local = .linked(slot: slot, relation: relation)
    }
    let saved = bind(name, local)
    defer { unbind(name, saved) }
    return try body(&self)
  }

  /// Emits a loop over list `list` with each element in `slot`. `body` emits the loop's
  /// body and returns the instructions whose jumps go to the next element; an unsupplied
  /// list makes `into` unknown. Returns where the loop's `iterate` is, to land other exits.
  @discardableResult
  mutating func loop(
    over list: Int32, slot: Int32, into d: Int32,
    _ body: (inout FastCompiler) throws(FastUnsupported) -> [Int]
  ) throws(FastUnsupported) -> Int {
    let iterator = newRegister(2)
    let start = code.count
    emit(.iterate, d, a: list, b: slot, imm: Int64(iterator))
    let continues = try body(&self)
    for at in continues { land(at) }
    emit(.next, a: list, b: slot, c: Int32(start + 1 - code.count), imm: Int64(iterator))
    land(start)
    return start
  }

  /// A list ready to iterate: a filtered list is first kept in a scratch list, with the
  /// status CEL's `filter` gives it (that of the last predicate without a value) in the
  /// returned register; an unfiltered one is iterated where it is.
  mutating func iterable(_ list: FastList, always: Bool = false) throws(FastUnsupported) -> (
    list: Int32, status: Int32?
  ) {
    guard list.filter != nil || always else { return (list.index, nil) }
    let scratch = newSlot()
    let status = newRegister()
    emit(.clearScratch, a: scratch)
    emit(.constant, status)
    let keep = list.filter?.result ?? literal(1)
    try loop(over: list.index, slot: list.filterSlot, into: status) { me throws(FastUnsupported) in
      me.code += list.filter?.instructions ?? []
      me.emit(.collect, status, a: keep, b: list.filterSlot, c: scratch)
      return []
    }
    return (self.list(FastListRef(offsets: nil, row: 0, scratch: scratch), .scratch), status)
  }

  /// Emits `propagate` of a filter's status into `d`, if there is one; returns where, to land.
  private mutating func propagate(_ status: Int32?, into d: Int32) -> Int? {
    guard let status else { return nil }
    emit(.propagate, d, a: status)
    return code.count - 1
  }

  mutating func comprehension(_ c: Comprehension) throws(FastUnsupported) -> FastNode {
    // Two-variable comprehensions are the CEL runtime's, as generic nodes.
    guard c.iterVar2 == nil else {
      throw FastUnsupported(description: "two-variable \(c.macro)()")
    }
    guard case .list(let source) = compile(c.iterRange) else {
      throw FastUnsupported(description: "\(c.macro)() over something other than events or links")
    }
    let slot = newSlot()
    switch c.macro {
    case "exists", "all":
      let isAll: Int64 = c.macro == "all" ? 1 : 0
      guard case .call(_, _, let args) = c.loopStep.kind, args.count == 2 else {
        throw FastUnsupported(description: "\(c.macro)() shape")
      }
      let (list, status) = try iterable(source)
      let d = newRegister()
      let failed = propagate(status, into: d)
      emit(.constant, d, imm: isAll)
      var decided = 0
      try loop(over: list, slot: slot, into: d) { me throws(FastUnsupported) in
        let predicate = try me.binding(c.iterVar, to: source, slot: slot) {
          me throws(FastUnsupported) in try me.bool(args[1])
        }
        decided = me.code.count
        me.emit(.quantifierStep, d, a: predicate, imm: isAll)
        return []
      }
      land(decided)
      if let failed { land(failed) }
      return .bool(d)
    case "exists_one":
      guard case .call(_, CELOperators.conditional, let args) = c.loopStep.kind, args.count == 3
      else {
        throw FastUnsupported(description: "exists_one() shape")
      }
      let (list, status) = try iterable(source)
      let d = newRegister()
      let failed = propagate(status, into: d)
      emit(.constant, d)
      try loop(over: list, slot: slot, into: d) { me throws(FastUnsupported) in
        let predicate = try me.binding(c.iterVar, to: source, slot: slot) {
          me throws(FastUnsupported) in try me.bool(args[0])
        }
        me.emit(.countStep, d, a: predicate)
        return []
      }
      emit(.existsOneEnd, d)
      if let failed { land(failed) }
      return .bool(d)
    case "filter":
      guard source.filter == nil,
        case .call(_, CELOperators.conditional, let args) = c.loopStep.kind,
        args.count == 3
      else { throw FastUnsupported(description: "filter() shape") }
      let (predicate, instructions) = try detached { me throws(FastUnsupported) in
        try me.binding(c.iterVar, to: source, slot: slot) { me throws(FastUnsupported) in
          try me.bool(args[0])
        }
      }
      var filtered = source
      filtered.filter = FastCode(instructions: instructions, result: predicate)
      filtered.filterSlot = slot
      return .list(filtered)
    case "map":
      var filter: FastCode?
      var append = c.loopStep
      if case .call(_, CELOperators.conditional, let args) = c.loopStep.kind, args.count == 3 {
        let (predicate, instructions) = try detached { me throws(FastUnsupported) in
          try me.binding(c.iterVar, to: source, slot: slot) { me throws(FastUnsupported) in
            try me.bool(args[0])
          }
        }
        filter = FastCode(instructions: instructions, result: predicate)
        append = args[1]
      }
      guard case .call(_, CELOperators.add, let parts) = append.kind, parts.count == 2,
        case .list(let items) = parts[1].kind, items.count == 1
      else { throw FastUnsupported(description: "map() shape") }
      let (transform, instructions) = try detached { me throws(FastUnsupported) in
        try me.binding(c.iterVar, to: source, slot: slot) { me throws(FastUnsupported) in
          me.compile(items[0])
        }
      }
      return .mapped(
        source, slot: slot, filter: filter, transform: transform,
        code: FastCode(instructions: instructions, result: transform.register ?? -1))
    default:
      throw FastUnsupported(description: "macro \(c.macro)")
    }
  }

  /// Emits a fold over a `map`'s values into two new registers (the result and its count),
  /// following CEL's accumulation (`accumulator + [t]`): a filter without a value, or a
  /// transform without one, makes the result unknown or an error.
  private mutating func fold(_ node: FastNode, _ kind: FastFold) throws(FastUnsupported) -> Int32 {
    guard case .mapped(let source, let slot, let filter, _, let transform) = node,
      transform.result >= 0
    else { throw FastUnsupported(description: "a fold of this kind") }
    let (list, status) = try iterable(source)
    let d = newRegister(2)
    emit(.constant, d)
    emit(.constant, d + 1)
    let failed = propagate(status, into: d)
    try loop(over: list, slot: slot, into: d) { me throws(FastUnsupported) in
      var continues: [Int] = []
      if let filter {
        me.code += filter.instructions
        continues.append(me.code.count)
        me.emit(.mapFilter, d, a: filter.result)
      }
      me.code += transform.instructions
      me.emit(.foldStep, d, a: transform.result, c: kind.rawValue)
      return continues
    }
    if let failed { land(failed) }
    emit(.foldEnd, d, c: kind.rawValue)
    return d
  }

  mutating func size(_ node: FastNode) throws(FastUnsupported) -> FastNode {
    switch node {
    case .list(let list):
      guard let filter = list.filter else { return .int(result(.count, a: list.index)) }
      if case .links = list.source, let read = Self.linkedOutcomes(filter, slot: list.filterSlot) {
        return .int(result(.countOutcomes, a: list.index, b: read.a, c: read.c, imm: read.imm))
      }
      let d = newRegister()
      emit(.constant, d)
      try loop(over: list.index, slot: list.filterSlot, into: d) { me throws(FastUnsupported) in
        me.code += filter.instructions
        me.emit(.countStep, d, a: filter.result)
        return []
      }
      return .int(d)
    case .mapped:
      return .int(try fold(node, .count))
    default: throw FastUnsupported(description: "size() of this kind")
    }
  }

  /// A filter of linked persons that reads only one indicator's outcome of the linked person,
  /// or two joined by `&&` or `||` (``FastOp/outcomeLogical``): the indicators and the
  /// ``FastOp/countOutcomes`` mode, so that one instruction counts the list.
  private static func linkedOutcomes(_ filter: FastCode, slot: Int32) -> (
    a: Int32, c: Int32, imm: Int64
  )? {
    guard filter.instructions.count == 1, let read = filter.instructions.first,
      read.dst == filter.result, read.b == slot
    else { return nil }
    switch read.op {
    case .outcome: return (read.a, 0, 2)
    case .outcomeLogical: return (read.a, read.c, read.imm)
    default: return nil
    }
  }

  mutating func extreme(isMax: Bool, _ node: FastNode) throws(FastUnsupported) -> FastNode {
    guard case .mapped(_, _, _, let transform, _) = node else {
      throw FastUnsupported(description: "max()/min() of this kind")
    }
    switch transform {
    case .int: return .int(try fold(node, isMax ? .maxInt : .minInt))
    case .time: return .time(try fold(node, isMax ? .maxInt : .minInt))
    case .double: return .double(try fold(node, isMax ? .maxDouble : .minDouble))
    default: throw FastUnsupported(description: "max()/min() of this kind")
    }
  }

  mutating func sum(_ node: FastNode) throws(FastUnsupported) -> FastNode {
    guard case .mapped(_, _, _, .int, _) = node else {
      throw FastUnsupported(description: "sum() of this kind")
    }
    return .int(try fold(node, .sum))
  }
}
